/**
 * Media types by file extension: one table for local sites (`file:` sources and their routes) and
 * for the image type feeds announce in enclosures.
 */

const EXTENSION_TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  xml: 'application/xml',
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/json',
  txt: 'text/plain',
  css: 'text/css',
  js: 'text/javascript',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  pjpeg: 'image/jpeg',
  png: 'image/png',
  apng: 'image/apng',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
  jxl: 'image/jxl',
};

/**
 * The content type of a path by its extension (case-insensitive), without a charset, or null when
 * the extension is unknown. Text types carry no charset so that the bytes' own declaration wins.
 */
export function contentTypeForPath(path: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (ext && EXTENSION_TYPES[ext]) ?? null;
}

/** The media type of an image URL, from the extension of its path; image/jpeg when unknown. */
export function imageMimeType(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'image/jpeg';
  }
  const type = contentTypeForPath(path);
  return type?.startsWith('image/') ? type : 'image/jpeg';
}
