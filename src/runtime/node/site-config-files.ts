/** Site rule files on Node: read from disk by `file:` URL (null when absent), size-capped. */
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../../defaults.ts';
import type { ReadSiteConfig } from '../../pipeline/site-rules.ts';

export const readSiteConfigFile: ReadSiteConfig = async (url) => {
  let handle;
  try {
    handle = await open(fileURLToPath(url), 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new Error(`cannot read (${code ?? err})`);
  }
  try {
    const { size } = await handle.stat();
    if (size > DEFAULTS.maxSiteConfigBytes) throw new Error(`larger than ${DEFAULTS.maxSiteConfigBytes} bytes`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
};
