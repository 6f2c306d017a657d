/**
 * Which site rules apply to an article page: the source's own rule file (`siteConfig` on the
 * source), else the rule directory (top-level `siteConfig`) looked up by host as Full-Text RSS
 * does, merged with the directory's global.txt. Files are read through the runtime's reader
 * (Node: disk; Workers: the bundled assets) and parsed once per resolver.
 */
import {
  GLOBAL_RULES_FILE, mergeSiteRules, parseSiteConfig, siteConfigCandidates, type SiteRules,
} from '../config/site-config.ts';
import type { applySiteRules } from '../extract/site-rules.ts';
import { errorMessage } from '../utils/errors.ts';

/** Reads a rule file by `file:` URL: its text, or null when there is no such file. */
export type ReadSiteConfig = (fileUrl: string) => Promise<string | null>;

/**
 * The rules for a page (or null), and problems to report once: a file that cannot be read, lines
 * of the files used that were skipped.
 */
export interface ResolvedRules {
  rules: SiteRules | null;
  problems: string[];
}

export type SiteRuleResolver = (pageUrl: string, sourceFile?: string) => Promise<ResolvedRules>;

/** `applySiteRules`, wherever it runs (in-process, or in an extraction thread). */
export type ApplyRulesFn = (...args: Parameters<typeof applySiteRules>) => Promise<ReturnType<typeof applySiteRules>>;

/** `dir`: the rule directory as a `file:` URL (with or without the final slash), if configured. */
export function siteRuleResolver(read: ReadSiteConfig, dir?: string): SiteRuleResolver {
  const files = new Map<string, Promise<{ rules: SiteRules | null; problem?: string }>>();
  const load = (url: string) => {
    let p = files.get(url);
    if (!p) {
      p = read(url).then(
        (text) => ({ rules: text === null ? null : parseSiteConfig(text, displayName(url)) }),
        (err) => ({ rules: null, problem: `site rules ${displayName(url)}: ${errorMessage(err)}` }),
      ).catch((err) => ({ rules: null, problem: `site rules ${errorMessage(err)}` }));
      files.set(url, p);
    }
    return p;
  };
  const base = dir ? (dir.endsWith('/') ? dir : `${dir}/`) : null;

  return async (pageUrl, sourceFile) => {
    const problems: string[] = [];
    if (sourceFile) {
      const own = await load(sourceFile);
      if (own.problem) problems.push(own.problem);
      else if (!own.rules) problems.push(`site rules ${displayName(sourceFile)}: no such file (the source's siteConfig)`);
      else problems.push(...skippedLines(own.rules));
      return { rules: own.rules, problems };
    }
    if (!base) return { rules: null, problems };
    let host: string;
    try {
      host = new URL(pageUrl).hostname;
    } catch {
      return { rules: null, problems };
    }
    let site: SiteRules | null = null;
    for (const name of siteConfigCandidates(host)) {
      const found = await load(new URL(encodeURIComponent(name), base).href);
      if (found.problem) problems.push(found.problem);
      if (found.rules) {
        site = found.rules;
        break;
      }
    }
    const global = await load(new URL(GLOBAL_RULES_FILE, base).href);
    if (global.problem) problems.push(global.problem);
    const rules = site && global.rules ? mergeSiteRules(site, global.rules) : site ?? global.rules;
    if (rules) problems.push(...skippedLines(rules));
    return { rules, problems };
  };
}

/** A rule file's skipped lines, as warnings (each names its file and line). */
function skippedLines(rules: SiteRules): string[] {
  return rules.problems.map((p) => `site rules ${p}`);
}

/** A rule file named for people: its path for `file:` URLs. */
function displayName(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? decodeURIComponent(u.pathname) : url;
  } catch {
    return url;
  }
}
