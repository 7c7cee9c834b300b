import { INSPECT_FAILURES } from '../../src/core/events';
import type { TlsFailure } from '../../src/core/net-error';
import { describe, expect, it } from 'vitest';
import type { HstsView } from '../../src/core/hsts';
import {
  ctMessage,
  daysLeftMessage,
  echMessage,
  errorClassMessage,
  hstsMessages,
  ipMessages,
  keyMessage,
  kindMessage,
  overriddenMessage,
  roleMessage,
  tlsStateMessage,
} from '../../src/core/report-words';
import { renderMessage, type Message } from '../../src/core/message';
import { shopDowngrade } from './events';
import { t } from './translate';

const downgrade = shopDowngrade();

describe('words for every state', () => {
  const connection = downgrade.connection!;
  it('has a message for every HSTS state, IP scope, TLS reason and request kind', () => {
    // t throws on a missing key; each message must also say something.
    const said: string[] = [];
    const say = (m: Message): void => void said.push(renderMessage(m, t));
    const states: HstsView['state'][] = [
      'present',
      'short',
      'absent',
      'invalid',
      'unknown',
      'not-applicable',
    ];
    for (const state of states)
      for (const m of hstsMessages({
        state,
        maxAge: 86400,
        includeSubDomains: true,
        preload: true,
      }))
        say(m);
    for (const ipScope of ['loopback', 'private', 'link-local', 'unspecified', 'public'] as const) {
      for (const m of ipMessages({ ...connection, ipFamily: 'IPv6', ipScope })) say(m);
    }
    for (const reason of [
      'expired',
      'not-yet-valid',
      'untrusted',
      'name-mismatch',
      'revoked',
      'weak-key',
      'weak-signature',
      'invalid',
      'pinning',
      'ct-required',
      'interception',
      'client-certificate',
      'handshake',
      'protocol',
      'other',
    ] satisfies TlsFailure[]) {
      say(errorClassMessage({ ...connection, errorClass: { kind: 'tls', reason } })!);
    }
    for (const kind of ['main_frame', 'sub_frame', 'websocket', 'other', 'surprise'])
      say(kindMessage(kind));
    // 6 HSTS states (the present and short ones with their directives), 5 scopes with the
    // family, 15 reasons, 5 kinds: none of them empty.
    expect(said.length).toBeGreaterThanOrEqual(6 + 10 + 15 + 5);
    expect(said.filter((text) => text.trim() === '')).toEqual([]);
    expect(new Set(said.slice(-15 - 5, -5)).size).toBe(15);
  });

  it('has a message for every TLS state, CT status, ECH, bypassed error, role and key', () => {
    const states = [
      'not-seen',
      'not-in-browser',
      'needs-permission',
      'can-inspect',
      'inspecting',
    ] as const;
    for (const state of states) renderMessage(tlsStateMessage({ state })!, t);
    for (const reason of INSPECT_FAILURES)
      renderMessage(tlsStateMessage({ state: 'inspect-failed', reason })!, t);
    expect(tlsStateMessage({ state: 'not-encrypted' })).toBeNull();
    for (const ct of [
      'compliant',
      'not-compliant',
      'not-applicable',
      'unknown',
      undefined,
    ] as const)
      renderMessage(ctMessage(ct), t);
    for (const ech of [true, false, undefined]) renderMessage(echMessage(ech), t);
    for (const e of ['untrusted', 'name-mismatch', 'expired'] as const)
      renderMessage(overriddenMessage(e), t);
    for (const role of ['leaf', 'intermediate', 'root'] as const)
      renderMessage(roleMessage(role), t);
    for (const days of [400, 1, 0, -1, -2, undefined])
      for (const source of ['der', 'browser'] as const)
        renderMessage(daysLeftMessage(days, source), t);
    const base = {
      source: 'der' as const,
      subject: '',
      issuer: '',
      sans: [],
      sansDropped: 0,
      isCa: false,
      selfSigned: false,
    };
    const keys = [
      { keyAlgorithm: 'RSA', keySize: 2048 },
      { keyAlgorithm: 'EC', curve: 'P-256', keySize: 256 },
      { keyAlgorithm: 'Ed25519' },
      { keyAlgorithm: 'unknown' },
    ] as const;
    const said = keys.map((k) => renderMessage(keyMessage({ ...base, ...k }), t));
    expect(said).toEqual(['RSA, 2048 bits', 'EC, curve P-256', 'Ed25519', 'unknown algorithm']);
  });
});
