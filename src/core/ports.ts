// Well-known ports and the service each usually carries, so a finding can say what a port is
// for ("8443: alternative HTTPS") rather than just that it is unusual. Keys are message ids
// suffixes for localisation; the English names live beside them for reports and tests.

export interface PortService {
  /** Stable key, also the suffix of the localised message `port_<key>` (letters, digits, _). */
  key: string;
  /** English name, used in copied reports. */
  name: string;
}

const TABLE: ReadonlyArray<readonly [number, string, string]> = [
  [21, 'ftp', 'FTP'],
  [22, 'ssh', 'SSH'],
  [25, 'smtp', 'SMTP'],
  [80, 'http', 'HTTP'],
  [443, 'https', 'HTTPS'],
  [465, 'smtps', 'SMTP over TLS'],
  [587, 'submission', 'mail submission'],
  [636, 'ldaps', 'LDAP over TLS'],
  [853, 'dot', 'DNS over TLS'],
  [993, 'imaps', 'IMAP over TLS'],
  [995, 'pop3s', 'POP3 over TLS'],
  [1080, 'socks', 'SOCKS proxy'],
  [2083, 'cpanel', 'cPanel (TLS)'],
  [2087, 'whm', 'WHM (TLS)'],
  [2096, 'webmail', 'cPanel webmail (TLS)'],
  [2376, 'docker', 'Docker API (TLS)'],
  [3000, 'dev', 'development server'],
  [3128, 'proxy', 'HTTP proxy'],
  [4200, 'dev', 'development server'],
  [4443, 'https_alt', 'alternative HTTPS'],
  [5000, 'dev', 'development server'],
  [5173, 'dev', 'development server'],
  [5601, 'kibana', 'Kibana'],
  [5986, 'winrm', 'WinRM over HTTPS'],
  [6443, 'kubernetes', 'Kubernetes API'],
  [8000, 'http_alt', 'alternative HTTP'],
  [8006, 'proxmox', 'Proxmox VE'],
  [8008, 'http_alt', 'alternative HTTP'],
  [8080, 'http_alt', 'alternative HTTP'],
  [8081, 'http_alt', 'alternative HTTP'],
  [8443, 'https_alt', 'alternative HTTPS'],
  [8888, 'http_alt', 'alternative HTTP'],
  [9000, 'dev', 'development server'],
  [9090, 'admin', 'administration console'],
  [9200, 'elasticsearch', 'Elasticsearch'],
  [9443, 'https_alt', 'alternative HTTPS'],
  [10443, 'https_alt', 'alternative HTTPS'],
];

const BY_PORT = new Map<number, PortService>(
  TABLE.map(([port, key, name]) => [port, { key, name }]),
);

/** The service usually found on `port`, or null for a port with no common use. */
export function serviceForPort(port: number): PortService | null {
  return BY_PORT.get(port) ?? null;
}
