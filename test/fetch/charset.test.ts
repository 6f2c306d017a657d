import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetParam, decodeBody, detectCharset, repairC1 } from '../../src/fetch/charset.ts';

const enc = (text: string, charset: string): Uint8Array => new Uint8Array(iconv.encode(text, charset));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const page = (head: string, body: string) => `<!doctype html><html><head>${head}<title>t</title></head><body>${body}</body></html>`;

const RUSSIAN = 'Съешь же ещё этих мягких французских булок';
const JAPANESE = '吾輩は猫である。名前はまだ無い。「ｶﾀｶﾅ」～①';
const QUOTES = '“Smart” quotes cost €5… — ‘ok’ • ™ œ Š';

describe('decodeBody', () => {
  it('decodes windows-1251 named in the Content-Type header', () => {
    const bytes = enc(page('', `<p>${RUSSIAN}</p>`), 'windows-1251');
    expect(decodeBody(bytes, 'text/html; charset=windows-1251')).toContain(RUSSIAN);
    expect(decodeBody(bytes, 'text/html; charset="Windows-1251"')).toContain(RUSSIAN);
    expect(decodeBody(bytes, 'text/html;charset=CP1251')).toContain(RUSSIAN);
  });

  it('decodes Shift_JIS named by <meta charset> (as Microsoft cp932, like browsers)', () => {
    const bytes = enc(page('<meta charset="Shift_JIS">', `<p>${JAPANESE}</p>`), 'cp932');
    expect(decodeBody(bytes, 'text/html')).toContain(JAPANESE);
    expect(decodeBody(bytes, null)).toContain(JAPANESE);
  });

  it('decodes windows-1252 named by <meta http-equiv>, including 0x80–0x9F', () => {
    const head = '<meta name="x" content="y"><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">';
    const bytes = enc(page(head, `<p>${QUOTES}</p>`), 'windows-1252');
    expect(decodeBody(bytes, 'text/html')).toContain(QUOTES);
  });

  it('treats ISO-8859-1 as windows-1252, as WHATWG does', () => {
    const bytes = enc(page('', `<p>${QUOTES}</p>`), 'windows-1252');
    expect(bytes).toContain(0x93); // “ in windows-1252; a C1 control in real ISO-8859-1
    expect(decodeBody(bytes, 'text/html; charset=ISO-8859-1')).toContain(QUOTES);
    expect(decodeBody(bytes, 'text/html; charset=latin1')).toContain(QUOTES);
    expect(decodeBody(bytes, 'text/html; charset=us-ascii')).toContain(QUOTES);
  });

  it('decodes UTF-16 with a BOM, ignoring a header that says otherwise', () => {
    const text = page('', `<p>${RUSSIAN} ${JAPANESE}</p>`);
    const le = concat(new Uint8Array([0xff, 0xfe]), enc(text, 'utf-16le'));
    const be = concat(new Uint8Array([0xfe, 0xff]), enc(text, 'utf-16be'));
    expect(decodeBody(le, null)).toBe(text);
    expect(decodeBody(be, 'text/html; charset=iso-8859-1')).toBe(text);
  });

  it('strips a UTF-8 BOM and lets it win over the header', () => {
    const text = page('', `<p>${RUSSIAN}</p>`);
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), enc(text, 'utf-8'));
    expect(decodeBody(bytes, 'text/html; charset=windows-1251')).toBe(text);
  });

  it('passes over a header the bytes contradict for the page\'s own <meta> (UTF-8 header, windows-1251 page)', () => {
    const bytes = enc(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', `<p>${RUSSIAN}</p>`), 'windows-1251');
    expect(decodeBody(bytes, 'text/html; charset=utf-8')).toContain(RUSSIAN);
    expect(detectCharset(bytes, 'text/html; charset=UTF-8')).toMatchObject({ codec: 'windows-1251', source: 'meta' });
    const cp1252 = enc(page('<meta charset="windows-1252">', `<p>${QUOTES}</p>`), 'windows-1252');
    expect(decodeBody(cp1252, 'text/html; charset=utf-8')).toContain(QUOTES);
  });

  it('passes over a header the bytes contradict for the XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>${RUSSIAN}</title></channel></rss>`;
    expect(decodeBody(enc(xml, 'koi8-r'), 'application/rss+xml; charset=utf-8')).toContain(RUSSIAN);
  });

  it('detects when every declaration is contradicted: UTF-8 named over windows-1252 bytes, a legacy charset over UTF-8', () => {
    const cp1252 = enc(page('<meta charset="utf-8">', `<p>${QUOTES}</p>`), 'windows-1252');
    expect(decodeBody(cp1252, 'text/html; charset=utf-8')).toContain(QUOTES);
    expect(detectCharset(cp1252, 'text/html; charset=utf-8')).toMatchObject({ codec: 'windows1252', source: 'default' });
    const utf8 = enc(page('<meta charset="iso-8859-1">', `<p>${RUSSIAN} ${QUOTES}</p>`), 'utf-8');
    expect(decodeBody(utf8, 'text/html; charset=windows-1251')).toContain(`${RUSSIAN} ${QUOTES}`);
    expect(decodeBody(enc(page('', JAPANESE), 'utf-8'), 'text/html; charset=shift_jis')).toContain(JAPANESE);
    // Bytes the declared multi-byte charset mostly rejects: Shift_JIS named as EUC-JP.
    expect(decodeBody(enc(page('<meta charset="shift_jis">', JAPANESE), 'cp932'), 'text/html; charset=euc-jp')).toContain(JAPANESE);
  });

  it('keeps a declaration the bytes fit, whatever a later one says', () => {
    // A UTF-8 page with one stray byte and a stale <meta>: still UTF-8.
    const stray = concat(enc(page('<meta charset="windows-1251">', RUSSIAN), 'utf-8'), new Uint8Array([0xff]));
    expect(decodeBody(stray, 'text/html; charset=utf-8')).toContain(RUSSIAN);
    // A windows-1251 page with a stale UTF-8 <meta>: the header fits, the header wins.
    const cp1251 = enc(page('<meta charset="utf-8">', RUSSIAN), 'windows-1251');
    expect(detectCharset(cp1251, 'text/html; charset=windows-1251')).toMatchObject({ codec: 'windows-1251', source: 'header' });
    // Pure ASCII fits every charset: the header stands.
    expect(detectCharset(enc(page('<meta charset="koi8-r">', 'plain'), 'utf-8'), 'text/html; charset=utf-8').source).toBe('header');
  });

  it('falls through an unknown header label to the meta', () => {
    const bytes = enc(page('<meta charset="windows-1251">', RUSSIAN), 'windows-1251');
    expect(decodeBody(bytes, 'text/html; charset=no-such-charset')).toContain(RUSSIAN);
  });

  it('uses the XML declaration when there is no header or meta', () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${RUSSIAN}</title></channel></rss>`;
    const bytes = enc(xml, 'windows-1251');
    expect(decodeBody(bytes, 'application/xml')).toContain(RUSSIAN);
    expect(detectCharset(bytes, 'application/xml').source).toBe('xml');
  });

  it('ignores a meta inside a comment', () => {
    const html = page('<!-- <meta charset="windows-1251"> --><meta charset="koi8-r">', RUSSIAN);
    expect(decodeBody(enc(html, 'koi8-r'), null)).toContain(RUSSIAN);
  });

  it('only looks for meta in the first 2 KB', () => {
    const html = page(`<style>${' '.repeat(3000)}</style><meta charset="windows-1251">`, RUSSIAN);
    expect(detectCharset(enc(html, 'windows-1251'), null).source).toBe('default');
  });

  it('treats a meta naming UTF-16 as UTF-8 (the page was readable as ASCII)', () => {
    const html = page('<meta charset="utf-16">', RUSSIAN);
    expect(decodeBody(enc(html, 'utf-8'), null)).toContain(RUSSIAN);
  });

  it('defaults to UTF-8, and to windows-1252 for undeclared bytes that are not UTF-8', () => {
    expect(decodeBody(enc(page('', JAPANESE), 'utf-8'), 'text/html')).toContain(JAPANESE);
    expect(decodeBody(enc(page('', QUOTES), 'windows-1252'), 'text/html')).toContain(QUOTES);
    expect(detectCharset(enc(page('', QUOTES), 'windows-1252'), null)).toMatchObject({ codec: 'windows1252', source: 'default' });
  });

  it('keeps UTF-8 for a UTF-8 page with one stray invalid byte', () => {
    const bytes = concat(enc(page('', RUSSIAN), 'utf-8'), new Uint8Array([0xff]));
    expect(decodeBody(bytes, null)).toContain(RUSSIAN);
  });

  it('decodes without the Buffer global (as on Workers with nodejs_compat)', () => {
    const script = `
      delete globalThis.Buffer;
      const { decodeBody } = await import(${JSON.stringify(new URL('../../src/fetch/charset.ts', import.meta.url).href)});
      const bytes = new Uint8Array([0x93, 0x80, 0x94, 0x85]);
      process.stdout.write(JSON.stringify([typeof Buffer, decodeBody(bytes, 'text/plain; charset=windows-1252')]));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['undefined', '“€”…']);
  });
});

