import { describe, expect, it } from 'vitest';
import { sameSite, siteOf } from '../../src/core/site';

describe('same site, from the public-suffix list', () => {
  it('joins subdomains of a registrable domain under a multi-label suffix', () => {
    expect(sameSite('www.example.co.uk', 'shop.example.co.uk')).toBe(true);
    expect(siteOf('www.example.co.uk')).toBe('example.co.uk');
  });
  it('keeps apart sites that share only a public suffix', () => {
    expect(sameSite('example.co.uk', 'other.co.uk')).toBe(false);
    expect(sameSite('alice.github.io', 'bob.github.io')).toBe(false);
    expect(sameSite('example.com', 'example.org')).toBe(false);
  });
  it('treats IP literals as their own site', () => {
    expect(sameSite('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(sameSite('127.0.0.1', '127.0.0.2')).toBe(false);
    expect(sameSite('[::1]', '[::1]')).toBe(true);
  });
});
