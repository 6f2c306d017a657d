import { describe, expect, it } from 'vitest';
import { embedTarget } from '../../src/html/embed.ts';

describe('embedTarget', () => {
  it.each([
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg'],
    ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?t=90', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s', 'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg'],
    ['https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', 'https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', null],
    ['https://player.vimeo.com/video/76979871?h=8272103f6e&autoplay=1', 'https://vimeo.com/76979871/8272103f6e', null],
    ['https://www.dailymotion.com/embed/video/x8j2k3l', 'https://www.dailymotion.com/video/x8j2k3l', 'https://www.dailymotion.com/thumbnail/video/x8j2k3l'],
    ['https://geo.dailymotion.com/player/xtv3w.html?video=x8j2k3l', 'https://www.dailymotion.com/video/x8j2k3l', 'https://www.dailymotion.com/thumbnail/video/x8j2k3l'],
    ['https://player.twitch.tv/?video=v1234567&parent=news.example', 'https://www.twitch.tv/videos/1234567', null],
    ['https://player.twitch.tv/?channel=somechannel&parent=news.example', 'https://www.twitch.tv/somechannel', null],
    ['https://embed.ted.com/talks/lang/en/some_speaker_a_talk', 'https://www.ted.com/talks/some_speaker_a_talk', null],
    ['https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/artist/track&color=ff5500', 'https://soundcloud.com/artist/track', null],
    ['https://open.spotify.com/embed/episode/7makk4oTQel546B0PZlDM5?utm_source=generator', 'https://open.spotify.com/episode/7makk4oTQel546B0PZlDM5', null],
    ['https://www.loom.com/embed/0281766fa2d04bb788eaf19e65135184', 'https://www.loom.com/share/0281766fa2d04bb788eaf19e65135184', null],
  ])('%s → %s', (src, url, thumbnail) => {
    expect(embedTarget(src)).toEqual({ url, thumbnail });
  });

  it('links the player itself when it names no page it can be mapped to', () => {
    expect(embedTarget('https://fast.wistia.net/embed/iframe/abc123')).toEqual({ url: 'https://fast.wistia.net/embed/iframe/abc123', thumbnail: null });
    // A SoundCloud player of an API URL, or one pointing off SoundCloud, is not followed.
    const api = 'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/123';
    expect(embedTarget(api).url).toBe(api);
    const elsewhere = 'https://w.soundcloud.com/player/?url=https%3A//evil.example/x';
    expect(embedTarget(elsewhere).url).toBe(elsewhere);
    // Ids that are not ids are not spliced into URLs.
    const odd = 'https://www.youtube.com/embed/a%22b';
    expect(embedTarget(odd)).toEqual({ url: odd, thumbnail: null });
  });
});
