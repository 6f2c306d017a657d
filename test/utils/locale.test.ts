import { describe, expect, it } from 'vitest';
import { canonicalLanguage, canonicalTimeZone } from '../../src/utils/locale.ts';

describe('utils/locale', () => {
  it('canonicalLanguage is the strict rule feeds keep (no grandfathered or private-use tags)', () => {
    expect(['en_us', 'EN-gb', 'fr', 'i-klingon', 'x-private', 'english', '', null, 'zh-hant-tw'].map(canonicalLanguage))
      .toEqual(['en-US', 'en-GB', 'fr', null, null, null, null, null, 'zh-Hant-TW']);
  });

  it('canonicalTimeZone fixes case, keeps aliases and refuses unknown zones', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});
