/** MIME types of web images by file extension; anything else is served as image/jpeg. */
const IMAGE_TYPES: Record<string, string> = {
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

/** The MIME type of an image URL, from the extension of its path (default image/jpeg). */
export function imageMimeType(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'image/jpeg';
  }
  const m = /\.([a-z0-9]+)$/i.exec(path);
  return (m && IMAGE_TYPES[m[1].toLowerCase()]) || 'image/jpeg';
}
