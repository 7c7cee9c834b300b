// Scenario servers for the lab and the end-to-end tests: HTTP and HTTPS servers on loopback
// addresses only, each with virtual hosts (told apart by the Host header) and a route table, so a
// scenario such as "https page on 443" or "302 from https to http" is one line. An https server
// can also answer plain HTTP on its port, give some names their own certificate and TLS versions
// and ciphers, or drop chosen handshakes (sniff.ts); a route can be a WebSocket endpoint
// (websocket.ts).
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer as createHttp2Server } from 'node:http2';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureVersion } from 'node:tls';
import { sniffingServer } from './sniff';

/** A fixed reply. A string body defaults to `text/html; charset=utf-8`. */
export interface Reply {
  status?: number;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
}
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** A WebSocket endpoint: `upgrade` gets the socket of an `Upgrade: websocket` request. */
export interface UpgradeRoute {
  upgrade: (req: IncomingMessage, socket: Duplex) => void;
}
export type Route = Reply | Handler | UpgradeRoute;
/** Path (without query) → route; the path `*` answers any other path. */
export type Routes = Record<string, Route>;
/** Host name (lower case, no port; IPv6 without brackets) → routes; `*` answers any other host. */
export type VirtualHosts = Record<string, Routes>;

/**
 * How an https server answers one server name (SNI): its own certificate, and optionally its own
 * TLS versions and OpenSSL cipher list (TLS 1.0 needs `ciphers: 'DEFAULT@SECLEVEL=0'`).
 */
export interface HostTls {
  cert: string;
  key: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
  /**
   * Also speak HTTP/2 (ALPN `h2`, HTTP/1.1 still offered): the page's HTTP version shows as h2.
   * No WebSocket upgrades on such a host (HTTP/2 has no Upgrade).
   */
  http2?: boolean;
}

export const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'] as const;
export type LoopbackAddress = (typeof LOOPBACK_ADDRESSES)[number];

export interface ServerOptions {
  protocol: 'http' | 'https';
  /** 0 picks a free port (read it back from the handle). */
  port: number;
  /** Default 127.0.0.1. Only loopback addresses are allowed. */
  address?: LoopbackAddress;
  /** Required for https: PEM strings (e.g. from `ensureLeaf`). */
  tls?: { cert: string; key: string };
  hosts: VirtualHosts;
  /**
   * https only: server names (SNI) answered with their own certificate and TLS settings, e.g. one
   * no browser trusts, or TLS 1.2 only. Each gets its own TLS server behind the port's front.
   */
  hostTls?: Record<string, HostTls>;
  /** https only: server names whose TLS handshake is dropped right after the ClientHello. */
  dropHandshakeFor?: string[];
  /** https only: plain HTTP also answered on this port (told apart by the first byte). */
  plainHosts?: VirtualHosts;
  /** Called with each request once it has been answered (for a log). */
  onRequest?: (record: RequestRecord) => void;
}

export interface RequestRecord {
  protocol: 'http' | 'https';
  port: number;
  method: string;
  host: string;
  path: string;
  status: number;
}

export interface LabServer {
  readonly protocol: 'http' | 'https';
  readonly address: LoopbackAddress;
  readonly port: number;
  /** Every request answered so far, oldest first. */
  readonly requests: RequestRecord[];
  /** `https://secure.test` / `http://plain.test:8080`: the default port is left out. */
  origin(host: string): string;
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

/** A small HTML page whose title and heading are `title`. */
export function page(title: string, body = ''): Reply {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`,
  };
}

/** A redirect to `location` (absolute or relative), 302 unless told. */
export function redirect(location: string, status = 302): Reply {
  return { status, headers: { location }, body: '' };
}

/** The host name of a Host header: lower case, port and IPv6 brackets removed. */
export function hostName(hostHeader: string | undefined): string {
  const h = (hostHeader ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: OutgoingHttpHeaders = { 'cache-control': 'no-store', ...reply.headers };
  const body = reply.body ?? '';
  if (typeof body === 'string' && body !== '' && !('content-type' in headers)) {
    headers['content-type'] = 'text/html; charset=utf-8';
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

function findRoute(hosts: VirtualHosts, host: string, path: string): Route | undefined {
  const routes = hosts[host] ?? hosts['*'];
  return routes?.[path] ?? routes?.['*'];
}

function isUpgradeRoute(route: Route): route is UpgradeRoute {
  return typeof route === 'object' && 'upgrade' in route;
}

/** Where a request landed: what the request record and the routing need to know. */
interface Answering {
  protocol: 'http' | 'https';
  hosts: VirtualHosts;
  port: () => number;
  record: (r: RequestRecord) => void;
}

function requestListener(a: Answering) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const host = hostName(req.headers.host);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const { protocol } = a;
    res.on('finish', () => {
      a.record({
        protocol,
        port: a.port(),
        method: req.method ?? '',
        host,
        path,
        status: res.statusCode,
      });
    });
    const route = findRoute(a.hosts, host, path);
    if (!route) {
      sendReply(res, {
        status: 404,
        body: `no route for ${protocol}://${host}:${a.port()}${path}`,
      });
      return;
    }
    if (isUpgradeRoute(route)) {
      sendReply(res, { status: 426, headers: { upgrade: 'websocket' }, body: 'WebSocket only' });
      return;
    }
    if (typeof route !== 'function') {
      sendReply(res, route);
      return;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) sendReply(res, { status: 500, body: String(error) });
        else res.destroy();
      });
  };
}

