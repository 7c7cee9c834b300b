// Reads what the popup shows through its stable hooks (data-verdict, data-finding, data-field),
// and compares it with a scenario's expectation, describing every difference in words.
import type { Page } from 'puppeteer-core';
import type { Expectation } from '../lab/scenario-types';
import { waitFor } from './wait';

export interface ShownFinding {
  id: string;
  severity: string;
  where: string | null;
  hop: string | null;
  detail: string;
}

export interface PopupState {
  verdict: string | null;
  findings: ShownFinding[];
  /** `data-field` → the fact's text (value and notes), plus `data-state` and `data-hops`. */
  fields: Record<string, { text: string; value: string; state: string | null }>;
  hops: number;
  /** The chain as shown, for the message when the hops differ. */
  chain: string;
}

export async function readPopup(popup: Page): Promise<PopupState> {
  return popup.evaluate(() => {
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ');
    const fields: PopupState['fields'] = {};
    for (const el of document.querySelectorAll('.fact[data-field]')) {
      fields[el.getAttribute('data-field') ?? ''] = {
        text: text(el.querySelector('dd')).trim(),
        value: text(el.querySelector('.value')).trim(),
        state: el.getAttribute('data-state'),
      };
    }
    const chain = document.querySelector('[data-field="redirects"]');
    return {
      verdict: document.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
      findings: [...document.querySelectorAll('[data-finding]')].map((el) => ({
        id: el.getAttribute('data-finding') ?? '',
        severity: el.getAttribute('data-severity') ?? '',
        where: el.getAttribute('data-where'),
        hop: el.getAttribute('data-hop'),
        detail: text(el.querySelector('.finding-detail')).trim(),
      })),
      fields,
      hops: chain ? Number(chain.getAttribute('data-hops')) : 0,
      chain: text(chain?.querySelector('ol')).trim(),
    };
  });
}

/** Every way `shown` differs from `expected`, one line each; empty when it matches. */
export function differences(shown: PopupState, expected: Expectation): string[] {
  const out: string[] = [];
  if (shown.verdict !== expected.verdict) {
    out.push(`verdict is ${String(shown.verdict)}, expected ${expected.verdict}`);
  }
  const ids = shown.findings.map((f) => f.id);
  const wanted = Object.keys(expected.findings);
  const extra = ids.filter((id) => !wanted.includes(id));
  const missing = wanted.filter((id) => !ids.includes(id));
  if (extra.length > 0) out.push(`unexpected findings: ${extra.join(', ')}`);
  if (missing.length > 0) out.push(`missing findings: ${missing.join(', ')}`);
  const absentShown = expected.absent.filter((id) => ids.includes(id));
  if (absentShown.length > 0) out.push(`findings that must be absent: ${absentShown.join(', ')}`);
  if (new Set(ids).size !== ids.length) out.push(`a finding is listed twice: ${ids.join(', ')}`);
  for (const [id, want] of Object.entries(expected.findings)) {
    const f = shown.findings.find((x) => x.id === id);
    if (!f || !want) continue;
    if (f.severity !== want.severity) out.push(`${id} is ${f.severity}, expected ${want.severity}`);
    if (want.where !== undefined && f.where !== want.where) {
      out.push(`${id} is about ${String(f.where)}, expected ${want.where}`);
    }
    if (want.hop !== undefined && f.hop !== String(want.hop)) {
      out.push(`${id} names hop ${String(f.hop)}, expected ${want.hop}`);
    }
    if (want.detail !== undefined && !f.detail.includes(want.detail)) {
      out.push(`${id} says "${f.detail}", expected it to contain "${want.detail}"`);
    }
  }
  const e = expected.fields;
  const field = (name: string) => shown.fields[name];
  if (e.port !== undefined && field('port')?.value !== String(e.port)) {
    out.push(`port is ${String(field('port')?.value)}, expected ${e.port}`);
  }
  if (e.portKind !== undefined && !field('port')?.text.includes(e.portKind)) {
    out.push(`port says "${String(field('port')?.text)}", expected "${e.portKind}"`);
  }
  if (e.ip !== undefined && field('ip')?.value !== e.ip) {
    out.push(`server IP is ${String(field('ip')?.value)}, expected ${e.ip}`);
  }
  if (e.hops !== undefined && shown.hops !== e.hops) {
    out.push(`redirect hops: ${shown.hops}, expected ${e.hops} (${shown.chain})`);
  }
  if (e.httpVersion !== undefined && field('http-version')?.state !== e.httpVersion) {
    out.push(`HTTP version is ${String(field('http-version')?.state)}, expected ${e.httpVersion}`);
  }
  if (e.hsts !== undefined && field('hsts')?.state !== e.hsts) {
    out.push(`HSTS is ${String(field('hsts')?.state)}, expected ${e.hsts}`);
  }
  for (const text of e.error ?? []) {
    if (!field('error')?.text.includes(text)) {
      out.push(`error says "${String(field('error')?.text)}", expected "${text}"`);
    }
  }
  return out;
}

/** The text of the popup's fact `data-field="…"`, as a person reads it. */
export async function fieldText(popup: Page, field: string): Promise<string> {
  return popup.$eval(`[data-field="${field}"]`, (el) => (el.textContent ?? '').trim());
}

/**
 * Waits until the popup, which follows the tab's report live, shows what `expected` says;
 * fails with every difference still left.
 */
export async function waitUntilShown(
  popup: Page,
  expected: Expectation,
  what: string,
): Promise<void> {
  await waitFor(what, async () => {
    const diff = differences(await readPopup(popup), expected);
    if (diff.length > 0) throw new Error(diff.join('; '));
    return true;
  });
}
