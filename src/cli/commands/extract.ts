import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULTS } from '../../defaults.ts';
import type { ExtractOptions } from '../../extract/options.ts';
import type { Command } from '../command.ts';

export const extractCommand: Command = {
  summary: 'print one article, extracted and normalized, as JSON',
  usage: `Usage: feedwright extract <FILE or URL> [options]

Reads an article page from a file or over HTTP(S) and prints what feedwright extracts from it:
title, author, date, text, html, excerpt, siteName, lang, image, canonicalUrl, categories.

Options:
      --url URL          the page's address, for resolving links in a FILE (default: the file's URL)
      --rules PATH       read the page under site rules (Full-Text RSS format): a rule file, or a
                         directory of them looked up by the page's host (with its global.txt), as
                         siteConfig does; lines skipped and expressions failing are printed to stderr
      --timezone ZONE    IANA time zone for dates written without an offset (default ${DEFAULTS.timezone})
      --language TAG     the source's language, as \`language:\` in a config: dates of a page that names
                         none are read in it; "en-GB" reads an "en" page's 06/09/2020 as 6 September
      --allow-private    allow a URL on a loopback or private address
  -h, --help             show this help`,
  options: {
    url: { type: 'string' },
    rules: { type: 'string' },
    timezone: { type: 'string' },
    language: { type: 'string' },
    'allow-private': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  async run(values, positionals) {
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new Error('give exactly one FILE or URL');
    const { extractArticle } = await import('../../extract/index.ts');
    const { createFetcher } = await import('../../fetch/fetcher.ts');
    const { publicOnlyFetch, readFile, resolveHost } = await import('../../runtime/node/net.ts');
    const timezone = values.timezone as string | undefined;
    if (timezone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: timezone });
      } catch {
        throw new Error(`--timezone: unknown IANA time zone "${timezone}"`);
      }
    }
    let language: string | undefined;
    if (values.language !== undefined) {
      const { readLanguageTag } = await import('../../config/source-schema.ts');
      const read = readLanguageTag(values.language as string);
      if ('problem' in read) throw new Error(`--language: ${read.problem}`);
      language = read.tag;
    }
    const isUrl = /^https?:\/\//i.test(target);
    const allowPrivateNetworks = Boolean(values['allow-private']);
    // A URL through the public-only connection; a FILE as a file: source reads it (charset, size cap).
    const fetch = isUrl
      ? createFetcher({ allowPrivateNetworks, resolveHost, fetch: allowPrivateNetworks ? undefined : publicOnlyFetch() })
      : createFetcher({ readFile });
    const address = isUrl ? target : pathToFileURL(resolve(target)).href;
    const given = values.url as string | undefined;
    const extract = (html: string, url: string, options: ExtractOptions = {}) =>
      Promise.resolve(extractArticle(html, url, { ...options, timezone, ...(language ? { language } : {}), headlineTitle: true }));

    const rulesPath = values.rules as string | undefined;
    if (!rulesPath) {
      const page = await fetch(address, { allowFile: !isUrl });
      console.log(JSON.stringify(await extract(page.text, given ?? page.url), null, 2));
      return 0;
    }
    const warn = (message: string) => console.error(`warning: ${message}`);
    const { rulesOption } = await import('../rules-option.ts');
    const pageUrl = given ?? address;
    const { rules, problems } = await (await rulesOption(rulesPath))(pageUrl);
    problems.forEach(warn);
    if (!rules) throw new Error(`--rules: no rule file in ${rulesPath} for ${new URL(pageUrl).hostname}`);
    // The page, its single-page version or later pages, read as a scrape reads them. A saved FILE
    // stands for --url (its rule links resolve as the site's would) and is the only page read.
    const { readRuledPage, extractRuledArticle } = await import('../../pipeline/collect/ruled-page.ts');
    const readAs: typeof fetch = isUrl ? fetch : async (u, o) => {
      if (u !== address && u !== given) throw new Error('not read: the page is a saved FILE (give its URL to follow the rules\' links)');
      const page = await fetch(address, o);
      return given ? { ...page, url: given } : page;
    };
    const { page, ruled } = await readRuledPage(given ?? address, rules, { fetch: readAs }, !isUrl, warn);
    const source = { article: { fetch: true }, timezone: timezone ?? DEFAULTS.timezone, ...(language ? { language } : {}) };
    console.log(JSON.stringify(await extractRuledArticle(ruled, page.url, rules, source, { now: new Date() }, extract), null, 2));
    return 0;
  },
};
