import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { raise } from '../../src/core/findings';
import { historyEntry } from '../../src/core/history';
import { App } from '../../src/popup/App';
import { load, report } from './events';
import { t } from './translate';

// A look-alike host (`xn--pple-43d.com` reads as "аpple.com", its first letter Cyrillic) shows its
// punycode beside the Unicode form wherever a person glances: the verdict, the history.

const LOOKALIKE = 'https://xn--pple-43d.com/login';

describe('a look-alike host', () => {
  it('shows its punycode beside the Unicode form in the verdict', () => {
    const html = renderToString(<App report={report(load({ chain: [LOOKALIKE] }))} t={t} />);
    const verdictHost = /data-field="verdict-host">(.*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(verdictHost.replace(/<[^>]+>/g, '')).toBe('аpple.com (xn--pple-43d.com)');
  });

  it('an ordinary or ASCII host shows once', () => {
    const html = renderToString(
      <App report={report(load({ chain: ['https://apple.com/'] }))} t={t} />,
    );
    expect(/data-field="verdict-host">(.*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '')).toBe(
      'apple.com',
    );
  });

  it('keeps both forms in the history, or the punycode alone when both do not fit', () => {
    const f = raise('insecure-form', 'danger', { url: LOOKALIKE });
    expect(historyEntry(f, LOOKALIKE, 1).host).toBe('аpple.com (xn--pple-43d.com)');
    const long = `https://${'xn--pple-43d.'.repeat(8)}com/`;
    const host = historyEntry(f, long, 1).host;
    expect(host.startsWith('xn--pple-43d.')).toBe(true);
  });
});
