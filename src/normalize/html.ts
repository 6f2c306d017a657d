/**
 * Re-exports of the article HTML primitives under their former path, until every caller imports
 * src/html/ directly.
 */
export { absoluteUrl, sanitizeContent } from '../html/sanitize.ts';
export { htmlToText, nodesToText, textToHtml, type HtmlToTextOptions } from '../html/to-text.ts';
export { largestFromSrcset, parseSrcset } from '../html/images.ts';
