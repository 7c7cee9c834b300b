// What an https page loads: plain-HTTP subresources, a frame sent to http, WebSockets.
import {
  helloSocket,
  page,
  PIXEL,
  redirect,
  SCRIPT,
  subresourcePage,
  webSocketPage,
} from '../pages';
import type { Scenario } from '../scenario-types';

/** Hosts of the many-origins page: o001.origins.test to o100.origins.test. */
export const MANY_ORIGINS = Array.from(
  { length: 100 },
  (_, i) => `o${String(i + 1).padStart(3, '0')}.origins.test`,
);

function mixed(kind: 'img' | 'script' | 'iframe'): Scenario {
  const target = {
    // An explicit port: Chromium upgrades the image to https://mixed-assets.test:8080/, which
    // must not read as a secure connection on an unusual port.
    img: 'http://mixed-assets.test:8080/pixel.png',
    script: 'http://mixed-assets.test/script.js',
    iframe: 'http://mixed-assets.test/frame',
  }[kind];
  const start = `https://mixed.test/${kind}`;
  const name = { img: 'an image', script: 'a script', iframe: 'an iframe' }[kind];
  return {
    id: `mixed-${kind === 'img' ? 'image' : kind}`,
    group: 'content',
    title: `https page with ${name} over http`,
    reach: { by: 'typed' },
    startUrl: start,
    endUrl: start,
    expect: {
      verdict: 'warning',
      badge: 'MIX',
      findings: {
        'mixed-content': { severity: 'warning', detail: '1 resource' },
        'no-hsts': { severity: 'info' },
      },
      absent: ['nonstandard-port', 'insecure-page'],
      fields: { port: 443, ip: '127.0.0.1', hops: 0 },
    },
    ...(kind === 'img'
      ? {
          browsers: {
            chromium: {
              why:
                'Chromium upgrades the image before any request: webRequest sees only ' +
                'https://mixed-assets.test:8080/pixel.png (the http port kept). The finding comes ' +
                "from the page's http: references (content script).",
            },
            firefox: {
              why:
                'Firefox shows the http request to webRequest, then an internal redirect ' +
                '(status 0) to https://mixed-assets.test:8080/pixel.png.',
            },
          },
        }
      : {
          note:
            'Both browsers block it before any request, so webRequest never sees it; the finding ' +
            "comes from the page's http: references (content script).",
        }),
    serves: {
      [start]: subresourcePage(`An https page with ${name} over http`, kind, target),
      [target]: { img: PIXEL, script: SCRIPT, iframe: page('A frame over plain HTTP') }[kind],
    },
  };
}

/** An app that moves to /app/inbox by pushState, then adds a script over plain HTTP. */
const SPA_PAGE = page(
  'A single-page app',
  `<p>Moves to /app/inbox, then loads a script over plain HTTP.</p><script>
history.pushState({}, '', '/app/inbox');
setTimeout(() => {
  const s = document.createElement('script');
  s.src = 'http://mixed-assets.test/script.js';
  document.body.append(s);
  document.body.dataset.spa = 'ready';
}, 300);
</script>`,
);

