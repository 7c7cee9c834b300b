import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabReport } from '../../src/core/report';
import { REPORT_PORT } from '../../src/shared/messages';

// The popup's link to the background, against a fake runtime port: it must survive the MV3
// background being stopped (port disconnected) and show only valid reports for its tab.

type Listener = (message: unknown) => void;

class FakePort {
  messageListeners: Listener[] = [];
  disconnectListeners: Array<() => void> = [];
  posted: unknown[] = [];
  disconnected = false;
  constructor(readonly name: string) {}
  onMessage = { addListener: (l: Listener) => this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.disconnectListeners.push(l) };
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** The background sends a message. */
  deliver(m: unknown): void {
    for (const l of this.messageListeners) l(m);
  }
  /** The background goes away. */
  drop(): void {
    for (const l of this.disconnectListeners) l();
  }
}

const ports: FakePort[] = [];
// The pages' own wrapper of the browser's API (src/shared/ext.ts).
vi.mock('../../src/shared/ext', () => ({
  browser: {
    runtime: {
      connect: ({ name }: { name: string }) => {
        const port = new FakePort(name);
        ports.push(port);
        return port;
      },
    },
  },
}));

const { watchReport } = await import('../../src/popup/report-connection');

function report(tabId: number): TabReport {
  return {
    tabId,
    verdict: 'none',
    headline: 'no-data',
    connection: null,
    findings: [],
    origins: [],
    originsDropped: 0,
  };
}

beforeEach(() => {
  ports.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('watchReport', () => {
  it('asks the background to watch the tab over the report port', () => {
    const stop = watchReport(12, () => {});
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toBe(REPORT_PORT);
    expect(ports[0]!.posted).toEqual([{ type: 'watch', tabId: 12 }]);
    stop();
  });

  it('passes on reports for its tab and nothing else', () => {
    const seen: TabReport[] = [];
    const stop = watchReport(12, (r) => seen.push(r));
    const port = ports[0]!;
    port.deliver({ type: 'report', report: report(12) });
    port.deliver({ type: 'report', report: report(13) });
    port.deliver({ type: 'report', report: null });
    port.deliver('report');
    port.deliver({ type: 'other', report: report(12) });
    port.deliver({ type: 'report', report: { ...report(12), findings: 'none' } });
    port.deliver({ type: 'report', report: { ...report(12), verdict: 'fine' } });
    expect(seen).toEqual([report(12)]);
    stop();
  });

  it('reconnects with a backoff when the background stops, and watches again', () => {
    const seen: TabReport[] = [];
    const stop = watchReport(12, (r) => seen.push(r));
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
    vi.advanceTimersByTime(50);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ type: 'watch', tabId: 12 }]);
    ports[1]!.drop();
    vi.advanceTimersByTime(199);
    expect(ports).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(ports).toHaveLength(3);
    // A report resets the backoff.
    ports[2]!.deliver({ type: 'report', report: report(12) });
    ports[2]!.drop();
    vi.advanceTimersByTime(50);
    expect(ports).toHaveLength(4);
    expect(seen).toHaveLength(1);
    stop();
  });

  it('stops for good when unsubscribed', () => {
    const stop = watchReport(12, () => {});
    stop();
    expect(ports[0]!.disconnected).toBe(true);
    ports[0]!.drop();
    vi.advanceTimersByTime(10_000);
    expect(ports).toHaveLength(1);
  });

  it('caps the backoff', () => {
    const stop = watchReport(12, () => {});
    for (let i = 0; i < 10; i++) {
      ports[ports.length - 1]!.drop();
      vi.advanceTimersByTime(2000);
    }
    expect(ports).toHaveLength(11);
    stop();
  });
});
