// The article's image when the page names none (no og:image, JSON-LD image or twitter:image): the
// first picture of the extracted content, as a feed item's image. Icons, avatars and spacers are
// not one: an image whose stated width or height is under LEAD_MIN_PX, a vector drawing, a media
// file, or one whose path names it as decoration.
import type { AnyNode, Element } from 'domhandler';
import { imageSrc } from '../html/images.ts';
import { absoluteHttpUrl } from '../utils/url.ts';

/** Smaller than this (stated width or height, in px): an icon, an emoji, an author's avatar. */
const LEAD_MIN_PX = 100;
// A drawing, or a video's or sound's file in an <img> (a player's fallback for old browsers).
const NOT_A_PHOTO = /\.(?:svgz?|mp4|m4v|webm|mov|ogv|mp3|m4a|ogg|wav)(?:[?#]|$)/i;
// Named in its path as what is no picture of the story: icons, logos, avatars, smileys, badges.
// (A lazy loader's stand-in, "loading.gif", is no image at all: html/images.ts imageSrc skips it.)
const DECORATION =
  /(?:^|[/_.-])(?:icons?|logos?|avatars?|gravatar|emoji|emoticons?|smile?y|smileys|smilies|badges?|sprites?)(?:[/_.-]|\d|$)/i;

/** The first content image fit to stand for the article, absolute, or null. */
export function leadImage(nodes: AnyNode[], base: string): string | null {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (el.name === 'img') {
      const url = absoluteHttpUrl(imageSrc(el.attribs), base);
      if (url && !NOT_A_PHOTO.test(url) && !DECORATION.test(new URL(url).pathname) && !tooSmall(el.attribs.width) && !tooSmall(el.attribs.height)) return url;
      continue;
    }
    const inner = leadImage(el.children, base);
    if (inner) return inner;
  }
  return null;
}

function tooSmall(size: string | undefined): boolean {
  const n = size === undefined ? NaN : parseFloat(size);
  return Number.isFinite(n) && n < LEAD_MIN_PX;
}
