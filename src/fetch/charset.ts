/**
 * Decodes a response body to text, finding the charset the way browsers do (WHATWG "encoding
 * sniffing", simplified): BOM, then the Content-Type header, then a `<meta>` in the first bytes,
 * then an XML declaration, else UTF-8 (or windows-1252 when the bytes are not valid UTF-8).
 * Unlike browsers, a declaration the bytes contradict is passed over for the next one (a server
 * that says UTF-8 over a windows-1251 page whose `<meta>` says windows-1251), then detection.
 *
 * Legacy encodings go through iconv-lite, because TextDecoder is unreliable for them (Node 20 maps
 * windows-1252 0x80–0x9F to C1 controls; Workers support few labels). iconv-lite accepts a
 * Uint8Array and does not need the `Buffer` global, but it does `require('buffer')` internally
 * (via safer-buffer): a Workers build needs the `nodejs_compat` flag or a `buffer` polyfill. This
 * module is the only place that imports it.
 */
import iconv from 'iconv-lite';
import { codecForLabel } from './encoding-labels.ts';

/** How many leading bytes are searched for `<meta charset>` and the XML declaration. */
const PRESCAN_BYTES = 2048;

export type CharsetSource = 'bom' | 'header' | 'meta' | 'xml' | 'default';

export interface DetectedCharset {
  /** iconv-lite codec name (`utf8`, `windows1252`, `cp932`, …). */
  codec: string;
  source: CharsetSource;
  /** Bytes to skip before decoding (the BOM). */
  bomLength: number;
}

/** Decodes `bytes` to a string using the charset found by detectCharset. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const { codec, bomLength, text } = detect(bytes, contentType);
  return repairC1(text ?? decodeWith(bytes.subarray(bomLength), codec));
}

/** What windows-1252 means by the bytes 0x80–0x9F (U+FFFD for its five unassigned ones). */
let cp1252High: string | undefined;
const C1 = /[\u0080-\u009f]/g;

/**
 * C1 control characters (U+0080–U+009F) in decoded text are windows-1252 bytes that went through
 * a Latin-1 decoding on the publisher's side and were stored again as UTF-8: "„Elmentem”" arrives
 * as "\u0084Elmentem\u0094". No web text means the controls themselves, so they become the
 * characters windows-1252 gives those bytes (as the HTML spec does for `&#132;`); the five
 * windows-1252 leaves unassigned stay (the renderers drop controls).
 */
export function repairC1(text: string): string {
  return text.replace(C1, (c) => {
    cp1252High ??= iconv.decode(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i), 'windows1252');
    const mapped = cp1252High[c.charCodeAt(0) - 0x80];
    return mapped === '\ufffd' ? c : mapped;
  });
}

/** Finds the body's charset: BOM, header, `<meta>`, XML declaration, then default. */
export function detectCharset(bytes: Uint8Array, contentType: string | null): DetectedCharset {
  const { codec, source, bomLength } = detect(bytes, contentType);
  return { codec, source, bomLength };
}

/** detectCharset, plus the decoded text when checking the bytes already produced it. */
function detect(bytes: Uint8Array, contentType: string | null): DetectedCharset & { text?: string } {
  const bom = sniffBom(bytes);
  if (bom) return { codec: bom.codec, source: 'bom', bomLength: bom.length };

  const fits = new Fit(bytes);
  const headerLabel = contentType ? charsetParam(contentType) : null;
  const fromHeader = headerLabel ? supportedCodec(headerLabel) : null;
  if (fromHeader) {
    const text = fits.decode(fromHeader);
    if (text !== null) return { codec: fromHeader, source: 'header', bomLength: 0, text };
  }

  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const fromMeta = metaCharset(head);
  if (fromMeta && fromMeta !== fromHeader) {
    const text = fits.decode(fromMeta);
    if (text !== null) return { codec: fromMeta, source: 'meta', bomLength: 0, text };
  }

  const xmlLabel = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const fromXml = xmlLabel ? supportedCodec(xmlLabel) : null;
  if (fromXml && fromXml !== fromHeader && fromXml !== fromMeta) {
    const text = fits.decode(fromXml);
    if (text !== null) return { codec: fromXml, source: 'xml', bomLength: 0, text };
  }

  // Nothing declared, or every declaration contradicted by the bytes: UTF-8 unless the bytes are
  // clearly not UTF-8, then the browsers' usual fallback for Western pages.
  const text = fits.decode('utf8');
  if (text !== null) return { codec: 'utf8', source: 'default', bomLength: 0, text };
  return { codec: 'windows1252', source: 'default', bomLength: 0 };
}