function upgradeListener(a: Answering) {
  return (req: IncomingMessage, socket: Duplex): void => {
    const host = hostName(req.headers.host);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = findRoute(a.hosts, host, path);
    const record = (status: number) =>
      a.record({
        protocol: a.protocol,
        port: a.port(),
        method: req.method ?? '',
        host,
        path,
        status,
      });
    if (!route || !isUpgradeRoute(route)) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      record(404);
      return;
    }
    route.upgrade(req, socket);
    record(101);
  };
}

/** An HTTP(S) server answering `hosts`; not yet listening. */
function makeServer(a: Answering, tls?: HostTls): NetServer {
  let server: Server;
  if (a.protocol === 'https') {
    if (!tls) throw new Error('an https lab server needs tls');
    if (tls.http2) {
      // The compatibility API hands the same request and response shapes to the routes; the
      // Host header is `:authority` in HTTP/2.
      const listener = requestListener(a);
      const { cert, key, minVersion, maxVersion, ciphers } = tls;
      const options = { cert, key, minVersion, maxVersion, ciphers, allowHTTP1: true };
      return createHttp2Server(options, (req, res) => {
        if (req.headers.host === undefined) req.headers.host = req.authority;
        listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
      });
    }
    server = createHttpsServer(tls, requestListener(a));
  } else {
    server = createHttpServer(requestListener(a));
  }
  server.on('upgrade', upgradeListener(a));
  return server;
}

/** Starts one server. Fails with a clear message when the port is taken. */
export async function startServer(options: ServerOptions): Promise<LabServer> {
  const { protocol, hosts } = options;
  const address = options.address ?? '127.0.0.1';
  if (!LOOPBACK_ADDRESSES.includes(address)) {
    throw new Error(`lab servers bind to loopback only, not ${String(address)}`);
  }
  if (protocol === 'https' && !options.tls) throw new Error('an https lab server needs tls');
  const tlsOnly = options.hostTls ?? options.dropHandshakeFor ?? options.plainHosts;
  if (protocol !== 'https' && tlsOnly) {
    throw new Error('hostTls, dropHandshakeFor and plainHosts need an https server');
  }
  const requests: RequestRecord[] = [];
  let port = options.port;
  const record = (r: RequestRecord) => {
    requests.push(r);
    options.onRequest?.(r);
  };

  const answering: Answering = { protocol, hosts, port: () => port, record };
  const main = makeServer(answering, options.tls);
  const plain = options.plainHosts
    ? makeServer({ protocol: 'http', hosts: options.plainHosts, port: () => port, record })
    : undefined;
  const tlsByName = new Map(
    Object.entries(options.hostTls ?? {}).map(([name, tls]) => [
      name.toLowerCase(),
      makeServer(answering, tls),
    ]),
  );
  // A front server only when one port must speak two protocols, or treat server names apart.
  const server: NetServer =
    plain || options.dropHandshakeFor || tlsByName.size > 0
      ? sniffingServer({
          tls: main,
          ...(plain ? { plain } : {}),
          tlsByName,
          dropHandshakeFor: new Set(options.dropHandshakeFor?.map((n) => n.toLowerCase())),
        })
      : main;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${protocol}://${address.includes(':') ? `[${address}]` : address}:${port}`;
      const hint =
        error.code === 'EADDRINUSE'
          ? ' (another lab or test run is using the port)'
          : error.code === 'EACCES'
            ? ' (ports below 1024 need root)'
            : '';
      reject(new Error(`cannot listen on ${where}: ${error.code ?? error.message}${hint}`));
    };
    server.once('error', onError);
    server.listen({ port, host: address, ipv6Only: address === '::1', exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const defaultPort = protocol === 'https' ? 443 : 80;
  const origin = (host: string) => {
    const h = host.includes(':') ? `[${host}]` : host;
    return `${protocol}://${h}${port === defaultPort ? '' : `:${port}`}`;
  };
  let closing: Promise<void> | undefined;
  return {
    protocol,
    address,
    port,
    requests,
    origin,
    url: (host, path = '/') => `${origin(host)}${path}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      })),
  };
}

export interface LabServers {
  readonly servers: LabServer[];
  close(): Promise<void>;
}

/** Starts several servers; if one fails, those already started are closed again. */
export async function startServers(list: ServerOptions[]): Promise<LabServers> {
  const servers: LabServer[] = [];
  const close = async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
  try {
    for (const options of list) servers.push(await startServer(options));
  } catch (error) {
    await close();
    throw error;
  }
  return { servers, close };
}
