import { DEFAULTS } from '../../defaults.ts';
import type { Command } from '../command.ts';

const LIST_FIELDS = ['item', 'link', 'title', 'date', 'summary', 'image'] as const;
/** Article selectors, prefixed where a listing flag has the same name. */
const ARTICLE_FLAGS = { content: 'content', 'article-title': 'title', 'article-date': 'date', author: 'author' } as const;

export const previewCommand: Command = {
  summary: 'dry run of a source: what a URL would give as a feed, stores nothing',
  usage: `Usage: feedwright preview <URL> [options]

Reads a page, feed or sitemap as a source would and prints what it found: its type, the feeds
the page advertises, the groups of article links found automatically (with the list selectors
that reproduce each), the items the feed would list, the first article pages with where each
field came from, and warnings (selectors that matched nothing, missing dates or authors,
robots.txt). Nothing is stored. Exits 1 when the URL could not be read or the options are invalid.

Options:
      --type TYPE           html, feed or sitemap (default: detected from the response)
      --item SEL            list.item: each entry of the listing
      --link SEL            list.link (also --title, --date, --summary, --image: list.<field>)
      --content SEL         article.content (also --article-title, --article-date, --author)
      --remove SEL          article.remove (repeatable)
      --no-fetch            article.fetch: false (the listing's fields only)
      --timezone ZONE       IANA time zone for dates without an offset (default ${DEFAULTS.timezone})
      --language TAG        the feed's language when pages do not say
      --render MODE         static (default), browser or auto: read pages in the machine's Chromium
      --articles N          article pages to read (default ${DEFAULTS.previewArticles}, at most ${DEFAULTS.maxPreviewArticles})
      --rules PATH          read article pages under site rules: a rule file (Full-Text RSS format) for
                            every page, or a directory of them looked up by host, as siteConfig does
      --allow-private       allow a URL on a loopback or private address
      --json                print the result as JSON (the answer of POST /api/preview)
  -h, --help                show this help`,
  options: {
    type: { type: 'string' },
    ...Object.fromEntries(LIST_FIELDS.map((f) => [f, { type: 'string' }])),
    ...Object.fromEntries(Object.keys(ARTICLE_FLAGS).map((f) => [f, { type: 'string' }])),
    remove: { type: 'string', multiple: true },
    'no-fetch': { type: 'boolean' },
    timezone: { type: 'string' },
    language: { type: 'string' },
    articles: { type: 'string' },
    render: { type: 'string' },
    rules: { type: 'string' },
    'allow-private': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  async run(values, positionals) {
    const [url] = positionals;
    if (!url || positionals.length > 1) throw new Error('give exactly one URL');
    const { previewSource } = await import('../../pipeline/preview/preview.ts');
    const { createPoliteFetchers } = await import('../../fetch/polite.ts');
    const { publicOnlyFetch, resolveHost } = await import('../../runtime/node/net.ts');
    const { formatPreview } = await import('../preview-format.ts');

    const body: Record<string, unknown> = { url };
    for (const key of ['type', 'timezone', 'language', 'render'] as const) if (values[key] !== undefined) body[key] = values[key];
    if (values.articles !== undefined) body.articles = /^\d+$/.test(String(values.articles)) ? Number(values.articles) : values.articles;
    const list = Object.fromEntries(LIST_FIELDS.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));
    if (Object.keys(list).length) body.list = list;
    const article: Record<string, unknown> = Object.fromEntries(
      Object.entries(ARTICLE_FLAGS).filter(([flag]) => values[flag] !== undefined).map(([flag, key]) => [key, values[flag]]));
    const remove = (values as Record<string, unknown>).remove as string[] | undefined;
    if (remove?.length) article.remove = remove;
    if (values['no-fetch']) article.fetch = false;
    if (Object.keys(article).length) body.article = article;

    const rules = values.rules === undefined ? undefined : await (await import('../rules-option.ts')).rulesOption(String(values.rules));
    const allowPrivateNetworks = Boolean(values['allow-private']);
    const outbound = allowPrivateNetworks ? undefined : publicOnlyFetch();
    const { fetch, beforeRequest } = createPoliteFetchers({ allowPrivateNetworks, resolveHost, fetch: outbound });
    // The browser only when asked for (`--render browser|auto`); started on its first page.
    const rendering = values.render !== undefined && values.render !== 'static';
    const browser = rendering
      ? (await import('../../runtime/node/browser.ts')).nodeBrowser({
        executablePath: (await import('../../runtime/node/chromium.ts')).findChromium(process.env),
        allowPrivateNetworks, fetch: outbound, beforeRequest, log: (line) => console.error(line),
      })
      : null;
    const outcome = await previewSource(body, { fetch, browser: browser?.browser, noBrowser: browser?.noBrowser, siteRules: rules })
      .finally(() => browser?.close());
    if (!outcome.ok) {
      // Problems named by the flag that set the field (`list.item` → `--item`).
      const flag = (field: string) => field.replace(/^list\./, '--').replace(/^article\.(title|date)$/, '--article-$1')
        .replace(/^article\./, '--').replace(/^(type|timezone|language|articles)$/, '--$1');
      throw new Error(outcome.problems.map((p) => `${p.field ? `${flag(p.field)}: ` : ''}${p.message}`).join('\n'));
    }
    console.log(values.json ? JSON.stringify(outcome.result, null, 2) : formatPreview(outcome.result));
    return outcome.result.error === null ? 0 : 1;
  },
};
