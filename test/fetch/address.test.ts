import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, parseHostAddress, privateReason } from '../../src/fetch/address.ts';

describe('parseHostAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0x7F.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['192.168.257', '192.168.1.1'],
    ['0', '0.0.0.0'],
    ['8.8.8.8.', '8.8.8.8'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['FE80:0:0:0:0:0:0:1', 'fe80::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2606:4700:4700::1111', '2606:4700:4700::1111'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('%s → %s', (input, expected) => {
    expect(parseHostAddress(input)).toBe(expected);
  });

  it.each(['example.com', 'localhost', '256.0.0.0.1', '1.2.3.256', '08.0.0.1', '0xg.0.0.1', '1:2:3', '1::2::3', ':::', '12345::', '', '1.2.3.4.5'])(
    'rejects %s',
    (input) => {
      expect(parseHostAddress(input)).toBeNull();
    },
  );

  it('agrees with the WHATWG URL parser on numeric IPv4 forms', () => {
    for (const host of ['2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1', '0x7f000001', '3232235777', '10.0x10.020']) {
      expect(parseHostAddress(host)).toBe(new URL(`http://${host}/`).hostname);
    }
  });

  it('matches the URL parser for any 32-bit number in decimal, hex and octal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
        for (const host of [String(n), `0x${n.toString(16)}`, `0${n.toString(8)}`]) {
          expect(parseHostAddress(host)).toBe(new URL(`http://${host}/`).hostname);
        }
      }),
    );
  });

  it('matches the URL parser on any IPv6 address', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map((g) => g.toString(16)).join(':');
        expect(`[${parseHostAddress(full)}]`).toBe(new URL(`http://[${full}]/`).hostname);
      }),
    );
  });
});

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '2130706433',
    '0177.0.0.1',
    '0x7f.0.0.1',
    '127.1',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.1',
    '198.18.0.1',
    '::1',
    '[::1]',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '[::ffff:a9fe:a9fe]',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    'fe80::1',
    'febf::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    'fec0::1',
    '::127.0.0.1',
    '2001:db8::1',
    'localhost',
    'LOCALHOST.',
    'app.localhost',
    'metadata.google.internal',
  ])('%s is private', (host) => {
    expect(isPrivateAddress(host)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '100.63.255.255',
    '169.253.0.1',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::',
    'example.com',
    'localhost.example.com',
    'notlocalhost',
  ])('%s is public', (host) => {
    expect(isPrivateAddress(host)).toBe(false);
  });

  it('names the reason', () => {
    expect(privateReason('127.0.0.1')).toBe('loopback address');
    expect(privateReason('::1')).toBe('loopback address');
    expect(privateReason('::ffff:127.0.0.1')).toBe('loopback address');
    expect(privateReason('10.0.0.1')).toContain('RFC 1918');
    expect(privateReason('169.254.169.254')).toContain('link-local');
    expect(privateReason('fe80::1')).toContain('link-local');
    expect(privateReason('localhost')).toBe('local hostname');
    expect(privateReason('example.com')).toBeNull();
  });
});
