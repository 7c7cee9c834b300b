// The server side of a WebSocket opening handshake (RFC 6455 section 4.2), written out here so the
// lab needs no WebSocket dependency: a scenario only needs a socket that opens and says hello.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The GUID RFC 6455 appends to the client's key before hashing. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key: base64(sha1(key + GUID)). */
export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
}

/** One unmasked text frame (servers never mask), FIN set; short payloads only. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 125) throw new Error('textFrame: payloads over 125 bytes are not needed');
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

/** An unmasked close frame with status 1000 (normal closure). */
const CLOSE_FRAME = Buffer.from([0x88, 0x02, 0x03, 0xe8]);

/**
 * Completes the handshake on an upgrade request and sends `greeting` as one text frame. What
 * the client sends afterwards is not read: when it sends a close frame (opcode 8), we answer
 * with ours and end the connection. A request that is not a valid handshake gets 400.
 */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, greeting: string): boolean {
  const key = req.headers['sec-websocket-key'];
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  if (typeof key !== 'string' || key === '' || upgrade !== 'websocket') {
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    return false;
  }
  socket.on('error', () => undefined); // a browser closing the tab resets the connection
  socket.write(
    [
      'HTTP/1.1 101 Switching Protocols',
      'upgrade: websocket',
      'connection: Upgrade',
      `sec-websocket-accept: ${acceptKey(key)}`,
      '',
      '',
    ].join('\r\n'),
  );
  socket.write(textFrame(greeting));
  socket.on('data', (chunk: Buffer) => {
    if (((chunk[0] ?? 0) & 0x0f) === 0x8) socket.end(CLOSE_FRAME);
  });
  return true;
}
