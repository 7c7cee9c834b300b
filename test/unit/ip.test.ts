import { describe, expect, it } from 'vitest';
import { classifyIp, parseIpv6 } from '../../src/core/ip';

describe('classifyIp', () => {
  it.each([
    ['127.0.0.1', 'IPv4', 'loopback'],
    ['10.1.2.3', 'IPv4', 'private'],
    ['172.16.0.1', 'IPv4', 'private'],
    ['172.32.0.1', 'IPv4', 'public'],
    ['192.168.0.1', 'IPv4', 'private'],
    ['100.64.0.1', 'IPv4', 'private'],
    ['169.254.1.1', 'IPv4', 'link-local'],
    ['93.184.216.34', 'IPv4', 'public'],
    ['::1', 'IPv6', 'loopback'],
    ['[::1]', 'IPv6', 'loopback'],
    ['::', 'IPv6', 'unspecified'],
    ['fe80::1%eth0', 'IPv6', 'link-local'],
    ['fd12:3456::1', 'IPv6', 'private'],
    ['2001:db8::1', 'IPv6', 'public'],
    ['::ffff:127.0.0.1', 'IPv6', 'loopback'],
    ['::ffff:8.8.8.8', 'IPv6', 'public'],
  ])('%s is %s %s', (address, family, scope) => {
    expect(classifyIp(address)).toMatchObject({ family, scope });
  });

  it('rejects what is not an address', () => {
    for (const bad of ['256.1.1.1', '1.2.3', 'a.example', '1::2::3', '12345::', ':::', '']) {
      expect(classifyIp(bad)).toBeNull();
    }
  });

  it('expands IPv6 to eight groups', () => {
    expect(parseIpv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
  });
});
