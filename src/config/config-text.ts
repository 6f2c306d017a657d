/** A config file's text → plain data: YAML or JSON by the file name, syntax errors with positions. */
import { parseDocument } from 'yaml';
import { errorMessage } from '../utils/errors.ts';
import { ConfigError } from './messages.ts';

function where(pos: { line: number; col: number } | undefined): string {
  return pos ? `: line ${pos.line}, column ${pos.col}` : '';
}

/**
 * The parsed document (`.yaml`/`.yml` or `.json`, by `fileName`'s extension). Throws `ConfigError`
 * naming the file, line and column of a syntax error, or an unsupported extension.
 */
export function readConfigText(text: string, fileName: string): unknown {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'yaml' || ext === 'yml') {
    // `merge`: YAML `<<: *defaults` lets many sources share one block of settings.
    const doc = parseDocument(text, { prettyErrors: true, merge: true });
    if (doc.errors.length > 0) {
      throw new ConfigError(
        doc.errors.map((e) => {
          const pos = e.linePos?.[0];
          const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
          return `${fileName}${where(pos)}: YAML syntax error: ${what}`;
        }),
      );
    }
    return doc.toJS();
  }
  if (ext === 'json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      // V8 messages carry a position only sometimes, and may quote the whole input: keep them short.
      const msg = errorMessage(err).replace(/,? (?:\.\.\.)?".*" is not valid JSON$/s, '');
      const at = /position (\d+)/.exec(msg);
      let pos: { line: number; col: number } | undefined;
      if (at) {
        const before = text.slice(0, Number(at[1]));
        pos = { line: before.split('\n').length, col: Number(at[1]) - before.lastIndexOf('\n') };
      } else {
        // JSON is YAML: let the YAML parser locate the problem.
        pos = parseDocument(text).errors[0]?.linePos?.[0];
      }
      throw new ConfigError([`${fileName}${where(pos)}: JSON syntax error: ${msg}`]);
    }
  }
  throw new ConfigError([
    `${fileName}: unsupported config file type${ext ? ` ".${ext}"` : ''}: use .yaml, .yml or .json`,
  ]);
}