export const CONTENT_SCENARIOS: Scenario[] = [
  mixed('img'),
  mixed('script'),
  mixed('iframe'),
  {
    id: 'frame-downgrade-redirect',
    group: 'content',
    title: 'https page whose https iframe redirects to http',
    reach: { by: 'typed' },
    startUrl: 'https://framed.test/',
    endUrl: 'https://framed.test/',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-redirect': { severity: 'danger', where: 'frame', detail: 'A frame' },
        'no-hsts': { severity: 'info' },
      },
      absent: ['mixed-content', 'insecure-page'],
      fields: { port: 443, hops: 0 },
    },
    note:
      "Both browsers report the frame's redirect to http (webRequest.onBeforeRedirect, sub_frame) " +
      'and never fetch the http URL (Chromium: net::ERR_ABORTED; Firefox: a status-0 response, ' +
      'then NS_ERROR_NET_ON_RECEIVING_FROM).',
    serves: {
      'https://framed.test/': subresourcePage(
        'An https page whose frame is sent to http',
        'iframe',
        'https://frame-redirect.test/',
      ),
      'https://frame-redirect.test/': redirect('http://frame-redirect.test/landed', 302),
      'http://frame-redirect.test/landed': page('A frame sent to plain HTTP'),
    },
  },
  {
    id: 'mixed-websocket',
    group: 'content',
    title: 'https page opening a ws: WebSocket',
    reach: { by: 'typed' },
    startUrl: 'https://mixed-ws.test/',
    endUrl: 'https://mixed-ws.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: { 'no-hsts': { severity: 'info' } },
      absent: ['mixed-content'],
      fields: { port: 443, hops: 0 },
      page: { ws: 'threw:SecurityError' },
    },
    note:
      'Both browsers refuse a ws: socket from an https page in the WebSocket constructor ' +
      '(SecurityError): no request is made, so there is nothing for Portwatch to see or flag.',
    serves: {
      'https://mixed-ws.test/': webSocketPage('Opens ws:', 'ws://mixed-ws.test/socket'),
      'ws://mixed-ws.test/socket': helloSocket(),
    },
  },
  {
    id: 'wss-8443',
    group: 'content',
    title: 'https page with a wss: WebSocket on port 8443',
    reach: { by: 'typed' },
    startUrl: 'https://wss.test/',
    endUrl: 'https://wss.test/',
    expect: {
      verdict: 'notice',
      badge: '8443',
      findings: {
        'nonstandard-port': { severity: 'notice', where: 'websocket', detail: 'port 8443' },
        'no-hsts': { severity: 'info' },
      },
      absent: ['mixed-content'],
      fields: { port: 443, portKind: 'default', hops: 0 },
      page: { ws: 'message:hello' },
    },
    serves: {
      'https://wss.test/': webSocketPage('Opens wss: on 8443', 'wss://wss.test:8443/socket'),
      'wss://wss.test:8443/socket': helloSocket(),
    },
  },
  {
    id: 'spa-mixed-script',
    group: 'content',
    title: 'single-page app: pushState, then a script over http',
    reach: { by: 'typed' },
    startUrl: 'https://spa.test/',
    endUrl: 'https://spa.test/app/inbox',
    expect: {
      verdict: 'warning',
      badge: 'MIX',
      findings: {
        'mixed-content': { severity: 'warning', detail: '1 resource' },
        'no-hsts': { severity: 'info' },
      },
      absent: ['insecure-page'],
      fields: { port: 443, hops: 0 },
      page: { spa: 'ready' },
    },
    note:
      'The app moves to /app/inbox with history.pushState (no new document), then adds a script ' +
      "over http. Both browsers block it before any request: only the content script's " +
      'references show it, sent under the new URL (Firefox: matched by the URL the page followed ' +
      'through webNavigation.onHistoryStateUpdated; Chromium: by the sending document id).',
    serves: {
      'https://spa.test/': SPA_PAGE,
      // The app's own URL, served as the app too (a reload there, as a real app would).
      'https://spa.test/app/inbox': SPA_PAGE,
    },
  },
  {
    id: 'dns-prefetch-http',
    group: 'content',
    title: 'https page with dns-prefetch and preconnect hints to http',
    reach: { by: 'typed' },
    startUrl: 'https://prefetch.test/',
    endUrl: 'https://prefetch.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: { 'no-hsts': { severity: 'info' } },
      absent: ['mixed-content'],
      fields: { port: 443, hops: 0 },
    },
    note:
      '<link rel="dns-prefetch"> and <link rel="preconnect"> resolve a name or open a ' +
      'connection ahead of time; neither loads a resource, so neither is mixed content.',
    serves: {
      'https://prefetch.test/': page(
        'Resource hints to plain HTTP',
        '<link rel="dns-prefetch" href="http://mixed-assets.test/">' +
          '<link rel="preconnect" href="http://mixed-assets.test/">' +
          '<p>Hints only: nothing is loaded over plain HTTP.</p>',
      ),
    },
  },
  {
    id: 'many-origins',
    group: 'content',
    title: 'https page that loads an image from each of 100 other https origins',
    reach: { by: 'typed' },
    startUrl: 'https://origins.test/',
    endUrl: 'https://origins.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: { 'no-hsts': { severity: 'info' } },
      absent: ['mixed-content'],
      fields: { port: 443, hops: 0 },
    },
    note:
      'What IPvFoo shows for each domain, the popup shows for each origin: its server address ' +
      '(here 127.0.0.1 for all 100) and whether it was encrypted.',
    serves: {
      'https://origins.test/': page(
        '100 other origins',
        MANY_ORIGINS.map(
          (h) => `<img src="https://${h}/pixel.png" alt="" width="1" height="1">`,
        ).join(''),
      ),
      ...Object.fromEntries(MANY_ORIGINS.map((h) => [`https://${h}/pixel.png`, PIXEL])),
    },
  },
];
