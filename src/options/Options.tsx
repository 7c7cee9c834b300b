import type { Translate } from '../core/message';
import type { MemoryStats, SettingsReply } from '../shared/messages';
import type { OptionsHandlers } from './section';
import { Notifications } from './Notifications';
import { Allowlist } from './Allowlist';
import { KnownRoots } from './KnownRoots';
import { Memory } from './Memory';
import { HistoryDays } from './HistoryDays';
import { ChromeCertificates } from './ChromeCertificates';
import { SettingsFile } from './SettingsFile';
import { ManagedBanner } from './Managed';

// The options page: every setting, applied the moment it changes, a section per file. Props in,
// markup out; the browser side (the background's replies, files, permissions) comes in as
// handlers (section.ts).

interface Props {
  reply: SettingsReply;
  stats: MemoryStats | null;
  t: Translate;
  handlers: OptionsHandlers;
}

export function Options({ reply, stats, t, handlers }: Props) {
  const settings = reply.settings;
  const locked = reply.managed.locked;
  const common = { settings, locked, t, handlers };
  return (
    <main class="page">
      <h1>{t('options_title')}</h1>
      <ManagedBanner managed={reply.managed} t={t} />
      <Notifications {...common} />
      <Allowlist {...common} />
      <KnownRoots {...common} />
      <Memory {...common} stats={stats} debugger={reply.debugger} />
      <HistoryDays {...common} />
      <ChromeCertificates reply={reply} locked={locked} t={t} handlers={handlers} />
      <SettingsFile t={t} handlers={handlers} />
    </main>
  );
}
