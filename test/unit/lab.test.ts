import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { severityRank, type Severity } from '../../src/core/findings';
import { SCENARIO_FILES } from '../e2e/scenario-files';
import { labHosts, servedAt } from '../lab/lab';
import { BROWSERS, expectationFor } from '../lab/scenario-types';
import { SCENARIOS } from '../lab/scenarios';
import { serverNameOf } from '../lab/sniff';
import { acceptKey } from '../lab/websocket';

// The lab's own pieces (handshakes it writes itself) and the consistency of its scenario data,
// which the end-to-end tests and the lab's index page both trust.

/** The first bytes a real TLS client (Node's) sends for `servername`. */
async function clientHello(servername: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        server.close();
        resolve(chunk);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      connect({ host: '127.0.0.1', port, servername }).on('error', () => undefined);
    });
    server.on('error', reject);
  });
}

describe('the lab servers', () => {
  it('answers a WebSocket key as RFC 6455 section 1.3 does', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('reads the server name of a real ClientHello, and nothing from anything else', async () => {
    const hello = await clientHello('Dropped.Test');
    expect(serverNameOf(hello)).toBe('dropped.test');
    for (let cut = 0; cut < hello.length; cut += 7) {
      const name = serverNameOf(hello.subarray(0, cut));
      expect(name === null || name === 'dropped.test').toBe(true);
    }
    expect(serverNameOf(Buffer.from('GET / HTTP/1.1\r\nHost: dropped.test\r\n\r\n'))).toBeNull();
    expect(serverNameOf(await clientHello(''))).toBeNull();
  });
});

describe('the scenarios', () => {
  it('have unique ids and serve the URLs they start and end on', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) {
      const served = Object.keys(s.serves).map((u) => new URL(u).href);
      expect(served, s.id).toContain(new URL(s.startUrl).href);
      expect(served, s.id).toContain(s.endUrl);
      for (const url of served) expect(() => servedAt(url), url).not.toThrow();
    }
  });

  it('are all walked by an end-to-end file that exists', () => {
    const covered: string[] = Object.values(SCENARIO_FILES).flat();
    for (const s of SCENARIOS) expect(covered, s.id).toContain(s.group);
    for (const file of Object.keys(SCENARIO_FILES)) {
      expect(existsSync(new URL(`../e2e/scenarios-${file}.test.ts`, import.meta.url))).toBe(true);
    }
  });

  it('expect a verdict that follows from the findings they expect', () => {
    for (const s of SCENARIOS) {
      for (const browser of BROWSERS) {
        const e = expectationFor(s, browser);
        const alarms = Object.values(e.findings)
          .map((f) => f?.severity)
          .filter((x): x is Exclude<Severity, 'info'> => x !== undefined && x !== 'info');
        const worst = alarms.sort((a, b) => severityRank(b) - severityRank(a))[0] ?? 'secure';
        expect(e.verdict, `${s.id} in ${browser}`).toBe(worst);
        const both = Object.keys(e.findings).filter((id) => e.absent.includes(id as never));
        expect(both, `${s.id}: present and absent`).toEqual([]);
      }
    }
  });

  it('use host names a browser can be told about one by one, never a real host', () => {
    const hosts = labHosts();
    // `.test` names, or RFC 2606 names where a browser must treat the host like a public site.
    const reserved = /^[a-z0-9.-]+\.(test|example\.com|example\.net|example\.org)$/;
    expect(hosts.filter((h) => !reserved.test(h))).toEqual([]);
    for (const s of SCENARIOS) {
      for (const url of [s.startUrl, s.endUrl, ...Object.keys(s.serves)]) {
        const { host } = servedAt(url);
        if (host !== '::1') expect(hosts, url).toContain(host);
      }
    }
  });
});
