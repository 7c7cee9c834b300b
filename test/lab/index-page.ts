// The lab's index page: every scenario with a link, how to reach it, and what Portwatch should
// show in each browser. Served over plain http on purpose: leaving an https index by a link to an
// http scenario would itself be a downgrade and add a finding the scenario is not about.
import type { Reply } from './servers';
import { BROWSERS, expectationFor, type Expectation, type Scenario } from './scenario-types';
import { describeTlsSite, type TlsSite } from './tls-sites';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function reachHtml(s: Scenario): string {
  const link = `<a href="${esc(s.startUrl)}">${esc(s.startUrl)}</a>`;
  switch (s.reach.by) {
    case 'typed':
      return (
        (s.reach.over
          ? `Open <a href="${esc(s.reach.over)}">${esc(s.reach.over)}</a>, then t`
          : 'T') +
        `ype ${link} in the address bar of the same tab` +
        (s.endUrl !== s.startUrl ? `; it ends on <code>${esc(s.endUrl)}</code>` : '')
      );
    case 'click':
      return `Open ${link}, then click the link on it; it ends on <code>${esc(s.endUrl)}</code>`;
    case 'submit':
      return `Open ${link}, then submit the form; it ends on <code>${esc(s.endUrl)}</code>`;
  }
}

function expectationHtml(e: Expectation): string {
  const findings = Object.entries(e.findings).map(
    ([id, f]) =>
      `<code>${esc(id)}</code> (${esc(f.severity)}${f.where ? `, ${esc(f.where)}` : ''})`,
  );
  const fields = Object.entries(e.fields).map(([k, v]) => `${esc(k)} ${esc(String(v))}`);
  return [
    `verdict <strong>${esc(e.verdict)}</strong>, badge <code>${esc(JSON.stringify(e.badge))}</code>`,
    `findings: ${findings.length > 0 ? findings.join(', ') : 'none'}`,
    ...(e.absent.length > 0
      ? [`never: ${e.absent.map((id) => `<code>${esc(id)}</code>`).join(', ')}`]
      : []),
    ...(fields.length > 0 ? [`shows: ${fields.join(', ')}`] : []),
  ].join('<br>');
}

function differencesHtml(s: Scenario): string {
  const parts = BROWSERS.flatMap((b) => {
    const diff = s.browsers?.[b];
    if (!diff) return [];
    const changed = diff.expect ? `<br>${expectationHtml(expectationFor(s, b))}` : '';
    return [`<p><strong>${b}</strong>: ${esc(diff.why)}${changed}</p>`];
  });
  if (s.note) parts.push(`<p>${esc(s.note)}</p>`);
  return parts.join('');
}

function rowHtml(s: Scenario): string {
  return (
    `<tr id="${esc(s.id)}"><td><strong>${esc(s.title)}</strong><br><code>${esc(s.id)}</code></td>` +
    `<td>${reachHtml(s)}</td><td>${expectationHtml(s.expect)}</td><td>${differencesHtml(s)}</td></tr>`
  );
}

function connects(refuses: boolean | undefined): string {
  return refuses ? '<strong>refuses to connect</strong>' : 'connects';
}

function tlsSiteRowHtml(site: TlsSite): string {
  const url = `https://${site.host}/`;
  const prefs = Object.entries(site.firefox.prefs ?? {}).map(
    ([k, v]) => `<code>${esc(k)}</code> = <code>${esc(String(v))}</code>`,
  );
  const firefox =
    `${connects(site.firefox.refuses)}${prefs.length > 0 ? ` with ${prefs.join(', ')}` : ''}. ` +
    `${esc(site.firefox.why)}<br>${expectationHtml(site.firefox.expect)}`;
  return (
    `<tr id="${esc(site.id)}"><td><strong>${esc(site.title)}</strong><br><code>${esc(site.id)}</code>` +
    `<br><a href="${esc(url)}">${esc(url)}</a></td><td>${esc(describeTlsSite(site))}</td>` +
    `<td>${firefox}</td><td>${connects(site.chromium.refuses)}. ${esc(site.chromium.why)}</td></tr>`
  );
}

function tlsSitesHtml(sites: readonly TlsSite[]): string {
  if (sites.length === 0) return '';
  return (
    '<h2 id="certificates-and-tls">certificates and TLS</h2><p>Each host below is served on ' +
    'port 443 with its own certificate and TLS settings. Firefox shows TLS details; Chromium ' +
    'gives them to an extension only through the debugger permission. Follow a link, then open ' +
    'Portwatch.</p><table><thead><tr><th>Site</th>' +
    '<th>What the server presents</th><th>Firefox (ESR 153)</th><th>Chromium (156)</th></tr>' +
    `</thead><tbody>${sites.map(tlsSiteRowHtml).join('')}</tbody></table>`
  );
}

export function indexPage(
  scenarios: readonly Scenario[],
  hosts: readonly string[],
  tlsSites: readonly TlsSite[] = [],
): Reply {
  const groups = [...new Set(scenarios.map((s) => s.group))];
  const tables = groups.map(
    (g) =>
      `<h2>${esc(g)}</h2><table><thead><tr><th>Scenario</th><th>How to get there</th>` +
      `<th>Portwatch should show</th><th>Browsers</th></tr></thead><tbody>` +
      scenarios
        .filter((s) => s.group === g)
        .map(rowHtml)
        .join('') +
      '</tbody></table>',
  );
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portwatch lab</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:80em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.4em;vertical-align:top;text-align:left}
code{font-size:90%}</style></head><body>
<h1>Portwatch lab</h1>
<p>Each scenario below is served by this lab on 127.0.0.1 (and [::1]). The browser must resolve
these names to 127.0.0.1: ${hosts.map((h) => `<code>${esc(h)}</code>`).join(' ')}; and trust the
lab's test CA (<a href="/ca.pem">ca.pem</a>) and its second CA (<a href="/second-ca.pem">second-ca.pem</a>,
for the site about roots). Click a scenario's link from this page (this page is plain http, so
leaving it is never a downgrade), then open Portwatch's popup.</p>
<p>Both CAs are roots installed on this computer, not ones Firefox ships: in Firefox every lab page
would raise <code>local-root</code>. <code>npm start</code> and the tests mark the first CA as known
(as "I know this authority" does), so only <code>other-root.test</code> raises it.</p>
${tables.join('\n')}
${tlsSitesHtml(tlsSites)}
</body></html>`;
  return { body };
}
