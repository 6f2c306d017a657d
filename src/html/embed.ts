/**
 * Video and audio player embeds → the page a reader can open. Feeds carry no iframes (validators
 * flag them as a security risk and most readers drop them), so a player becomes a link to its
 * video page, with a thumbnail where the provider serves one at a URL derived from the video id.
 * Everything is derived from the embed URL: no requests.
 */

export interface EmbedTarget {
  /** The page to link to (the player URL itself when no better page is known). */
  url: string;
  /** A still image of the video, when the provider has one at a predictable URL. */
  thumbnail: string | null;
}

const YOUTUBE = new Set(['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com']);
const DAILYMOTION = new Set(['www.dailymotion.com', 'geo.dailymotion.com']);
const VIDEO_ID = /^[\w-]{1,64}$/;

/** Where a player embed (an absolute https URL of an allowed embed host) points to. */
export function embedTarget(src: string): EmbedTarget {
  let u: URL;
  try {
    u = new URL(src);
  } catch {
    return { url: src, thumbnail: null };
  }
  const host = u.hostname.toLowerCase();
  const segments = u.pathname.split('/').filter(Boolean);
  const param = (name: string) => u.searchParams.get(name)?.trim() || null;
  const page = (url: string, thumbnail: string | null = null): EmbedTarget => ({ url, thumbnail });

  if (YOUTUBE.has(host) && segments[0] === 'embed') {
    const id = segments[1];
    const list = param('list');
    if ((!id || id === 'videoseries') && list && VIDEO_ID.test(list)) return page(`https://www.youtube.com/playlist?list=${list}`);
    if (id && VIDEO_ID.test(id)) {
      const start = param('start') ?? param('t');
      const at = start && /^\d+$/.test(start) ? `&t=${start}s` : '';
      return page(`https://www.youtube.com/watch?v=${id}${at}`, `https://i.ytimg.com/vi/${id}/hqdefault.jpg`);
    }
  }
  if (host === 'player.vimeo.com' && segments[0] === 'video' && /^\d+$/.test(segments[1] ?? '')) {
    const hash = param('h');
    return page(`https://vimeo.com/${segments[1]}${hash && /^\w+$/.test(hash) ? `/${hash}` : ''}`);
  }
  if (DAILYMOTION.has(host)) {
    const id = segments[0] === 'embed' && segments[1] === 'video' ? segments[2] : param('video');
    if (id && VIDEO_ID.test(id)) {
      return page(`https://www.dailymotion.com/video/${id}`, `https://www.dailymotion.com/thumbnail/video/${id}`);
    }
  }
  if (host === 'player.twitch.tv') {
    const video = param('video')?.replace(/^v/, '');
    if (video && /^\d+$/.test(video)) return page(`https://www.twitch.tv/videos/${video}`);
    const channel = param('channel');
    if (channel && /^\w+$/.test(channel)) return page(`https://www.twitch.tv/${channel}`);
  }
  if (host === 'embed.ted.com' && segments[0] === 'talks' && segments.length >= 2) {
    const slug = segments[segments.length - 1].replace(/\.html$/, '');
    if (/^[\w-]+$/.test(slug)) return page(`https://www.ted.com/talks/${slug}`);
  }
  if (host === 'w.soundcloud.com') {
    const target = safePage(param('url'), (h) => h === 'soundcloud.com' || h === 'www.soundcloud.com' || h === 'on.soundcloud.com');
    if (target) return page(target);
  }
  if (host === 'open.spotify.com' && /^embed(?:-podcast)?$/.test(segments[0] ?? '') && segments.length >= 3) {
    const [, kind, id] = segments;
    if (/^[a-z]+$/.test(kind) && /^\w+$/.test(id)) return page(`https://open.spotify.com/${kind}/${id}`);
  }
  if (host === 'www.loom.com' && segments[0] === 'embed' && /^\w+$/.test(segments[1] ?? '')) {
    return page(`https://www.loom.com/share/${segments[1]}`);
  }
  return page(u.href);
}

/** `value` when it is an https URL on a host `ok` accepts. */
function safePage(value: string | null, ok: (host: string) => boolean): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && ok(u.hostname.toLowerCase()) ? u.href : null;
  } catch {
    return null;
  }
}