/**
 * Whether the bytes decode in a declared charset, with the text when they do. UTF-8 fits bytes
 * that are valid UTF-8, or nearly (one stray byte does not condemn a page). A legacy charset does
 * not fit bytes that are valid UTF-8 with non-ASCII text (legacy text almost never is), nor bytes
 * its decoder mostly rejects (Shift_JIS bytes named EUC-JP). UTF-16 named without a BOM is trusted.
 */
class Fit {
  readonly #bytes: Uint8Array;
  #strict: string | null | undefined;
  #loose: string | null | undefined;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  decode(codec: string): string | null {
    if (codec === 'utf8') return this.#utf8();
    if (codec === 'utf16le' || codec === 'utf16be') return decodeWith(this.#bytes, codec);
    const strict = this.#strictUtf8();
    if (strict !== null && /[^\x00-\x7f]/.test(strict)) return null;
    const text = decodeWith(this.#bytes, codec);
    return mostlyValid(text) ? text : null;
  }

  #strictUtf8(): string | null {
    if (this.#strict === undefined) this.#strict = strictUtf8(this.#bytes);
    return this.#strict;
  }

  #utf8(): string | null {
    if (this.#loose === undefined) {
      const strict = this.#strictUtf8();
      const loose = strict ?? decodeWith(this.#bytes, 'utf8');
      this.#loose = strict !== null || mostlyValid(loose) ? loose : null;
    }
    return this.#loose;
  }
}

function decodeWith(bytes: Uint8Array, codec: string): string {
  if (codec === 'utf8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return iconv.decode(bytes, codec, { stripBOM: false });
}

function sniffBom(b: Uint8Array): { codec: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { codec: 'utf8', length: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { codec: 'utf16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { codec: 'utf16le', length: 2 };
  return null;
}

/** The `charset` parameter of a Content-Type value, unquoted. */
export function charsetParam(contentType: string): string | null {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const label = m?.[1] ?? m?.[2];
  return label ? label : null;
}

function supportedCodec(label: string): string | null {
  const codec = codecForLabel(label);
  return iconv.encodingExists(codec) ? codec : null;
}

/** Charset from the first usable `<meta charset>` or `<meta http-equiv=content-type>`. */
function metaCharset(head: string): string | null {
  const html = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of html.matchAll(/<meta[\s/]([^>]*)>?/gi)) {
    const attrs = parseAttributes(tag[1]);
    let label = attrs.get('charset');
    if (!label && attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      label = /charset\s*=\s*["']?([^"';\s]+)/i.exec(attrs.get('content') ?? '')?.[1];
    }
    const codec = label ? supportedCodec(label) : null;
    if (!codec) continue;
    // A document readable as ASCII to find this meta cannot be UTF-16; WHATWG says use UTF-8.
    return codec === 'utf16le' || codec === 'utf16be' ? 'utf8' : codec;
  }
  return null;
}

function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, (m[2] ?? m[3] ?? m[4] ?? '').trim());
  }
  return attrs;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1024) {
    out += String.fromCharCode(...bytes.subarray(i, i + 1024));
  }
  return out;
}

/** The bytes as UTF-8, or null when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * True when decoded text has no U+FFFD (undecodable sequences), or more valid non-ASCII
 * characters than U+FFFD: one stray byte in a UTF-8 page does not make it mojibake.
 */
function mostlyValid(text: string): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) invalid++;
    else if (c > 0x7f) valid++;
  }
  return invalid === 0 || valid > invalid;
}
