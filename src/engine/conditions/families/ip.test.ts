import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IP_OPERATORS, blockContains, parseAddress, parseBlock } from './ip.js';

const ipAddress = (cidr: string) => IP_OPERATORS.IpAddress!.compile(cidr);

describe('IpAddress', () => {
  it('matches IPv4 CIDR blocks and bare addresses as /32', () => {
    expect(ipAddress('203.0.113.0/24')?.('203.0.113.77')).toBe(true);
    expect(ipAddress('203.0.113.0/24')?.('203.0.114.1')).toBe(false);
    expect(ipAddress('203.0.113.5')?.('203.0.113.5')).toBe(true);
    expect(ipAddress('203.0.113.5')?.('203.0.113.6')).toBe(false);
    expect(ipAddress('0.0.0.0/0')?.('8.8.8.8')).toBe(true);
  });

  it('matches IPv6 blocks, with :: compression and embedded IPv4', () => {
    expect(ipAddress('2001:db8::/32')?.('2001:db8:1234::1')).toBe(true);
    expect(ipAddress('2001:db8::/32')?.('2001:db9::1')).toBe(false);
    expect(ipAddress('::ffff:192.0.2.0/120')?.('::ffff:192.0.2.9')).toBe(true);
    expect(ipAddress('2001:DB8::1')?.('2001:db8:0:0:0:0:0:1')).toBe(true);
  });

  it('never matches across families or on malformed input', () => {
    expect(ipAddress('203.0.113.0/24')?.('2001:db8::1')).toBe(false);
    expect(ipAddress('2001:db8::/32')?.('203.0.113.1')).toBe(false);
    expect(ipAddress('203.0.113.0/33')).toBeUndefined();
    expect(ipAddress('300.1.1.1')).toBeUndefined();
    expect(ipAddress('1::2::3')).toBeUndefined();
    expect(ipAddress('203.0.113.0/24')?.('not an ip')).toBe(false);
  });

  it('an IPv4 address is inside its own /n block for every n', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, n) => {
        const block = parseBlock(`${ip}/${n}`);
        expect(block).toBeDefined();
        expect(blockContains(block!, parseAddress(ip)!)).toBe(true);
      }),
    );
  });

  it('parses every IPv6 address fast-check generates', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        expect(parseAddress(ip)).toHaveLength(8);
      }),
    );
  });
});
