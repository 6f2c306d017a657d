/**
 * The studio script's shared part (plain browser JavaScript, served as is: no build step). It
 * builds every element with textContent, never innerHTML, so text from scraped sites stays text.
 * The script is one IIFE: this part opens it, script-sources.ts and script-editor.ts add the
 * screens, and assets.ts closes it and picks the screen named by <body data-page>.
 */
export const SCRIPT_COMMON = String.raw`(function () {
'use strict';
var body = document.body;
var csrfMeta = document.querySelector('meta[name="csrf-token"]');
var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
var baseUrl = (body.getAttribute('data-base-url') || location.origin).replace(/\/+$/, '');

/** A JSON call to the admin API with the session cookie (and the CSRF token when it changes state). */
function api(method, path, payload, signal) {
  var headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  var init = { method: method, headers: headers, credentials: 'same-origin', signal: signal };
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(payload);
  }
  return fetch(path, init).then(function (res) {
    return res.text().then(function (text) {
      var data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { data = { message: text }; }
      if (res.status === 401) location.assign('/admin/');
      return { status: res.status, ok: res.ok, data: data };
    });
  });
}

/** The people-readable message of an API answer. */
function problemText(r) {
  var d = r.data || {};
  if (d.message) return d.message;
  if (d.error) return String(d.error);
  return 'The server answered ' + r.status + '.';
}

/** Builds an element: el('a', { href: u, class: 'x' }, ['text', child]). Text is always text. */
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) {
    var v = attrs[k];
    if (v === null || v === undefined || v === false) return;
    if (k === 'text') node.textContent = String(v);
    else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  });
  (children || []).forEach(function (c) {
    if (c === null || c === undefined || c === false) return;
    node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

/** Only http(s) links reach an href or src. */
function safeUrl(u) {
  try { var p = new URL(u, location.href); return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null; } catch (e) { return null; }
}

/** "3 min ago", "in 2 h", or a date for anything further. */
function when(iso) {
  if (!iso) return '—';
  var t = new Date(iso);
  if (isNaN(t.getTime())) return String(iso);
  var s = Math.round((t.getTime() - Date.now()) / 1000);
  var a = Math.abs(s);
  var text = a < 60 ? 'now' : a < 3600 ? Math.round(a / 60) + ' min' : a < 86400 ? Math.round(a / 3600) + ' h' : null;
  if (text === null) return t.toLocaleString();
  return text === 'now' ? 'just now' : s < 0 ? text + ' ago' : 'in ' + text;
}

function timeEl(iso) {
  return iso ? el('time', { datetime: iso, title: new Date(iso).toLocaleString(), text: when(iso) }) : document.createTextNode('—');
}

function feedUrl(id, ext) { return baseUrl + '/feeds/' + encodeURIComponent(id) + '.' + ext; }

/** Copies text, with a fallback for browsers without the async clipboard. */
function copyText(text, input) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  if (input) { input.select(); document.execCommand('copy'); }
  return Promise.resolve();
}
`;
