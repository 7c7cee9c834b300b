// Server redirects: https → http at any hop is a downgrade; http → https is an upgrade.
import { page, redirect, securePage } from '../pages';
import type { Scenario } from '../scenario-types';

function downgradeRedirect(status: 301 | 302 | 307 | 308): Scenario {
  const start = `https://redirect.test/${status}`;
  const end = `http://redirect.test/landed-${status}`;
  return {
    id: `redirect-${status}`,
    group: 'redirect',
    title: `https → http by a ${status} redirect`,
    reach: { by: 'typed' },
    startUrl: start,
    endUrl: end,
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-redirect': {
          severity: 'danger',
          where: 'page',
          hop: 1,
          detail: `status ${status}`,
        },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['downgrade-navigation'],
      fields: { port: 80, portKind: 'default', ip: '127.0.0.1', hops: 1 },
    },
    serves: { [start]: redirect(end, status), [end]: page(`Landed after a ${status}`) },
  };
}

export const REDIRECT_SCENARIOS: Scenario[] = [
  downgradeRedirect(301),
  downgradeRedirect(302),
  downgradeRedirect(307),
  downgradeRedirect(308),
  {
    id: 'redirect-chain',
    group: 'redirect',
    title: 'https → https → http, three URLs',
    reach: { by: 'typed' },
    startUrl: 'https://chain.test/start',
    endUrl: 'http://chain-end.test/end',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-redirect': { severity: 'danger', where: 'page', hop: 2, detail: 'hop 2' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['downgrade-navigation'],
      fields: { port: 80, ip: '127.0.0.1', hops: 2 },
    },
    serves: {
      'https://chain.test/start': redirect('https://chain.test/middle', 301),
      'https://chain.test/middle': redirect('http://chain-end.test/end', 302),
      'http://chain-end.test/end': page('End of the chain'),
    },
  },
  {
    id: 'upgrade-redirect',
    group: 'redirect',
    title: 'http → https, an upgrade',
    reach: { by: 'typed' },
    startUrl: 'http://upgrade.test/',
    endUrl: 'https://upgrade.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: {},
      absent: ['downgrade-redirect', 'insecure-page', 'no-hsts'],
      fields: { port: 443, ip: '127.0.0.1', hops: 1, hsts: 'present' },
    },
    note:
      'Once the browser has the long HSTS header, it upgrades http://upgrade.test/ itself (an ' +
      'internal redirect); it is still one hop, and still an upgrade.',
    serves: {
      'http://upgrade.test/': redirect('https://upgrade.test/', 301),
      'https://upgrade.test/': securePage('Upgraded to https'),
    },
  },
];
