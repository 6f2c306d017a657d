/**
 * Text a CMS encoded to UTF-8 twice reads as it was written (html/mojibake.ts); real text that
 * merely looks alike is left alone.
 */
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/html/mojibake.ts';
import { extractArticle } from '../../src/extract/index.ts';

/** What a double encoding makes of `s`: its UTF-8 bytes read as Latin-1. */
const garble = (s: string): string => String.fromCharCode(...new TextEncoder().encode(s));

describe('repairMojibake', () => {
  it('reads back punctuation, no-break spaces and emoji garbled through Latin-1 or Windows-1252', () => {
    expect(repairMojibake(garble('It doesn’t matter — really…'))).toBe('It doesn’t matter — really…');
    expect(repairMojibake('isnâ€™t it â€œsoâ€\u009d')).toBe('isn’t it “so”');
    expect(repairMojibake(garble('cats.\u00a0Next'))).toBe('cats.\u00a0Next');
    expect(repairMojibake(garble('Nice 😀'))).toBe('Nice 😀');
  });

  it('reads back accented letters and signs garbled through Latin-1 ("Ã©", "Ã¼", "Â®")', () => {
    expect(repairMojibake(garble('Café in München, 20 °C'))).toBe('Café in München, 20 °C');
    expect(repairMojibake(garble('Python® Software Foundation ©'))).toBe('Python® Software Foundation ©');
    expect(repairMojibake(garble('Forstærket håb løfter aktien'))).toBe('Forstærket håb løfter aktien');
  });

  it('keeps a letter-and-sign pair in text that has accented letters of its own (it quotes mojibake)', () => {
    const quoted = 'I saw "Ã¤" instead of "ä" for years.';
    expect(repairMojibake(quoted)).toBe(quoted);
    // A strong tell (a Windows-1252 mark) is still read back there.
    expect(repairMojibake('It doesnâ€™t show "ä".')).toBe('It doesn’t show "ä".');
  });

  it('reads back other scripts garbled through Latin-1 when a C1 control gives them away', () => {
    // Polish, romanized Japanese, an emoji's variation selector: UTF-8 bytes read as Latin-1.
    expect(repairMojibake(garble('Hosted by Paweł Dolega and Dariusz Jaroń'))).toBe('Hosted by Paweł Dolega and Dariusz Jaroń');
    expect(repairMojibake(garble('Doing Ichirō Itano proud ✍️'))).toBe('Doing Ichirō Itano proud ✍️');
  });

  it('reads a stray C1 control as the Windows-1252 character it was, and drops the undefined ones', () => {
    expect(repairMojibake('we\u0092re so used to it \u0097 says: \u0093fine\u0094, \u0084Gruß')).toBe('we’re so used to it — says: “fine”, „Gruß');
    expect(repairMojibake('price \u0080 5 and love \u2019em\u201d\u009d guaranteed')).toBe('price € 5 and love ’em” guaranteed');
  });

  it('leaves real text alone, however close it comes', () => {
    for (const s of ['„Gruß“ und „Fuß“', '« C’est allé…»', 'café, naïve, SÃO PAULO', 'plain ASCII', 'Łódź, Škoda, Ørsted: 3×½ inch', 'Привет, Ελληνικά, 日本語'])
      expect(repairMojibake(s)).toBe(s);
  });
});

describe('extractArticle: a doubly encoded article', () => {
  const para = (s: string): string => `<p>${garble(s)}</p>`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Moving day</title></head><body>
    <nav><a href="/">Home</a></nav>
    <article><h1>Moving day</h1>
      ${para('Moving house is a big step, and it’s one that rewards a little planning well before the day itself comes round.')}
      ${para('Start with the rooms you use least: the attic, the guest room, the shed. Label every box with the room it’s going to.')}
      ${para('On the day, keep a “first night” box apart — kettle, towels, chargers — so nobody has to dig for them at midnight.')}
    </article></body></html>`;

  it('gives the text and the html as the author wrote them', () => {
    const a = extractArticle(html, 'https://movers.example/blog/moving-day');
    expect(a.text).toContain('it’s one that rewards');
    expect(a.text).toContain('a “first night” box apart — kettle');
    expect(a.html).toContain('it’s going to');
    expect(a.text).not.toMatch(/â/);
  });

  // The text is read from the repaired nodes, as the html is: a run read back one node at a time
  // is seen as it was written (a no-break space is still one, not yet a space of the text), and
  // a weak pair is judged by its own node's letters, not by the whole article's.
  it('gives the text the repairs the html gets', () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Food myths</title></head><body><article><h1>Food myths</h1>
      <p>Some food beliefs hold up, and plenty of them do not: here is what the evidence says about the common ones.</p>
      <h2>${garble('1.\u00a0\u00a0Myth: all fat is bad')}</h2>
      <p>Fats in nuts, fish and olive oil help the heart, and a diet without them leaves you hungry and tired by noon.</p>
      <h2>${garble('Myth: nuts make you gain ®weight')}</h2>
      <p>Studies over two decades found no such effect, and Müller’s review of them found the opposite for most people.</p>
      <p>${garble('\u200d')}</p>
      <p>Eating late is not itself the problem either: what and how much you eat matter far more than the hour.</p>
    </article></body></html>`;
    const a = extractArticle(page, 'https://health.example/food-myths');
    expect(a.text).toContain('1. Myth: all fat is bad');
    expect(a.text).toContain('Myth: nuts make you gain ®weight');
    expect(a.text).not.toMatch(/Â|â|\u200d/);
    expect(a.html).toContain('Myth: nuts make you gain ®weight');
  });
});
