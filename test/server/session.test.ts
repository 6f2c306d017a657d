import { describe, expect, it } from 'vitest';
import { readCookie, SessionKeys, sessionSetCookie, viaHttps } from '../../src/server/session.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

describe('SessionKeys', () => {
  it('verifies its own sessions until they expire, with the same CSRF token', async () => {
    const keys = new SessionKeys('the-admin-token', 60);
    const session = await keys.create(NOW);
    expect(session.expires.toISOString()).toBe('2026-03-01T10:01:00.000Z');
    const back = await keys.verify(session.value, new Date(NOW.getTime() + 59_000));
    expect(back?.csrf).toBe(session.csrf);
    expect(keys.csrfMatches(back!, session.csrf)).toBe(true);
    expect(await keys.verify(session.value, new Date(NOW.getTime() + 60_000))).toBeNull();
  });

  it('gives each session its own CSRF token, and refuses another session\'s', async () => {
    const keys = new SessionKeys('the-admin-token', 60);
    const [a, b] = await Promise.all([keys.create(NOW), keys.create(NOW)]);
    expect(a.csrf).not.toBe(b.csrf);
    expect(keys.csrfMatches(a, b.csrf)).toBe(false);
    expect(keys.csrfMatches(a, '')).toBe(false);
    expect(keys.csrfMatches(a, null)).toBe(false);
  });

  it('refuses sessions of another token and every malformed value', async () => {
    const session = await new SessionKeys('old-token', 60).create(NOW);
    const keys = new SessionKeys('new-token', 60);
    expect(await keys.verify(session.value, NOW)).toBeNull();
    for (const bad of [null, '', 'a.b.c', `${session.value}x`, session.value.replace(/^\d+/, '99999999999'), `1.${'A'.repeat(22)}.${'A'.repeat(43)}`]) {
      expect(await keys.verify(bad, NOW)).toBeNull();
    }
  });
});

describe('session cookies', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; feedwright_studio=xyz; b=2', 'feedwright_studio')).toBe('xyz');
    expect(readCookie('xfeedwright_studio=1', 'feedwright_studio')).toBeNull();
    expect(readCookie(null, 'feedwright_studio')).toBeNull();
  });

  it('names and flags the cookie by scheme, and removes it with Max-Age=0', async () => {
    const session = await new SessionKeys('t', 3600).create(NOW);
    const plain = new Request('http://localhost:8787/admin/sign-in');
    const tls = new Request('https://feeds.example/admin/sign-in');
    const proxied = new Request('http://10.0.0.5/admin/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(viaHttps(plain)).toBe(false);
    expect(viaHttps(tls)).toBe(true);
    expect(viaHttps(proxied)).toBe(true);
    expect(sessionSetCookie(plain, session, NOW)).toBe(`feedwright_studio=${session.value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`);
    expect(sessionSetCookie(tls, session, NOW)).toBe(`__Host-feedwright_studio=${session.value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`);
    expect(sessionSetCookie(plain, null, NOW)).toBe('feedwright_studio=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });
});
