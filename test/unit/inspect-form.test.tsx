import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { buildReport, wouldResubmit } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { App } from '../../src/popup/App';
import { load, run } from './events';
import { t } from './translate';

// Chrome reads a certificate by reloading the page under its debugger, which sends a form again
// without the browser's warning. A page that answered a form is never reloaded for a read.

const chrome = { now: Date.now(), tlsSource: 'chrome-debugger' as const };
const page = (method: string, chain: string[], statuses?: number[]) =>
  run(load({ chain, method, ...(statuses ? { statuses } : {}) }));

describe('a page reached by posting a form, in Chrome with the debugger permission', () => {
  it('offers no read, and says why', () => {
    const posted = page('POST', ['https://shop.example/checkout']);
    const report = buildReport(1, posted, DEFAULT_SETTINGS, chrome);
    expect(report.tls).toEqual({ state: 'cannot-inspect-form' });
    const html = renderToString(
      <App
        report={report}
        t={t}
        handlers={{ copy: () => Promise.resolve(), inspect: () => Promise.resolve('started') }}
      />,
    );
    expect(html).not.toContain('data-action="inspect"');
    expect(html).toContain('would send the form again');
  });

  it('is judged by the method of the request that loaded the page', () => {
    expect(wouldResubmit(page('POST', ['https://a.example/form']).page!)).toBe(true);
    // 303 (and 301, 302) turn the POST into a GET: reloading the result sends no form.
    expect(
      wouldResubmit(
        page('POST', ['https://a.example/form', 'https://a.example/done'], [303]).page!,
      ),
    ).toBe(false);
    // 307 and 308 keep the POST.
    expect(
      wouldResubmit(
        page('POST', ['https://a.example/form', 'https://a.example/done'], [307]).page!,
      ),
    ).toBe(true);
    expect(wouldResubmit(page('GET', ['https://a.example/']).page!)).toBe(false);
    const get = buildReport(1, page('GET', ['https://a.example/']), DEFAULT_SETTINGS, chrome);
    expect(get.tls).toEqual({ state: 'can-inspect' });
  });
});
