// The site the memory item (and the trace recorder) browse: many tabs, each walking on its own
// through a chain of small pages, every page moving to the next as soon as its load event fires,
// so thousands of navigations need no round trip to the harness. Pages are like ordinary ones:
// an https page with a stylesheet, a script and images from a few hosts; every tenth page is
// reached through a 302, every seventh refers to an http image (mixed content, which Chromium
// upgrades), and every thirteenth is a plain http page. Served on 127.0.0.1:443 (https, the lab's
// test CA) and 127.0.0.1:80 (http); the server counts each tab's pages, so the harness knows when
// every walk has ended.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ensureLeaf } from '../test/lab/ca';
import { startServer, type LabServer, type Routes } from '../test/lab/servers';

export const WALK_HOSTS = Array.from(
  { length: 10 },
  (_, i) => `w${String(i).padStart(2, '0')}.walk.test`,
);
export const CDN_HOSTS = Array.from({ length: 5 }, (_, i) => `cdn${i}.walk.test`);
export const WALK_ALL_HOSTS = [...WALK_HOSTS, ...CDN_HOSTS];
/** Images per page (from three hosts), besides one stylesheet and one script. */
export const IMAGES_PER_PAGE = 12;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Step `n` of tab `tab`'s walk: which host, scheme and route serve it. */
function stepUrl(tab: number, n: number, left: number): string {
  const host = WALK_HOSTS[(tab + n) % WALK_HOSTS.length]!;
  const plain = n % 13 === 12;
  const path = n % 10 === 9 ? '/r' : '/p';
  return `${plain ? 'http' : 'https'}://${host}${path}?tab=${tab}&n=${n}&left=${left}`;
}

/** Where tab `tab` starts a walk of `steps` pages. */
export function walkStart(tab: number, steps: number): string {
  return stepUrl(tab, 0, steps - 1);
}

function pageHtml(tab: number, n: number, left: number, scheme: string): string {
  const cdn = (k: number) => CDN_HOSTS[(tab + n + k) % CDN_HOSTS.length]!;
  const images: string[] = [];
  for (let i = 0; i < IMAGES_PER_PAGE; i++) {
    const host = cdn(i % 3);
    // Every seventh https page refers to one plain-http image: mixed content.
    const s = i === 0 && n % 7 === 3 && scheme === 'https' ? 'http' : scheme;
    images.push(`<img width="4" height="4" alt="" src="${s}://${host}/i/${(n * 7 + i) % 40}.gif">`);
  }
  const next = left > 0 ? stepUrl(tab, n + 1, left - 1) : '';
  const go = next
    ? `<script>addEventListener('load', function () { location.href = ${JSON.stringify(next)}; });</script>`
    : `<script>addEventListener('load', function () { document.title = 'walk over'; });</script>`;
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>Walk ${tab}/${n}</title>` +
    '<link rel="icon" href="data:,">' +
    `<link rel="stylesheet" href="${scheme}://${cdn(0)}/s/${n % 8}.css">` +
    `<script src="${scheme}://${cdn(1)}/j/${n % 6}.js"></script>${go}</head>` +
    `<body><h1>Page ${n} of tab ${tab}</h1><p>${'Text of a page. '.repeat(20)}</p>` +
    `${images.join('')}</body></html>`
  );
}

export interface WalkSite {
  /** Pages served so far (redirects not counted), all tabs together. */
  pages(): number;
  /** Tabs whose walk reached its last page. */
  finished(): number;
  close(): Promise<void>;
}

/** Starts the walk site on 127.0.0.1:443 and :80 (root; never beside another lab or bench run). */
export async function startWalkSite(): Promise<WalkSite> {
  const leaf = ensureLeaf(WALK_ALL_HOSTS);
  let pages = 0;
  let finished = 0;
  const params = (req: IncomingMessage) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    return { tab: Number(q.get('tab')), n: Number(q.get('n')), left: Number(q.get('left')) };
  };
  const send = (
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body = '',
  ) => {
    res.writeHead(status, { 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const routesFor = (scheme: 'http' | 'https'): Routes => ({
    '/p': (req, res) => {
      const { tab, n, left } = params(req);
      pages++;
      if (left === 0) finished++;
      send(
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8' },
        pageHtml(tab, n, left, scheme),
      );
    },
    '/r': (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      send(res, 302, { location: `/p${url.search}` });
    },
  });
  const assets: Routes = {
    '*': (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/i/')) send(res, 200, { 'content-type': 'image/gif' }, GIF as never);
      else if (path.startsWith('/s/'))
        send(res, 200, { 'content-type': 'text/css' }, 'h1{margin:0}');
      else if (path.startsWith('/j/')) send(res, 200, { 'content-type': 'text/javascript' }, ';');
      else send(res, 404, { 'content-type': 'text/plain' }, 'no such file');
    },
  };
  const hostsFor = (scheme: 'http' | 'https') => {
    const hosts: Record<string, Routes> = {};
    for (const h of WALK_HOSTS) hosts[h] = routesFor(scheme);
    for (const h of CDN_HOSTS) hosts[h] = assets;
    return hosts;
  };
  const servers: LabServer[] = [];
  try {
    servers.push(
      await startServer({
        protocol: 'https',
        port: 443,
        tls: { cert: leaf.certPem, key: leaf.keyPem },
        hosts: hostsFor('https'),
      }),
    );
    servers.push(await startServer({ protocol: 'http', port: 80, hosts: hostsFor('http') }));
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  return {
    pages: () => pages,
    finished: () => finished,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
