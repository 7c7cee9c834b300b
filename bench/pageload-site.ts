// The page the page-load benchmark loads: https://h00.bench.test/ redirects (302) to /page, whose
// HTML pulls 200 subresources from 20 hosts (h00…h19.bench.test, 10 each: a stylesheet, two
// scripts, seven images), two of them through a redirect (one on the same host, one to another
// host). Everything is served by one lab server on 127.0.0.1:443 with a certificate from the
// lab's test CA, with `cache-control: no-store`. The page counts what loaded and what failed,
// so a run that lost a resource is caught instead of measured.
import { ensureLeaf } from '../test/lab/ca';
import { startServer, type LabServer, type Reply, type Routes } from '../test/lab/servers';

export const HOST_COUNT = 20;
export const PER_HOST = { stylesheets: 1, scripts: 2, images: 7 } as const;
export const SUBRESOURCES =
  HOST_COUNT * (PER_HOST.stylesheets + PER_HOST.scripts + PER_HOST.images);
export const SCRIPTS = HOST_COUNT * PER_HOST.scripts;

export const SITE_HOSTS = Array.from(
  { length: HOST_COUNT },
  (_, i) => `h${String(i).padStart(2, '0')}.bench.test`,
);
const MAIN = SITE_HOSTS[0]!;
/**
 * A small page on a host of its own, loaded before the measured page in every arm: it wakes what
 * a browser starts lazily on its first https load (its certificate store, the network process,
 * the extension's background) without warming any connection or cache the page uses.
 */
export const WARMUP_HOST = 'warmup.bench.test';
export const WARMUP_URL = `https://${WARMUP_HOST}/`;
/** Every host a browser must resolve to 127.0.0.1. */
export const ALL_HOSTS = [...SITE_HOSTS, WARMUP_HOST];
/** Where a run starts: it redirects to the page. */
export const START_URL = `https://${MAIN}/`;
export const PAGE_URL = `https://${MAIN}/page`;

// A 1×1 transparent GIF.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A stylesheet of about 3 kB: rules the page's elements match, so that it is really applied. */
function stylesheet(host: number): string {
  const rules = Array.from(
    { length: 40 },
    (_, i) =>
      `.b${host}-${i} { margin: ${i % 5}px; padding: ${i % 3}px; color: #${(host * 40 + i).toString(16).padStart(3, '0')}; }`,
  );
  return `${rules.join('\n')}\n`;
}

/** A script of about 4 kB that does a little work and counts itself. */
function script(host: number, n: number): string {
  const table = Array.from({ length: 120 }, (_, i) => `${(host * 31 + n * 7 + i) % 97}`).join(',');
  return (
    `(function () {\n  var t = [${table}];\n  var s = 0;\n` +
    `  for (var i = 0; i < t.length; i++) s = (s * 31 + t[i]) % 1000003;\n` +
    `  window.__benchScripts = (window.__benchScripts || 0) + 1;\n` +
    `  window.__benchSum = ((window.__benchSum || 0) + s) % 1000003;\n` +
    `  /* ${'filler '.repeat(400)} */\n})();\n`
  );
}

const asset = (body: string | Buffer, type: string): Reply => ({
  headers: { 'content-type': type },
  body,
});

/** The URL the page refers to for image `n` of host `h`: two of them are redirected. */
function imageRef(h: number, n: number): string {
  const host = SITE_HOSTS[h]!;
  if (h === 3 && n === 0) return `https://${host}/moved/img-3-0.gif`; // 301 on the same host
  if (h === 7 && n === 0) return `https://${host}/elsewhere/img-7-0.gif`; // 302 to another host
  return `https://${host}/img-${h}-${n}.gif`;
}

function pageHtml(): string {
  const head: string[] = [];
  const body: string[] = [];
  const tail: string[] = [];
  for (let h = 0; h < HOST_COUNT; h++) {
    const host = SITE_HOSTS[h]!;
    head.push(`<link rel="stylesheet" href="https://${host}/style-${h}.css">`);
    for (let n = 0; n < PER_HOST.images; n++) {
      body.push(`<img class="b${h}-${n}" width="8" height="8" alt="" src="${imageRef(h, n)}">`);
    }
    for (let n = 0; n < PER_HOST.scripts; n++) {
      tail.push(`<script src="https://${host}/script-${h}-${n}.js"></script>`);
    }
  }
  // Resource errors do not bubble: the listener captures them on the way down.
  const counter =
    '<script>window.__benchErrors = [];' +
    "addEventListener('error', function (e) { var t = e.target;" +
    ' if (t && t !== window) window.__benchErrors.push(t.src || t.href || String(t)); }, true);' +
    '</script>';
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>Page-load benchmark</title>` +
    // No /favicon.ico request, which browsers make (and time) at varying moments.
    '<link rel="icon" href="data:,">' +
    `${counter}${head.join('')}</head><body><h1>Page-load benchmark</h1>` +
    `<p>${SUBRESOURCES} subresources from ${HOST_COUNT} hosts.</p>` +
    `<div>${body.join('')}</div>${tail.join('')}</body></html>`
  );
}

function routesFor(h: number): Routes {
  const routes: Routes = {};
  routes[`/style-${h}.css`] = asset(stylesheet(h), 'text/css');
  for (let n = 0; n < PER_HOST.scripts; n++) {
    routes[`/script-${h}-${n}.js`] = asset(script(h, n), 'text/javascript');
  }
  for (let n = 0; n < PER_HOST.images; n++) routes[`/img-${h}-${n}.gif`] = asset(GIF, 'image/gif');
  return routes;
}

/** Starts the site on 127.0.0.1:443 (run as root, and never beside another lab or test run). */
export async function startSite(): Promise<LabServer> {
  const leaf = ensureLeaf(ALL_HOSTS);
  const hosts: Record<string, Routes> = {};
  SITE_HOSTS.forEach((host, h) => (hosts[host] = routesFor(h)));
  hosts[WARMUP_HOST] = {
    '/': {
      body:
        '<!doctype html><html><head><meta charset="utf-8"><title>Warm-up</title>' +
        '<link rel="icon" href="data:,"></head><body><img src="/img.gif" alt=""></body></html>',
    },
    '/img.gif': asset(GIF, 'image/gif'),
  };
  const main = hosts[MAIN]!;
  main['/'] = { status: 302, headers: { location: '/page' }, body: '' };
  main['/page'] = { body: pageHtml() };
  hosts[SITE_HOSTS[3]!]!['/moved/img-3-0.gif'] = {
    status: 301,
    headers: { location: '/img-3-0.gif' },
    body: '',
  };
  hosts[SITE_HOSTS[7]!]!['/elsewhere/img-7-0.gif'] = {
    status: 302,
    headers: { location: `https://${SITE_HOSTS[8]!}/img-8-moved.gif` },
    body: '',
  };
  hosts[SITE_HOSTS[8]!]!['/img-8-moved.gif'] = asset(GIF, 'image/gif');
  return startServer({
    protocol: 'https',
    port: 443,
    tls: { cert: leaf.certPem, key: leaf.keyPem },
    hosts,
  });
}
