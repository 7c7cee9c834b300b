import { SEVERITIES, type Severity } from '../../src/core/findings';
import { DAYS, RULE_FINDINGS, simulateYear, type YearFigures } from './renewal-year';

// Prints the figures of the year simulated in renewal-year.ts as Markdown tables. The repo has
// no TypeScript runner of its own (no tsx, no vite-node): bundle it with esbuild, as the other
// scripts are (package.json), and run it with node:
//
//   npx esbuild test/sim/print-renewal-year.ts --bundle --platform=node --format=esm \
//     --packages=external --log-level=warning --outfile=.lab/bin/renewal-year.mjs \
//     && node .lab/bin/renewal-year.mjs
//
// (`npx tsx test/sim/print-renewal-year.ts` works as well where tsx is installed.)

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const ruler = (n: number) => `|${' --- |'.repeat(n)}`;
const by = (counts: Partial<Record<Severity, number>>, s: Severity) => counts[s] ?? 0;

export function markdown(f: YearFigures): string {
  const out: string[] = [];
  out.push(`## A year of certificate renewals: ${f.hosts} hosts, ${DAYS} days`, '');
  out.push(row(['figure', 'count']), ruler(2));
  out.push(row(['visits', f.visits]));
  out.push(row(['benign warnings', f.benignWarnings]));
  out.push(row(['benign notices', f.benignNotices]));
  out.push(row(['benign infos (certificate-renewed)', f.benignInfos]));
  out.push(row(['benign notifications (notify: warning)', f.benignNotifications]));
  out.push(row(['attacks', f.attacks]));
  out.push(row(['attacks warned', `${f.attacksWarned} / ${f.attacks}`]));
  out.push(row(['attacks notified', `${f.attacksNotified} / ${f.attacks}`]));
  out.push(
    row([
      '- another CA while young: certificate-changed warning',
      `${f.caAttacks.warned} / ${f.caAttacks.count}`,
    ]),
  );
  out.push(
    row([
      '- interception (local root): local-root warning',
      `${f.proxyAttacks.warned} / ${f.proxyAttacks.count}`,
    ]),
  );
  out.push(
    row([
      "not asserted: a rogue CA copying the host CA's name, warned",
      `${f.copiedNameAttacks.warned} / ${f.copiedNameAttacks.count}`,
    ]),
  );
  out.push('', "### The rule's findings by pattern", '');
  const others = 'other findings: notice / warning / notifications';
  out.push(
    row(['pattern', 'hosts', 'visits', 'info', 'notice', 'warning', 'notifications', others]),
    ruler(8),
  );
  for (const [pattern, p] of Object.entries(f.byPattern)) {
    out.push(
      row([
        pattern,
        p.hosts,
        p.visits,
        by(p.rule, 'info'),
        by(p.rule, 'notice'),
        by(p.rule, 'warning') + by(p.rule, 'danger'),
        p.notifications,
        [
          by(p.others, 'notice'),
          by(p.others, 'warning') + by(p.others, 'danger'),
          p.otherNotifications,
        ].join(' / '),
      ]),
    );
  }
  out.push('', '### Every finding on ordinary visits', '');
  out.push(row(['finding', 'rule', ...SEVERITIES, 'notifications']), ruler(SEVERITIES.length + 3));
  for (const [id, counts] of Object.entries(f.findings)) {
    const rule = RULE_FINDINGS.has(id as never) ? 'yes' : 'no';
    out.push(
      row([id, rule, ...SEVERITIES.map((s) => by(counts, s)), f.notifications[id as never] ?? 0]),
    );
  }
  if (f.benignAlarms.length > 0) {
    out.push('', "### The rule's notices and warnings on ordinary visits", '');
    out.push(
      row([
        'day',
        'host',
        'finding',
        'severity',
        'life used',
        'CA',
        'CA before',
        'first of its CA',
      ]),
      ruler(8),
    );
    for (const a of f.benignAlarms) {
      out.push(
        row([
          a.day,
          a.host,
          a.id,
          a.severity,
          a.lifeUsed === undefined ? '' : `${a.lifeUsed}%`,
          a.issuer ?? '',
          a.oldIssuer ?? '',
          a.firstOfCa ? 'yes' : 'no',
        ]),
      );
    }
  }
  return out.join('\n');
}

console.log(markdown(simulateYear()));
