// One port, two protocols: the lab answers plain HTTP on port 443 (the plaintext-on-443 finding)
// as well as HTTPS, drops the TLS handshake for chosen host names (the connection-error finding),
// and hands chosen host names to a TLS server of their own (another certificate, TLS 1.2 only…).
// A front server reads the first bytes of each connection and hands the socket on.
import { createServer, type Server, type Socket } from 'node:net';

/** First byte of a TLS record carrying a handshake message (a ClientHello opens with one). */
const TLS_HANDSHAKE = 0x16;

/**
 * The server name (SNI) a TLS ClientHello asks for, or null when `hello` is not a ClientHello,
 * has no SNI, or is cut short. Reads only what RFC 8446 section 4.1.2 and RFC 6066 section 3 lay
 * out; every length is checked, so a malformed hello gives null, never an exception.
 */
export function serverNameOf(hello: Buffer): string | null {
  // Record header (5 bytes), then the handshake header: type 1 (ClientHello) and a 3-byte length.
  if (hello.length < 9 || hello[0] !== TLS_HANDSHAKE || hello[5] !== 0x01) return null;
  let at = 9 + 2 + 32; // legacy_version, random
  const skip = (lengthBytes: 1 | 2): boolean => {
    if (at + lengthBytes > hello.length) return false;
    at += lengthBytes + (lengthBytes === 1 ? hello.readUInt8(at) : hello.readUInt16BE(at));
    return at <= hello.length;
  };
  if (!skip(1) || !skip(2) || !skip(1)) return null; // session id, cipher suites, compression
  if (at + 2 > hello.length) return null;
  const end = Math.min(hello.length, at + 2 + hello.readUInt16BE(at));
  at += 2;
  while (at + 4 <= end) {
    const type = hello.readUInt16BE(at);
    const length = hello.readUInt16BE(at + 2);
    at += 4;
    if (type === 0 && at + 5 <= end && hello[at + 2] === 0) {
      const nameLength = hello.readUInt16BE(at + 3);
      if (at + 5 + nameLength > end) return null;
      return hello.toString('ascii', at + 5, at + 5 + nameLength).toLowerCase();
    }
    at += length;
  }
  return null;
}

export interface SniffOptions {
  /** Receives connections that open with a TLS handshake (an https.Server, not listening). */
  tls: Server;
  /** Receives every other connection (an http.Server, not listening); none: they are closed. */
  plain?: Server;
  /** Receives TLS connections for these server names (lower case) instead of `tls`. */
  tlsByName?: ReadonlyMap<string, Server>;
  /** Server names whose handshake is dropped: the socket is closed after the ClientHello. */
  dropHandshakeFor?: ReadonlySet<string>;
}

/**
 * A TCP server that waits for a connection's first bytes, puts them back, and emits the socket
 * as a new connection on the TLS or the plain server. Browsers send the whole ClientHello in one
 * write, and loopback delivers it in one chunk, so the first chunk is enough to read the SNI.
 */
export function sniffingServer(options: SniffOptions): Server {
  return createServer((socket: Socket) => {
    socket.once('data', (first: Buffer) => {
      socket.pause();
      let target = options.plain;
      if (first[0] === TLS_HANDSHAKE) {
        const name = serverNameOf(first);
        if (name !== null && options.dropHandshakeFor?.has(name)) {
          socket.destroy();
          return;
        }
        target = (name !== null ? options.tlsByName?.get(name) : undefined) ?? options.tls;
      }
      if (!target) {
        socket.destroy();
        return;
      }
      socket.unshift(first);
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => undefined); // resets by the browser are routine
  });
}
