// The pages the lab serves for its scenarios: small, self-describing HTML, each doing one thing
// (link, form, refresh, script, subresource, socket) so what Portwatch sees has one cause.
import { page, type Reply, type UpgradeRoute } from './servers';
import { acceptWebSocket } from './websocket';

export { page, redirect } from './servers';

/** One year: long enough for the no-hsts finding to stay away (it wants 180 days or more). */
export const LONG_HSTS = 'max-age=31536000';

export function withHsts(reply: Reply, value: string): Reply {
  return { ...reply, headers: { ...reply.headers, 'strict-transport-security': value } };
}

/** Text safe inside HTML and inside a single-quoted JavaScript string. */
function esc(s: string): string {
  return s.replace(/[&<>"'\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function js(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c');
}

/** A page with one link, `#go`, as a person would click it. */
export function linkPage(title: string, href: string): Reply {
  return page(title, `<p><a id="go" href="${esc(href)}">Go to ${esc(href)}</a></p>`);
}

/** A page with one form posting a text field `q` to `action`; `#send` submits it. */
export function formPage(title: string, action: string): Reply {
  return page(
    title,
    `<form method="post" action="${esc(action)}">` +
      '<label>Search <input name="q" value=""></label> ' +
      '<button id="send" type="submit">Send</button></form>',
  );
}

/** A page that sends the browser on to `target` with `<meta http-equiv="refresh">`. */
export function metaRefreshPage(title: string, target: string): Reply {
  const reply = page(title, `<p>Moving on to ${esc(target)}…</p>`);
  const body = String(reply.body).replace(
    '<head>',
    `<head><meta http-equiv="refresh" content="0;url=${esc(target)}">`,
  );
  return { ...reply, body };
}

/** A page whose script sets `location` to `target` once it has loaded. */
export function scriptRedirectPage(title: string, target: string): Reply {
  return page(
    title,
    `<p>A script moves on to ${esc(target)}.</p>` +
      `<script>addEventListener('load', () => { location = ${js(target)}; });</script>`,
  );
}

/** A page with one subresource of the given kind; `url` is usually a plain-HTTP one. */
export function subresourcePage(title: string, kind: 'img' | 'script' | 'iframe', url: string) {
  const tag =
    kind === 'img'
      ? `<img src="${esc(url)}" alt="pixel" width="1" height="1">`
      : kind === 'script'
        ? `<script src="${esc(url)}"></script>`
        : `<iframe src="${esc(url)}" title="frame"></iframe>`;
  return page(title, `<p>This page loads ${esc(url)}.</p>${tag}`);
}

/**
 * A page that opens a WebSocket to `url` and writes what happened into `document.body.dataset.ws`:
 * `message:<text>` once the server's greeting arrives, `error`, or `threw:<name>` when the
 * constructor itself refused (as browsers do for `ws:` from an https page).
 */
export function webSocketPage(title: string, url: string): Reply {
  return page(
    title,
    `<p>Opens a WebSocket to ${esc(url)}.</p><script>
const mark = (v) => { document.body.dataset.ws = v; };
try {
  const socket = new WebSocket(${js(url)});
  socket.onmessage = (e) => mark('message:' + e.data);
  socket.onerror = () => mark('error');
} catch (e) {
  mark('threw:' + e.name);
}
</script>`,
  );
}

/** A WebSocket endpoint that completes the handshake and says `hello`. */
export function helloSocket(): UpgradeRoute {
  return { upgrade: (req, socket) => void acceptWebSocket(req, socket, 'hello') };
}

/** A 1×1 transparent PNG, for image subresources. */
export const PIXEL: Reply = {
  headers: { 'content-type': 'image/png' },
  body: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
};

export const SCRIPT: Reply = {
  headers: { 'content-type': 'text/javascript' },
  body: 'document.body.dataset.script = "ran";\n',
};

/** An https page that sends a long HSTS header, so it is fully secure. */
export function securePage(title: string): Reply {
  return withHsts(page(title), LONG_HSTS);
}