describe('repairC1', () => {
  it('turns C1 controls in UTF-8 text into the windows-1252 characters they stand for', () => {
    const bytes = new TextEncoder().encode('<p>\u0084Elmentem\u0094 \u0093quoted\u0094 \u0080 5 \u0085 \u0096 dash\u0099</p>');
    expect(decodeBody(bytes, 'text/html; charset=utf-8')).toBe('<p>„Elmentem” “quoted” € 5 … – dash™</p>');
  });

  it('leaves the five bytes windows-1252 does not assign, and text without controls, as they are', () => {
    expect(repairC1('a\u0081b\u008dc\u008fd\u0090e\u009df')).toBe('a\u0081b\u008dc\u008fd\u0090e\u009df');
    const plain = 'plain “text” é 中文';
    expect(repairC1(plain)).toBe(plain);
    // Repeated calls are independent (no regex state carried over).
    expect(repairC1('x\u0084')).toBe('x„');
    expect(repairC1('y\u0084')).toBe('y„');
  });
});

describe('charsetParam', () => {
  it('reads quoted and unquoted parameters', () => {
    expect(charsetParam('text/html; charset=UTF-8')).toBe('UTF-8');
    expect(charsetParam('text/html; foo=bar; charset="shift_jis"')).toBe('shift_jis');
    expect(charsetParam('text/html')).toBeNull();
    expect(charsetParam('text/html; charset=')).toBeNull();
  });
});
