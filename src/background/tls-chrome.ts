import { fromChromeSecurityDetails, type ChromeSecurityDetails } from '../core/cert/from-chrome';
import type { InspectFailure, TabEvent } from '../core/events';
import { originOf } from '../core/url';
import { guard, logError } from './log';

// Chrome gives extensions TLS details only through chrome.debugger (an optional permission the
// person grants from the popup). A read: attach to the tab, enable Network, reload, take
// securityDetails from the main frame's document response and the DER chain from
// Network.getCertificate, detach at once. getCertificate returns an empty chain for a page that
// loaded before the attach, which is why the reload is needed (docs/browsers.md).

interface Debuggee {
  tabId: number;
}

interface Event<F> {
  addListener(listener: F): void;
  hasListener(listener: F): boolean;
}

type OnEvent = (source: Debuggee, method: string, params?: unknown) => void;
type OnDetach = (source: Debuggee, reason: string) => void;

/** The part of chrome.debugger used here (promise-based in MV3). */
interface DebuggerApi {
  attach(target: Debuggee, version: string): Promise<void>;
  detach(target: Debuggee): Promise<void>;
  sendCommand(target: Debuggee, method: string, params?: object): Promise<unknown>;
  getTargets(): Promise<Array<{ tabId?: number; attached: boolean }>>;
  onEvent: Event<OnEvent>;
  onDetach: Event<OnDetach>;
}

