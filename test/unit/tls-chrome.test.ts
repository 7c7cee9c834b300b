import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChromeInspector, INSPECT_TIMEOUT_MS } from '../../src/background/tls-chrome';
import type { TabEvent } from '../../src/core/events';
import { chromeDetails } from '../fixtures/certs/chrome-details';
import { base64Of, fixture } from '../fixtures/certs/load';

// The Chrome adapter against a stand-in chrome.debugger (adapter tests only: the real one is
// driven end to end in test/e2e/certificate.test.ts). What matters: it attaches only when asked,
// reads the main frame's document, asks for the chain by origin, and always detaches.

type Listener = (...args: unknown[]) => void;
const TAB = 5;
const URL_ = 'https://a.example:8443/page';
const leaf = fixture('rsa-2048');

interface Fake {
  calls: string[];
  attachError?: Error;
  /** What the reload makes Chrome send, as [method, params] pairs. */
  onReload: Array<[string, unknown]>;
  emit(method: string, params: unknown): void;
  detachByBrowser(reason: string): void;
}

function install(): Fake {
  const onEvent: Listener[] = [];
  const onDetach: Listener[] = [];
  const fake: Fake = {
    calls: [],
    onReload: [],
    emit: (method, params) => onEvent.forEach((l) => l({ tabId: TAB }, method, params)),
    detachByBrowser: (reason) => onDetach.forEach((l) => l({ tabId: TAB }, reason)),
  };
  const event = (list: Listener[]) => ({
    addListener: (l: Listener) => list.push(l),
    hasListener: (l: Listener) => list.includes(l),
  });
  const api = {
    attach: async (target: { tabId: number }) => {
      fake.calls.push(`attach ${target.tabId}`);
      if (fake.attachError) throw fake.attachError;
    },
    detach: async (target: { tabId: number }) => void fake.calls.push(`detach ${target.tabId}`),
    getTargets: async () => [],
    sendCommand: async (_: unknown, method: string, params?: { origin?: string }) => {
      fake.calls.push(params?.origin ? `${method} ${params.origin}` : method);
      if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: 'MAIN' } } };
      if (method === 'Network.getCertificate') return { tableNames: [base64Of(leaf)] };
      if (method === 'Page.reload')
        setTimeout(() => fake.onReload.forEach(([m, p]) => fake.emit(m, p)), 0);
      return {};
    },
    onEvent: event(onEvent),
    onDetach: event(onDetach),
  };
  (globalThis as { chrome?: unknown }).chrome = { debugger: api };
  return fake;
}

const document = (requestId: string, frameId = 'MAIN') =>
  [
    'Network.requestWillBeSent',
    { requestId, frameId, type: 'Document', request: { url: URL_ } },
  ] as [string, unknown];
const response = (requestId: string, frameId = 'MAIN', secure = true) =>
  [
    'Network.responseReceived',
    {
      requestId,
      frameId,
      type: 'Document',
      response: { url: URL_, ...(secure ? { securityDetails: chromeDetails(leaf) } : {}) },
    },
  ] as [string, unknown];

let fake: Fake;
let events: TabEvent[];
let inspector: ChromeInspector;
const settle = () => vi.waitFor(() => expect(fake.calls.at(-1)).toBe(`detach ${TAB}`));
const statuses = () =>
  events.flatMap((e) =>
    e.type === 'inspection' ? [`${e.status}${e.reason ? ` ${e.reason}` : ''}`] : [],
  );

beforeEach(() => {
  fake = install();
  events = [];
  inspector = new ChromeInspector((tabId, event) => {
    expect(tabId).toBe(TAB);
    events.push(event);
  });
});

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  vi.useRealTimers();
});

describe('ChromeInspector', () => {
  it('attaches, reloads, reads the main document and its chain by origin, then detaches', async () => {
    // A sub-frame's document comes first and must not be taken for the page's.
    fake.onReload = [document('F', 'FRAME'), response('F', 'FRAME'), document('D'), response('D')];
    await inspector.inspect(TAB);
    await settle();
    expect(fake.calls).toEqual([
      `attach ${TAB}`,
      'Network.enable',
      'Page.getFrameTree',
      'Page.reload',
      'Network.getCertificate https://a.example:8443',
      `detach ${TAB}`,
    ]);
    expect(statuses()).toEqual(['running', 'over']);
    const security = events.find((e) => e.type === 'security');
    if (security?.type !== 'security') throw new Error('no details');
    expect(security.url).toBe(URL_);
    expect(security.requestId).toBeUndefined();
    expect(security.tls.chain[0]?.sha256).toBe(leaf.openssl.sha256);
  });

  it('says another debugger holds the tab, and does not try to detach it', async () => {
    fake.attachError = new Error('Another debugger is already attached to the tab with id: 5.');
    await inspector.inspect(TAB);
    expect(statuses()).toEqual(['running', 'failed already-attached']);
    expect(fake.calls).toEqual([`attach ${TAB}`]);
  });

  it('reads nothing from a page that answers over plain http, and still detaches', async () => {
    fake.onReload = [document('D'), response('D', 'MAIN', false)];
    await inspector.inspect(TAB);
    await settle();
    expect(fake.calls).not.toContain('Network.getCertificate https://a.example:8443');
    expect(events.some((e) => e.type === 'security')).toBe(false);
    expect(statuses()).toEqual(['running', 'over']);
  });

  it('fails when the reload fails, or the person cancels from the bar', async () => {
    fake.onReload = [
      document('D'),
      ['Network.loadingFailed', { requestId: 'D', type: 'Document' }],
    ];
    await inspector.inspect(TAB);
    await settle();
    expect(statuses()).toEqual(['running', 'failed load-failed']);

    events = [];
    fake.onReload = [];
    await inspector.inspect(TAB);
    fake.detachByBrowser('canceled_by_user');
    expect(statuses()).toEqual(['running', 'failed canceled']);
  });

  it('gives up after its timeout, detaching', async () => {
    vi.useFakeTimers();
    await inspector.inspect(TAB);
    await vi.advanceTimersByTimeAsync(INSPECT_TIMEOUT_MS);
    expect(statuses()).toEqual(['running', 'failed timeout']);
    expect(fake.calls.at(-1)).toBe(`detach ${TAB}`);
  });

  it('starts one read per tab at a time, and none without the API (permission not granted)', async () => {
    fake.onReload = [];
    await Promise.all([inspector.inspect(TAB), inspector.inspect(TAB)]);
    expect(fake.calls.filter((c) => c.startsWith('attach'))).toHaveLength(1);
    delete (globalThis as { chrome?: unknown }).chrome;
    events = [];
    await new ChromeInspector((_, e) => events.push(e)).inspect(TAB);
    expect(statuses()).toEqual(['failed no-permission']);
  });

  it('"always inspect" reads the navigation under way, without a reload, and fails quietly', async () => {
    await inspector.inspect(TAB, 'navigation');
    fake.emit(...document('D'));
    fake.emit(...response('D'));
    await settle();
    expect(fake.calls).not.toContain('Page.reload');
    expect(statuses()).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['security']);

    vi.useFakeTimers();
    events = [];
    await inspector.inspect(TAB, 'navigation');
    await vi.advanceTimersByTimeAsync(INSPECT_TIMEOUT_MS);
    expect(events).toEqual([]);
    expect(fake.calls.at(-1)).toBe(`detach ${TAB}`);
  });
});
