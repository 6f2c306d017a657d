import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/html/to-text.ts';

// More of htmlToText (blocks, code, entities, <figcaption>, embeds) is in sanitize.test.ts.
describe('htmlToText: captions and credits named as such', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of the story tells what the council decided about the trams today.</p>`).join('');

  it.each([
    ['<p class="wp-caption-text">A tram on its test run</p>', 'WordPress'],
    ['<span class="rte-image--imageCaption">A tram on its test run</span>', 'a camel-cased BEM modifier'],
    ['<div class="article__caption">A tram on its test run</div>', 'a BEM element'],
    ['<span class="photo-credit">Foto: Jane Doe/Agency</span>', 'a credit'],
    ['<span class="credits">DCV / Oppitz</span>', 'credits'],
    ['<div class="caption-text">A tram on its test run</div>', 'caption-text'],
  ])('leaves %s out of the text without captions (%s), and keeps it by default', (caption) => {
    const html = `<div class="image"><img src="a.jpg" alt="">${caption}</div>${body(3)}`;
    const inner = caption.replace(/<[^>]+>/g, '');
    expect(htmlToText(html, { captions: false })).not.toContain(inner);
    expect(htmlToText(html, { captions: false })).toContain('Paragraph 3 of the story');
    expect(htmlToText(html)).toContain(inner);
  });

  it('reads a class that only contains the word (a type size such as "caption-s5-fx") as no caption', () => {
    const html = `<h2 class="teaser caption-s5-fx">The standfirst of the story</h2>${body(3)}`;
    expect(htmlToText(html, { captions: false })).toContain('The standfirst of the story');
  });

  it('joins no words where an inline credit is left out', () => {
    const html = `<p>The new line opens<span class="credit">Photo: City</span>next spring, the council said.</p>${body(3)}`;
    expect(htmlToText(html, { captions: false })).toContain('The new line opens next spring, the council said.');
  });

  it('keeps named captions that hold more than a quarter of the text: there they are the content', () => {
    const tile = (name: string) => `<div class="tile"><img src="${name}.jpg" alt=""><div class="product-caption">${name}, a stoneware mug glazed by hand</div></div>`;
    const html = `<p>Handmade mugs from our studio.</p>${['Amber', 'Moss', 'Slate', 'Sand'].map(tile).join('')}`;
    const text = htmlToText(html, { captions: false });
    for (const name of ['Amber', 'Moss', 'Slate', 'Sand']) expect(text).toContain(`${name}, a stoneware mug glazed by hand`);
  });

  it('keeps a slideshow\'s slides, long <figcaption>s that hold most of the text, and not one long photo caption', () => {
    const slideText = (n: number) => `Slide ${n}: "Oftentimes people settle for what's fastest or what's easiest to buy at that moment," the designer says. "Take the extra time to find one-of-a-kind pieces to mix in with the new stuff."`;
    const slide = (n: number) => `<figure><div class="title">Tip ${n}</div><img src="${n}.jpg" alt=""><figcaption><p>${slideText(n)}</p></figcaption></figure>`;
    const intro = '<p>No generation is perfect, and interior design is one area ripe for improvement.</p>';
    const slideshow = htmlToText(intro + [1, 2, 3, 4].map(slide).join(''), { captions: false });
    for (const n of [1, 2, 3, 4]) expect(slideshow).toContain(slideText(n));
    // A wire photo's caption, however long, is a caption; so are short ones, however many.
    const wire = `<figure><img src="rocket.jpg" alt=""><figcaption>${slideText(1)} ${slideText(2)} AFP PHOTO/Getty Images</figcaption></figure>`;
    expect(htmlToText(wire + intro, { captions: false })).toBe('No generation is perfect, and interior design is one area ripe for improvement.');
    const short = [1, 2, 3, 4].map((n) => `<figure><img src="${n}.jpg" alt=""><figcaption>Quick view</figcaption></figure>`).join('');
    expect(htmlToText(intro + short, { captions: false })).toBe('No generation is perfect, and interior design is one area ripe for improvement.');
  });

  it('counts a credit inside a caption once, with its caption', () => {
    // Caption 90 characters with its 40-character credit, body 300: 90 is under a quarter of 390,
    // 90 + 40 would not be.
    const credit = 'Photo: Jane Doe/Agency for the City Hall'; // 40
    const caption = `${'A tram on its first test run across the river.'.padEnd(50, '.')}`; // 50
    const prose = '<p>' + 'The council approved the new line after a long debate. '.repeat(6).slice(0, 300) + '</p>';
    const html = `<div class="wp-caption-text">${caption}<span class="photo-credit">${credit}</span></div>${prose}`;
    const text = htmlToText(html, { captions: false });
    expect(text).not.toContain('A tram on its first test run');
    expect(text).not.toContain(credit);
    expect(text).toContain('The council approved the new line');
  });
});

describe('htmlToText: U+FEFF inside a word', () => {
  it('reads an editor\'s caret mark (U+FEFF) inside a word as nothing, in prose and in code', () => {
    const text = htmlToText('<h2><strong>The 10 B\ufeffest Projects</strong></h2><p>H\ufeffow to apply \ufeff the formula.</p><pre>le\ufefft x = 1;</pre>');
    expect(text).toContain('The 10 Best Projects');
    expect(text).toContain('How to apply the formula.');
    expect(text).toContain('let x = 1;');
  });
});

describe('htmlToText: soft hyphens', () => {
  it('leaves out the soft hyphens a hyphenation plugin writes into words, as text and as &shy;', () => {
    const text = htmlToText('<p>Das Mus\u00adso\u00adli\u00adni-Regime reih\u00adte ihn unter die Wei&shy;ne Ita&shy;li&shy;ens.</p><pre>Ver&shy;natsch</pre>');
    expect(text).toContain('Das Mussolini-Regime reihte ihn unter die Weine Italiens.');
    expect(text).toContain('Vernatsch');
    expect(text).not.toContain('\u00ad');
  });
});
