/**
 * The studio's HTML (hono/html escapes every interpolated value). Pages are frames: the sources
 * table and the editor's preview are filled by the studio script (assets.ts) from the admin API,
 * with the session cookie and the CSRF token the page carries in `<meta name="csrf-token">`.
 * Nothing secret is ever written into a page: the CSRF token is useless without the HttpOnly cookie.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { DEFAULTS } from '../../defaults.ts';
import { CSRF_FIELD } from '../session.ts';
import { STUDIO_ASSETS } from './assets.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const STUDIO_PATH = '/admin';

interface Frame {
  title: string;
  /** The signed-in session's CSRF token; absent on the sign-in page. */
  csrf?: string;
  /** Which script runs the page (data-page on <body>). */
  page: 'sign-in' | 'sources' | 'editor';
  current?: 'sources' | 'new';
  baseUrl: string;
  data?: Record<string, string>;
}

function layout(frame: Frame, main: Html): Html {
  const signedIn = frame.csrf !== undefined;
  const attrs = Object.entries(frame.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · feedwright studio</title>
<link rel="stylesheet" href="${STUDIO_PATH}/assets/${STUDIO_ASSETS.css.name}">
${signedIn ? html`<meta name="csrf-token" content="${frame.csrf}">
<script src="${STUDIO_PATH}/assets/${STUDIO_ASSETS.js.name}" defer></script>` : ''}
</head>
<body data-page="${frame.page}" data-base-url="${frame.baseUrl}" data-debounce="${DEFAULTS.studioPreviewDebounceMs}"${attrs}>
<a class="skip" href="#main">Skip to content</a>
<header class="topbar">
  <a class="brand" href="${STUDIO_PATH}/"><span class="logo" aria-hidden="true"></span>feedwright <span class="brand-sub">studio</span></a>
  ${signedIn ? html`<nav aria-label="Studio">
    <a href="${STUDIO_PATH}/"${frame.current === 'sources' ? html` aria-current="page"` : ''}>Sources</a>
    <a href="${STUDIO_PATH}/sources/new"${frame.current === 'new' ? html` aria-current="page"` : ''}>New source</a>
  </nav>
  <form method="post" action="${STUDIO_PATH}/sign-out" class="sign-out">
    <input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf}">
    <button type="submit" class="button ghost">Sign out</button>
  </form>` : ''}
</header>
<main id="main" tabindex="-1">
${main}
</main>
</body>
</html>`;
}

export interface SignInOptions {
  baseUrl: string;
  /** Shown above the form (a refused token, too many attempts, an expired session). */
  error?: string;
  /** The admin token is not set: the studio is off. */
  disabled?: boolean;
}

export function signInPage(options: SignInOptions): Html {
  const main = options.disabled
    ? html`<section class="card narrow">
  <h1>The studio is off</h1>
  <p>Set <code>FEEDWRIGHT_ADMIN_TOKEN</code> where the server runs and restart it, then sign in here with that token.</p>
</section>`
    : html`<section class="card narrow">
  <h1>Sign in</h1>
  <p class="muted">Use the admin token of this server (<code>FEEDWRIGHT_ADMIN_TOKEN</code>).</p>
  ${options.error ? html`<p class="alert error" role="alert">${options.error}</p>` : ''}
  <form method="post" action="${STUDIO_PATH}/sign-in" class="stack">
    <label for="token">Admin token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
    <button type="submit" class="button primary">Sign in</button>
  </form>
</section>`;
  return layout({ title: 'Sign in', page: 'sign-in', baseUrl: options.baseUrl }, main);
}

export function sourcesPage(options: { baseUrl: string; csrf: string }): Html {
  const main = html`<div class="page-head">
  <h1>Sources</h1>
  <div class="actions">
    <a class="button" href="/api/sources/export" download="sources.yaml">Export YAML</a>
    <a class="button" href="/api/sources/export?format=opml" download="feeds.opml">Export OPML</a>
    <a class="button primary" href="${STUDIO_PATH}/sources/new">New source</a>
  </div>
</div>
<p id="config-error" class="alert error" role="alert" hidden></p>
<p id="status" class="status" role="status" aria-live="polite"></p>
<div class="table-wrap">
<table class="sources">
  <caption class="visually-hidden">Every source, with its state and actions</caption>
  <thead><tr><th scope="col">Source</th><th scope="col">State</th><th scope="col">Last run</th><th scope="col">Next run</th><th scope="col" class="num">Items</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody id="sources-body"><tr><td colspan="7" class="muted">Loading…</td></tr></tbody>
</table>
</div>
<noscript><p class="alert">The studio needs JavaScript. The same actions are in the admin API (README, "Admin API").</p></noscript>`;
  return layout({ title: 'Sources', page: 'sources', current: 'sources', ...options }, main);
}

const LIST_FIELDS = [
  ['item', 'Each entry', 'article.post'],
  ['link', 'Link', 'h2 a'],
  ['title', 'Title', 'h2'],
  ['date', 'Date', 'time@datetime'],
  ['summary', 'Summary', 'p.teaser'],
  ['image', 'Image', 'img@src'],
] as const;
const ARTICLE_FIELDS = [
  ['content', 'Content', 'div.article-body'],
  ['remove', 'Remove from content', '.ad, .share'],
  ['title', 'Title', 'h1'],
  ['date', 'Date', 'time@datetime'],
  ['author', 'Author', '.byline a'],
] as const;
const FILTER_FIELDS = [
  ['text', 'Title or description'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['author', 'Author'],
  ['category', 'Category'],
] as const;

function textField(name: string, label: string, placeholder: string, hint?: string): Html {
  const id = `f-${name.replace(/\./g, '-')}`;
  return html`<div class="field">
  <label for="${id}">${label}</label>
  <input id="${id}" name="${name}" type="text" placeholder="${placeholder}" spellcheck="false" autocomplete="off"${hint ? html` aria-describedby="${id}-hint"` : ''}>
  ${hint ? html`<small id="${id}-hint" class="hint">${hint}</small>` : ''}
  <small class="field-error" id="${id}-error" hidden></small>
</div>`;
}

function filterGroup(kind: 'include' | 'exclude', legend: string): Html {
  return html`<fieldset class="grid">
  <legend>${legend}</legend>
  ${FILTER_FIELDS.map(([key, label]) => textField(`filters.${kind}.${key}`, label, 'regular expression'))}
</fieldset>`;
}

/** The new-source and edit-source screen (`sourceId` set: edit). */
export function editorPage(options: { baseUrl: string; csrf: string; sourceId?: string }): Html {
  const editing = options.sourceId !== undefined;
  const main = html`<div class="page-head">
  <h1>${editing ? html`Edit <span class="mono">${options.sourceId}</span>` : 'New source'}</h1>
</div>
<div class="editor">
<form id="source-form" class="card stack" novalidate>
  <div class="field">
    <label for="f-url">Address of the site</label>
    <div class="inline">
      <input id="f-url" name="url" type="url" inputmode="url" placeholder="https://example.com/news" required autocomplete="off" spellcheck="false">
      <button type="button" id="preview-now" class="button">Preview</button>
    </div>
    <small class="field-error" id="f-url-error" hidden></small>
  </div>
  <div class="grid">
    ${textField('id', 'Id', 'example-news', 'Letters, digits, “.”, “_” and “-”: the feed is /feeds/<id>.rss')}
    ${textField('title', 'Title', 'Example News')}
    <div class="field">
      <label for="f-type">Type</label>
      <select id="f-type" name="type">
        <option value="">Detect</option><option value="html">Web page</option><option value="feed">Feed</option><option value="sitemap">Sitemap</option>
      </select>
    </div>
    <div class="field">
      <label for="f-render">Read pages</label>
      <select id="f-render" aria-describedby="f-render-hint">
        <option value="">Over HTTP</option><option value="auto">Browser when needed</option><option value="browser">Always in the browser</option>
      </select>
      <small id="f-render-hint" class="muted">For sites that draw their articles with JavaScript</small>
    </div>
    ${textField('timezone', 'Time zone', 'UTC', 'For dates written without an offset')}
    ${textField('language', 'Language', 'en')}
    ${textField('schedule', 'Schedule', DEFAULTS.schedule, 'Cron expression')}
  </div>
  <fieldset class="grid">
    <legend>List selectors <span class="muted">(empty: automatic)</span></legend>
    ${LIST_FIELDS.map(([key, label, ph]) => textField(`list.${key}`, label, ph))}
  </fieldset>
  <fieldset class="grid">
    <legend>Article selectors <span class="muted">(empty: automatic)</span></legend>
    ${ARTICLE_FIELDS.map(([key, label, ph]) => textField(`article.${key}`, label, ph))}
    <label class="check"><input type="checkbox" name="article.fetch" id="f-article-fetch" checked> Open each article page (untick: items from the listing alone)</label>
  </fieldset>
  <details class="filters">
    <summary>Filters <span class="muted">(which stored items the feed shows)</span></summary>
    ${filterGroup('include', 'Keep only items matching')}
    ${filterGroup('exclude', 'Drop items matching')}
    <label class="check"><input type="checkbox" name="filters.caseSensitive" id="f-filters-caseSensitive" checked> Case-sensitive</label>
  </details>
  <p id="form-error" class="alert error" role="alert" hidden></p>
  <div class="form-actions">
    <button type="submit" class="button primary" id="save">${editing ? 'Save changes' : 'Save source'}</button>
    <a class="button ghost" href="${STUDIO_PATH}/">Cancel</a>
  </div>
</form>
<section id="preview" class="card preview" aria-labelledby="preview-title" aria-busy="false">
  <h2 id="preview-title">Preview</h2>
  <p id="preview-status" class="status" role="status" aria-live="polite">Paste an address to see what feedwright finds there.</p>
  <div id="preview-feeds"></div>
  <ul id="preview-warnings" class="warnings"></ul>
  <div id="preview-groups-wrap" hidden><h3>Article groups</h3><ol id="preview-groups" class="groups"></ol></div>
  <div id="preview-items-wrap" hidden><h3>Items</h3><ul id="preview-items" class="items"></ul></div>
  <div id="preview-articles-wrap" hidden><h3>First articles</h3><div id="preview-articles"></div></div>
</section>
</div>
<section id="saved" class="card saved" hidden tabindex="-1" aria-labelledby="saved-title">
  <h2 id="saved-title">Saved: subscribe to your feed</h2>
  <ul id="saved-urls" class="copy-list"></ul>
  <p><a id="saved-opml" href="/feeds.opml">All feeds as OPML</a> · <a href="${STUDIO_PATH}/">Back to sources</a></p>
</section>`;
  return layout({
    title: editing ? `Edit ${options.sourceId}` : 'New source',
    page: 'editor',
    current: editing ? 'sources' : 'new',
    baseUrl: options.baseUrl,
    csrf: options.csrf,
    data: editing ? { 'source-id': options.sourceId! } : {},
  }, main);
}
