import { describe, expect, it, vi } from 'vitest';
import type { HistoryStore } from '../../src/background/history-store';
import type { HostMemoryStore } from '../../src/background/host-memory';
import { answer, type RequestDeps } from '../../src/background/requests';
import { NO_POLICY } from '../../src/core/managed';
import { renderMessage } from '../../src/core/message';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/settings';
import { isPageRequest, type PageReply } from '../../src/shared/messages';
import { t } from './translate';

// An import of settings, as the background and ask() see it: every request the options page
// sends gets a reply that says why it was refused, and no reply at all is an error, not a hang.

// A plain function rather than vi.fn: vitest reports a vi.fn's rejected promise as an error even
// when the caller handles it.
let reply: unknown;
// The pages' own wrapper of the browser's API (src/shared/ext.ts).
vi.mock('../../src/shared/ext', () => ({
  browser: { runtime: { sendMessage: () => Promise.resolve(reply) } },
}));

const { ask } = await import('../../src/shared/ask');

function deps(saved: CoreSettings[]): RequestDeps {
  return {
    settings: () => Promise.resolve(DEFAULT_SETTINGS),
    saveSettings: (s) => {
      saved.push(s);
      return Promise.resolve(s);
    },
    resetSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    policy: () => Promise.resolve(NO_POLICY),
    tlsSource: () => Promise.resolve('firefox'),
    memory: {} as HostMemoryStore,
    history: {} as HistoryStore,
    now: () => 0,
  };
}

/** What the background's page listener does with a message: answer it, or stay silent. */
async function backgroundReply(message: unknown, saved: CoreSettings[] = []): Promise<unknown> {
  return isPageRequest(message) ? answer(deps(saved), message) : undefined;
}

describe('import-settings in the background', () => {
  it('answers a file over the message size with why it is refused, and saves nothing', async () => {
    const saved: CoreSettings[] = [];
    const text = ' '.repeat(128 * 1024 + 1);
    const got = (await backgroundReply({ type: 'import-settings', text }, saved)) as
      PageReply<'import-settings'> | undefined;
    expect(got?.ok).toBe(false);
    if (got?.ok !== false) return;
    expect(renderMessage(got.error, t)).toMatch(/larger than 64 KB/);
    expect(saved).toEqual([]);
  });

  it('answers a deeply nested file with why it is refused', async () => {
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const text = `{"format":"portwatch-settings","version":${deep},"settings":{}}`;
    const got = (await backgroundReply({ type: 'import-settings', text })) as
      PageReply<'import-settings'> | undefined;
    if (got?.ok !== false) throw new Error('the file was not refused');
    expect(renderMessage(got.error, t)).toMatch(/unknown version of the settings format/);
  });
});

describe('ask', () => {
  it('gives the reply the background sends', async () => {
    reply = { ok: false, error: { key: 'import_error_json' } };
    await expect(ask('import-settings', { text: '{' })).resolves.toEqual(reply);
  });

  it('fails, naming the request, when the background does not answer', async () => {
    // What sendMessage gives when no listener answers (both browsers, through the polyfill).
    reply = undefined;
    await expect(ask('import-settings', { text: '{}' })).rejects.toThrow(/import-settings/);
  });
});
