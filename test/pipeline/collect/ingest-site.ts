import { fileURLToPath } from 'node:url';
import type { OriginOptions } from '../../../testkit/origin.ts';

const TYPES: [RegExp, string][] = [
  [/\/broken-[^/]*$/, 'application/rss+xml'], // no charset: the XML declaration (wrongly) says utf-8
  [/\/atom[^/]*$/, 'application/atom+xml; charset=utf-8'],
  [/sitemap[^/]*$/, 'application/xml'],
  [/\.xml$/, 'application/rss+xml; charset=utf-8'],
  [/\.json$/, 'application/feed+json'],
  [/\.html$/, 'text/html; charset=utf-8'],
];

/**
 * testkit's origin serving test/fixtures/ingest with `{{origin}}` replaced by the origin's base URL
 * (byte-exact otherwise, so the windows-1252 fixture stays windows-1252). `x.xml.gz` is `x.xml`
 * gzipped and sent as a raw application/gzip body, as many sites serve sitemap archives.
 */
export const INGEST_SITE: OriginOptions = {
  root: fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url)),
  rewrite: (body, base) => Buffer.from(body.toString('latin1').replaceAll('{{origin}}', base), 'latin1'),
  gzipSuffix: true,
  contentType: (file) => TYPES.find(([re]) => re.test(file))?.[1],
};
