import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/popup/App';
import { load, report as reportOf } from './events';
import { t } from './translate';

// The stable hooks the end-to-end tests (and people who automate) read from the popup: each
// connection fact by `data-field`, the HSTS state, the redirect hop count, and where a finding
// is and which hop it names. They must say the same as the words beside them.

function attrs(markup: string, selector: RegExp): string[] {
  return [...markup.matchAll(selector)].map((m) => m[0]);
}

describe('popup hooks', () => {
  const markup = renderToString(
    <App
      report={reportOf(
        load({
          chain: ['https://a.example/', 'https://b.example/', 'http://c.example/'],
          statuses: [301, 302],
          ip: '127.0.0.1',
        }),
      )}
      t={t}
    />,
  );

  it('names every connection fact', () => {
    const fields = attrs(markup, /data-field="([a-z]+)"/g).map((a) => a.slice(12, -1));
    expect(fields).toEqual(
      expect.arrayContaining(['address', 'port', 'ip', 'status', 'hsts', 'redirects']),
    );
  });

  it('gives the HSTS state and the number of hops as data', () => {
    expect(markup).toContain('data-field="hsts" data-state="not-applicable"');
    expect(markup).toContain('data-field="redirects" data-hops="2"');
  });

  it('says where a finding is and which hop went plain', () => {
    expect(markup).toMatch(
      /data-finding="downgrade-redirect" data-severity="danger" data-where="page" data-hop="2"/,
    );
    expect(markup).toMatch(
      /data-finding="insecure-page" data-severity="warning" data-where="page"/,
    );
  });
});
