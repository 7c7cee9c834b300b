import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { load, report, resource } from './events';

describe('badgeFor', () => {
  it('shows ! in red for a downgrade', () => {
    const b = badgeFor(report(load({ chain: ['https://a.example/', 'http://a.example/'] })));
    expect(b).toMatchObject({
      text: '!',
      background: '#C5221F',
      icon: 'danger',
      title: 'headline_danger',
    });
  });

  it('shows HTTP for a plain page, the port for a non-standard one, nothing when secure', () => {
    expect(badgeFor(report(load({ chain: ['http://a.example/'] }))).text).toBe('HTTP');
    expect(badgeFor(report(load({ chain: ['https://a.example:8443/'] })))).toMatchObject({
      text: '8443',
      icon: 'notice',
    });
    expect(badgeFor(report(load({ chain: ['https://a.example:10443/'] }))).text).toBe('PORT');
    expect(
      badgeFor(report(load({ chain: ['https://a.example/'], hsts: 'max-age=31536000' }))),
    ).toMatchObject({
      text: '',
      icon: 'secure',
    });
  });

  it('never exceeds four characters, and ignores allowlisted findings', () => {
    const r = report(
      [
        ...load({ chain: ['https://a.example:8443/'] }),
        resource('wss://a.example:65535/', 'websocket'),
      ],
      { ...DEFAULT_SETTINGS, allowlist: ['a.example:8443'] },
    );
    const b = badgeFor(r);
    expect(b.text.length).toBeLessThanOrEqual(4);
    expect(b.text).toBe('PORT');
  });

  it('is neutral for a tab with no web page', () => {
    expect(badgeFor(report([]))).toMatchObject({
      text: '',
      icon: 'neutral',
      title: 'headline_no_data',
    });
  });
});
