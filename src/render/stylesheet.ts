/**
 * XSLT 1.0 stylesheet that browsers apply to our RSS and Atom documents (referenced by an
 * `<?xml-stylesheet?>` processing instruction), so that a feed opened in a browser shows a readable
 * page: what a feed is, the feed's title, a link to the site and the items with their dates.
 * Feed readers ignore the instruction. Item values are output as text, never as markup, except
 * Atom titles: we write them as escaped HTML (`type="html"`), so unescaping them yields the text.
 */

/** Where the server serves it; feeds reference it relative to `/feeds/<id>.<ext>`. */
export const FEED_STYLESHEET_PATH = '/feed.xsl';

/** The `href` feeds carry: relative, so it works behind a path prefix and in static builds. */
export const FEED_STYLESHEET_HREF = '../feed.xsl';

/** Content-Type browsers accept for XSLT. */
export const FEED_STYLESHEET_CONTENT_TYPE = 'text/xsl; charset=utf-8';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.25rem}.note{background:#f4f4f0;border:1px solid #ddd;padding:.6rem .9rem;border-radius:4px}
ol{list-style:none;padding:0}li{padding:.6rem 0;border-bottom:1px solid #ddd}li a{font-weight:600}
.date{display:block;color:#666;font-size:.875rem}`;

export const FEED_STYLESHEET = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<xsl:variable name="title" select="(rss/channel/title | atom:feed/atom:title)[1]"/>
<html lang="en">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="$title"/> (web feed)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="note">This is a web feed. To subscribe, copy the address of this page into your feed reader.</p>
<h1><xsl:value-of select="$title"/></h1>
<p><xsl:value-of select="(rss/channel/description | atom:feed/atom:subtitle)[1]"/></p>
<xsl:variable name="site" select="(rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href)[1]"/>
<xsl:if test="$site"><p><a href="{$site}">Visit the site</a></p></xsl:if>
<ol>
<xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
</ol>
</body>
</html>
</xsl:template>
<xsl:template match="item">
<li><a href="{link}"><xsl:value-of select="title"/></a><span class="date"><xsl:value-of select="pubDate"/></span></li>
</xsl:template>
<xsl:template match="atom:entry">
<xsl:variable name="when" select="atom:published | atom:updated[not(../atom:published)]"/>
<li><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title" disable-output-escaping="yes"/></a><span class="date"><xsl:value-of select="translate(substring($when, 1, 16), 'T', ' ')"/> UTC</span></li>
</xsl:template>
</xsl:stylesheet>
`;
