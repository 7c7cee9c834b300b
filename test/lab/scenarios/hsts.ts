// Strict-Transport-Security: long, absent, too short. One host each: browsers remember HSTS.
import { page, securePage, withHsts } from '../pages';
import type { Scenario } from '../scenario-types';

export const HSTS_SCENARIOS: Scenario[] = [
  {
    id: 'hsts-long',
    group: 'hsts',
    title: 'HSTS with max-age one year',
    reach: { by: 'typed' },
    startUrl: 'https://hsts.test/',
    endUrl: 'https://hsts.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: {},
      absent: ['no-hsts'],
      fields: { port: 443, hsts: 'present' },
    },
    serves: { 'https://hsts.test/': securePage('HSTS for a year') },
  },
  {
    id: 'hsts-absent',
    group: 'hsts',
    title: 'No HSTS header',
    reach: { by: 'typed' },
    startUrl: 'https://no-hsts.test/',
    endUrl: 'https://no-hsts.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: { 'no-hsts': { severity: 'info', detail: 'does not send' } },
      absent: [],
      fields: { port: 443, hsts: 'absent' },
    },
    serves: { 'https://no-hsts.test/': page('No HSTS') },
  },
  {
    id: 'hsts-short',
    group: 'hsts',
    title: 'HSTS with max-age one day',
    reach: { by: 'typed' },
    startUrl: 'https://short-hsts.test/',
    endUrl: 'https://short-hsts.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: { 'no-hsts': { severity: 'info', detail: 'lasts only 1 day' } },
      absent: [],
      fields: { port: 443, hsts: 'short' },
    },
    serves: { 'https://short-hsts.test/': withHsts(page('HSTS for a day'), 'max-age=86400') },
  },
];
