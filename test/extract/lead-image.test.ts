/** The article's image when the page names none (src/extract/lead-image.ts), through extractArticle. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

const prose = '<p>' + 'The council met on Tuesday to discuss the new budget, and agreed on most of it. '.repeat(6) + '</p>';
const page = (head: string, body: string) =>
  `<!doctype html><html><head><title>Budget</title>${head}</head><body><article><h1>Budget</h1>${body}</article></body></html>`;
const image = (head: string, body: string) => extractArticle(page(head, body), 'https://news.example/2024/budget', { provenance: true });

describe('the lead image of an article', () => {
  it('is the page\'s own image when it names one', () => {
    const a = image('<meta property="og:image" content="/og.jpg">', `<figure><img src="/photo.jpg" width="800" height="500"></figure>${prose}`);
    expect(a.image).toBe('https://news.example/og.jpg');
    expect(a.contentImage).toBeNull();
  });
  it('is the content\'s first picture when the page names none', () => {
    const a = image('', `<figure><img data-src="/photos/council.jpg" src="data:image/gif;base64,R0lGOD" alt=""></figure>${prose}`);
    expect(a.image).toBeNull();
    expect(a.contentImage).toBe('https://news.example/photos/council.jpg');
  });
  it('is no icon, avatar, smiley, logo, drawing or video file', () => {
    const body = '<p><img src="/i/share.png" width="24" height="24"> <img src="/smilies/smile.gif"> <img src="/brand/site-logo.png">' +
      ' <img src="/art/chart.svg"> <video><source src="/media/clip.mp4"><img src="/media/clip.mp4"></video></p>' + prose + '<figure><img src="/photos/hall.jpg"></figure>' + prose;
    expect(image('', body).contentImage).toBe('https://news.example/photos/hall.jpg');
    expect(image('', prose).contentImage).toBeNull();
    // A lazy image whose name only begins like a loader's stand-in is a photo (html/images.ts reads it so).
    expect(image('', `<figure><img data-src="/photos/loading-dock.jpg"></figure>${prose}`).contentImage).toBe('https://news.example/photos/loading-dock.jpg');
  });
});
