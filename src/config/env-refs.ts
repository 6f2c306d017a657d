/**
 * `${ENV_NAME}` references in config values (request headers, cookies, User-Agent, proxies,
 * webhook URLs and secrets), so that secrets stay out of the file. The one place they are
 * substituted: each runtime calls `resolveEnvRefs` with its own environment right after parsing,
 * and every other module only ever sees resolved values.
 */
import { hasEnvRef, REF } from './env-ref-syntax.ts';
import { ConfigError } from './messages.ts';
import type { FeedwrightConfig, NotifyTarget, RequestOptions, SourceConfig } from './types.ts';

/** The environment a runtime resolves references from (Node: process.env; Workers: string bindings). */
export type EnvVars = Record<string, string | undefined>;

/**
 * `config` with every `${NAME}` replaced by the variable's value. Throws a ConfigError naming the
 * file, the source, the field and the variable for each one that is not set; resolved URLs are
 * checked again (a variable may hold anything).
 */
export function resolveEnvRefs(config: FeedwrightConfig, env: EnvVars, fileName: string): FeedwrightConfig {
  const problems: string[] = [];
  const resolver = (where: string) => (value: string, field: string): string => {
    if (!hasEnvRef(value)) return value;
    return value.replace(REF, (_, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') {
        problems.push(`${fileName}: ${where}${field}: environment variable ${name} is not set (referenced as \${${name}})`);
        return '';
      }
      return v;
    });
  };
  const top = resolver('');
  const out: FeedwrightConfig = { ...config, sources: config.sources.map((s) => resolveSource(s, resolver(`source ${JSON.stringify(s.id)}: `))) };
  if (config.notify) out.notify = config.notify.map((t, i) => resolveTarget(t, `notify[${i}]`, top, problems, fileName, ''));
  if (config.proxy !== undefined) out.proxy = checkUrl(top(config.proxy, 'proxy'), 'proxy', problems, fileName, '');
  if (problems.length > 0) throw new ConfigError(problems);
  return out;

  function resolveSource(source: SourceConfig, resolve: (v: string, field: string) => string): SourceConfig {
    const s: SourceConfig = { ...source };
    const where = `source ${JSON.stringify(source.id)}: `;
    if (source.request) s.request = resolveRequest(source.request, resolve, where);
    if (source.notify) s.notify = source.notify.map((t, i) => resolveTarget(t, `notify[${i}]`, resolve, problems, fileName, where));
    return s;
  }

  function resolveRequest(r: RequestOptions, resolve: (v: string, field: string) => string, where: string): RequestOptions {
    const out: RequestOptions = {};
    const map = (m: Record<string, string>, field: string) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, resolve(v, `request.${field}.${k}`)]));
    if (r.headers) out.headers = map(r.headers, 'headers');
    if (r.cookies) out.cookies = map(r.cookies, 'cookies');
    if (r.userAgent !== undefined) out.userAgent = resolve(r.userAgent, 'request.userAgent');
    if (r.proxy !== undefined) out.proxy = checkUrl(resolve(r.proxy, 'request.proxy'), 'request.proxy', problems, fileName, where);
    return out;
  }
}

/** One source's references (a database source, resolved when it is loaded); `label` names where it comes from. */
export function resolveSourceRefs(source: SourceConfig, env: EnvVars, label: string): SourceConfig {
  return resolveEnvRefs({ allowPrivateNetworks: false, sources: [source] }, env, label).sources[0];
}

function resolveTarget(
  t: NotifyTarget, field: string, resolve: (v: string, field: string) => string, problems: string[], fileName: string, where: string,
): NotifyTarget {
  const out: NotifyTarget = { ...t, url: checkUrl(resolve(t.url, `${field}.url`), `${field}.url`, problems, fileName, where) };
  if (t.secret !== undefined) out.secret = resolve(t.secret, `${field}.secret`);
  return out;
}

/** A resolved URL must still be http(s); the message never repeats the value (it may be secret). */
function checkUrl(value: string, field: string, problems: string[], fileName: string, where: string): string {
  if (value === '') return value; // the missing variable was reported
  let ok = false;
  try {
    const u = new URL(value);
    ok = u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    // reported below
  }
  if (!ok) problems.push(`${fileName}: ${where}${field}: must be an absolute http(s) URL once its environment variables are substituted`);
  return value;
}
