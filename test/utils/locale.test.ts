import { describe, expect, it } from 'vitest';
import { canonicalLanguage as renderLanguage } from '../../src/render/language.ts';
import { canonicalLanguage, canonicalTimeZone } from '../../src/utils/locale.ts';

describe('utils/locale', () => {
  it('canonicalLanguage is the render (strict) rule', () => {
    for (const tag of ['en_us', 'EN-gb', 'fr', 'i-klingon', 'x-private', 'english', '', null, 'zh-hant-tw']) {
      expect(canonicalLanguage(tag)).toBe(renderLanguage(tag));
    }
    expect([canonicalLanguage('en_us'), canonicalLanguage('i-klingon')]).toEqual(['en-US', null]);
  });

  it('canonicalTimeZone fixes case, keeps aliases and refuses unknown zones', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});
