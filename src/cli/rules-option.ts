/**
 * `--rules PATH` of `feedwright extract` and `feedwright preview`: site rules (Full-Text RSS
 * format) from a rule file, used for every page, or a directory of them, looked up by each page's
 * host (with its global.txt) as the top-level `siteConfig` is.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { siteRuleResolver, type ResolvedRules } from '../pipeline/site-rules.ts';
import { readSiteConfigFile } from '../runtime/node/site-config-files.ts';

/** The rules for a page, and problems to print (a skipped line, a file that cannot be read). */
export type RulesFor = (pageUrl: string) => Promise<ResolvedRules>;

export async function rulesOption(path: string): Promise<RulesFor> {
  const at = pathToFileURL(resolve(path)).href;
  let directory: boolean;
  try {
    directory = (await stat(resolve(path))).isDirectory();
  } catch {
    throw new Error(`--rules: no such file or directory: ${path}`);
  }
  if (directory) return siteRuleResolver(readSiteConfigFile, at);
  const resolver = siteRuleResolver(readSiteConfigFile);
  return (pageUrl) => resolver(pageUrl, at);
}
