import type { Finding } from './findings';
import type { TabReport, Verdict } from './report';

// What the toolbar shows for a tab: at most four characters of badge text, a colour by
// severity, and the icon for the verdict (its shape differs too, never colour alone).

export type IconState = 'secure' | 'notice' | 'warning' | 'danger' | 'neutral';

export interface BadgeView {
  text: string;
  background: string;
  foreground: string;
  icon: IconState;
  /** Headline message key for the tooltip. */
  title: string;
}

const COLOURS: Record<
  Exclude<Verdict, 'none' | 'secure'>,
  { background: string; foreground: string }
> = {
  danger: { background: '#C5221F', foreground: '#FFFFFF' },
  warning: { background: '#F9AB00', foreground: '#202124' },
  notice: { background: '#1A73E8', foreground: '#FFFFFF' },
};

function textFor(f: Finding): string {
  switch (f.id) {
    case 'https-stripped':
    case 'downgrade-redirect':
    case 'downgrade-navigation':
    case 'insecure-form':
      return '!';
    case 'connection-error':
      return 'ERR';
    case 'plaintext-on-443':
    case 'insecure-page':
      return 'HTTP';
    case 'mixed-content':
      return 'MIX';
    case 'nonstandard-port': {
      const port = String(f.evidence.port ?? '');
      return port.length <= 4 ? port : 'PORT';
    }
    case 'no-hsts':
      return '';
    case 'downgrade-prevented':
      // The browser kept https: the icon says "notice", and no "!" cries wolf.
      return '';
    case 'weak-protocol':
    case 'weak-cipher':
      return 'TLS';
    case 'weak-signature':
      return 'SIG';
    case 'weak-key':
      return 'KEY';
    case 'ct-not-compliant':
      return 'CT';
    case 'certificate-changed':
      return 'CERT';
    case 'local-root':
      return 'ROOT';
    case 'certificate-renewed':
      // info: never the verdict, so never the badge.
      return '';
    case 'certificate-expiring': {
      const days = f.evidence.days ?? -1;
      return days >= 0 && days <= 99 ? `${days}d` : 'EXP';
    }
  }
}

export function badgeFor(report: TabReport): BadgeView {
  const title = `headline_${report.headline.replace('-', '_')}`;
  if (report.verdict === 'none' || report.verdict === 'secure') {
    const icon: IconState = report.verdict === 'secure' ? 'secure' : 'neutral';
    return { text: '', background: '#5F6368', foreground: '#FFFFFF', icon, title };
  }
  // Findings are sorted worst first; the first one that counts names the badge.
  const top = report.findings.find((f) => !f.allowlisted && f.severity === report.verdict);
  return {
    text: top ? textFor(top) : '',
    ...COLOURS[report.verdict],
    icon: report.verdict,
    title,
  };
}