/** chrome.debugger exists only while the permission is granted (Chrome adds it on the grant). */
function debuggerApi(): DebuggerApi | undefined {
  return (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome?.debugger;
}

/** How long a read may take, attach to detach: a page that has not answered by then failed. */
export const INSPECT_TIMEOUT_MS = 20_000;

/**
 * `reload`: the person asked; the page reloads with the debugger attached and every step is
 * reported. `navigation`: "always inspect" attached as a navigation starts, so its own response
 * is read without a reload; it reports nothing but the details, and gives up quietly.
 */
export type InspectMode = 'reload' | 'navigation';

interface Session {
  mode: InspectMode;
  frameId?: string;
  /** The CDP request of the reloaded document, once it starts. */
  documentRequest?: string;
  timer: ReturnType<typeof setTimeout>;
  over: boolean;
}

interface CdpResponse {
  url?: unknown;
  securityDetails?: ChromeSecurityDetails;
}

interface CdpNetworkEvent {
  requestId?: unknown;
  frameId?: unknown;
  type?: unknown;
  response?: CdpResponse;
}

function attachFailure(error: unknown): InspectFailure {
  return /already attached/i.test(String(error)) ? 'already-attached' : 'cannot-attach';
}

export class ChromeInspector {
  private readonly sessions = new Map<number, Session>();

  constructor(private readonly dispatch: (tabId: number, event: TabEvent) => void) {}

  /** Registers the debugger's listeners once the API exists (at start, or after the grant). */
  listen(): void {
    const api = debuggerApi();
    if (!api || api.onEvent.hasListener(this.onEvent)) return;
    api.onEvent.addListener(this.onEvent);
    api.onDetach.addListener(this.onDetach);
  }

  /**
   * A stopped background forgets its sessions but Chrome may still be attached: detach from the
   * tabs it shows as attached, except those read now (detaching from a tab this extension is not
   * attached to fails harmlessly and leaves other debuggers alone).
   */
  async detachLeftovers(): Promise<void> {
    const api = debuggerApi();
    if (!api) return;
    for (const target of await api.getTargets()) {
      const tabId = target.tabId;
      if (!target.attached || tabId === undefined || this.sessions.has(tabId)) continue;
      await api.detach({ tabId }).catch(() => undefined);
    }
  }

  /** Reads the tab's certificate: only ever started by the person's click (or their option). */
  async inspect(tabId: number, mode: InspectMode = 'reload'): Promise<void> {
    const api = debuggerApi();
    if (!api) {
      if (mode === 'reload') this.report(tabId, mode, 'failed', 'no-permission');
      return;
    }
    if (this.sessions.has(tabId)) return;
    this.listen();
    const session: Session = {
      mode,
      timer: setTimeout(() => void this.fail(tabId, 'timeout'), INSPECT_TIMEOUT_MS),
      over: false,
    };
    this.sessions.set(tabId, session);
    this.report(tabId, mode, 'running');
    try {
      await api.attach({ tabId }, '1.3');
    } catch (error) {
      this.end(tabId);
      return this.report(tabId, mode, 'failed', attachFailure(error));
    }
    try {
      await api.sendCommand({ tabId }, 'Network.enable');
      const tree = (await api.sendCommand({ tabId }, 'Page.getFrameTree')) as {
        frameTree?: { frame?: { id?: unknown } };
      };
      const frameId = tree.frameTree?.frame?.id;
      if (typeof frameId !== 'string') throw new Error('Page.getFrameTree gave no main frame');
      session.frameId = frameId;
      // Bypass the cache: a response from the cache may carry no chain.
      if (mode === 'reload') await api.sendCommand({ tabId }, 'Page.reload', { ignoreCache: true });
    } catch (error) {
      logError('debugger', error);
      await this.fail(tabId, 'cannot-attach');
    }
  }

  /** Tells the core how a read goes; a read the person did not ask for says nothing of itself. */
  private report(
    tabId: number,
    mode: InspectMode,
    status: 'running' | 'failed' | 'over',
    reason?: InspectFailure,
  ): void {
    if (mode === 'navigation') return;
    this.dispatch(tabId, {
      type: 'inspection',
      status,
      ...(reason ? { reason } : {}),
      time: Date.now(),
    });
  }

  /** Forgets the tab's session; returns it when it was still running. */
  private end(tabId: number): Session | null {
    const session = this.sessions.get(tabId);
    if (!session || session.over) return null;
    session.over = true;
    clearTimeout(session.timer);
    this.sessions.delete(tabId);
    return session;
  }

  private async detach(tabId: number): Promise<void> {
    await debuggerApi()
      ?.detach({ tabId })
      .catch(() => undefined);
  }

  private async fail(tabId: number, reason: InspectFailure): Promise<void> {
    const session = this.end(tabId);
    if (!session) return;
    await this.detach(tabId);
    this.report(tabId, session.mode, 'failed', reason);
  }

  /** The document answered: read its details, detach, hand them to the core. */
  private async read(tabId: number, response: CdpResponse): Promise<void> {
    const session = this.end(tabId);
    if (!session) return;
    const url = typeof response.url === 'string' ? response.url : '';
    const details = response.securityDetails;
    const origin = originOf(url);
    let chain: unknown[] = [];
    try {
      if (details && origin) {
        const cert = (await debuggerApi()?.sendCommand({ tabId }, 'Network.getCertificate', {
          origin,
        })) as { tableNames?: unknown } | undefined;
        if (Array.isArray(cert?.tableNames)) chain = cert.tableNames;
      }
    } catch (error) {
      logError('Network.getCertificate', error);
    } finally {
      await this.detach(tabId);
    }
    if (details) {
      const tls = fromChromeSecurityDetails(details, chain);
      this.dispatch(tabId, { type: 'security', url, tls, time: Date.now() });
    }
    this.report(tabId, session.mode, 'over');
  }

  private readonly onEvent: OnEvent = guard('debugger.onEvent', (source, method, params) => {
    const tabId = source.tabId;
    const session = this.sessions.get(tabId);
    const p = (params ?? {}) as CdpNetworkEvent;
    if (!session || p.type !== 'Document' || p.frameId !== session.frameId) {
      if (session && method === 'Network.loadingFailed' && p.requestId === session.documentRequest)
        void this.fail(tabId, 'load-failed');
      return;
    }
    if (method === 'Network.requestWillBeSent' && typeof p.requestId === 'string')
      session.documentRequest = p.requestId;
    else if (method === 'Network.responseReceived' && p.response) void this.read(tabId, p.response);
  });

  private readonly onDetach: OnDetach = guard('debugger.onDetach', (source, reason) => {
    const session = this.end(source.tabId);
    // The tab closed: nothing left to tell. Otherwise the person pressed the bar's Cancel.
    if (session && reason !== 'target_closed')
      this.report(source.tabId, session.mode, 'failed', 'canceled');
  });
}
