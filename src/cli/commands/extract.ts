import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULTS } from '../../defaults.ts';
import type { Command } from '../command.ts';

export const extractCommand: Command = {
  summary: 'print one article, extracted and normalized, as JSON',
  usage: `Usage: feedwright extract <FILE or URL> [options]

Reads an article page from a file or over HTTP(S) and prints what feedwright extracts from it:
title, author, date, text, html, excerpt, siteName, lang, image, canonicalUrl, categories.

Options:
      --url URL          the page's address, for resolving links in a FILE (default: the file's URL)
      --timezone ZONE    IANA time zone for dates written without an offset (default ${DEFAULTS.timezone})
      --allow-private    allow a URL on a loopback or private address
  -h, --help             show this help`,
  options: {
    url: { type: 'string' },
    timezone: { type: 'string' },
    'allow-private': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  async run(values, positionals) {
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new Error('give exactly one FILE or URL');
    const { extractArticle } = await import('../../extract/index.ts');
    const { createFetcher } = await import('../../fetch/fetcher.ts');
    const { publicOnlyFetch, readFile, resolveHost } = await import('../../runtime/node/net.ts');
    let html: string;
    let url: string;
    if (/^https?:\/\//i.test(target)) {
      const allowPrivateNetworks = Boolean(values['allow-private']);
      const fetch = createFetcher({ allowPrivateNetworks, resolveHost, fetch: allowPrivateNetworks ? undefined : publicOnlyFetch() });
      const page = await fetch(target);
      html = page.text;
      url = (values.url as string | undefined) ?? page.url;
    } else {
      // The same reading as a file: source: bytes decoded by their charset, the fetcher's size cap.
      const file = pathToFileURL(resolve(target)).href;
      html = (await createFetcher({ readFile })(file, { allowFile: true })).text;
      url = (values.url as string | undefined) ?? file;
    }
    const timezone = values.timezone as string | undefined;
    if (timezone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: timezone });
      } catch {
        throw new Error(`--timezone: unknown IANA time zone "${timezone}"`);
      }
    }
    const article = extractArticle(html, url, { timezone, headlineTitle: true });
    console.log(JSON.stringify(article, null, 2));
    return 0;
  },
};
