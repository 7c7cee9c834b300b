import { describe, expect, it } from 'vitest';
import { renderMessage, type Message } from '../../src/core/message';
import { MAX_SETTINGS_FILE } from '../../src/core/settings-file';
import { importFile } from '../../src/options/SettingsFile';
import { t } from './translate';

// The options page's import, from the file the person picked to the sentence they read: every
// refusal says why, and nothing (a huge file, an unreadable one, a background that does not
// answer) throws past the page or leaves it silent.

/** What the page shows after importing `file`: the refusal, or "" when it was applied. */
async function shown(file: Blob, send: (text: string) => Promise<Message | null>) {
  const error = await importFile(file, send);
  return error ? renderMessage(error, t) : '';
}

/** A background that records what it was sent and accepts it. */
function accepting() {
  const sent: string[] = [];
  const send = (text: string) => Promise.resolve(void sent.push(text)).then(() => null);
  return { sent, send };
}

describe('importing a settings file on the options page', () => {
  it('refuses a file over the limit before sending it, saying so', async () => {
    for (const size of [MAX_SETTINGS_FILE + 1, 128 * 1024 + 1]) {
      const { sent, send } = accepting();
      expect(await shown(new Blob([' '.repeat(size)]), send)).toMatch(/larger than 64 KB/);
      expect(sent).toEqual([]);
    }
  });

  it('sends a file within the limit, and says what the background refused', async () => {
    const { sent, send } = accepting();
    const text = ' '.repeat(MAX_SETTINGS_FILE);
    expect(await shown(new Blob([text]), send)).toBe('');
    expect(sent).toEqual([text]);
    const refusing = () => Promise.resolve<Message>({ key: 'import_error_json' });
    expect(await shown(new Blob(['{']), refusing)).toBe('The file is not valid JSON.');
  });

  it('says so when the background does not answer', async () => {
    const silent = () => Promise.reject(new Error('no answer'));
    expect(await shown(new Blob(['{}']), silent)).toMatch(/Portwatch did not answer the import/);
  });

  it('says so when the file cannot be read', async () => {
    const { sent, send } = accepting();
    // As a file that changed on disk after it was picked reads.
    class Unreadable extends Blob {
      override slice(): Blob {
        return this;
      }
      override text(): Promise<string> {
        return Promise.reject(new DOMException('changed on disk', 'NotReadableError'));
      }
    }
    const unreadable = new Unreadable(['{}']);
    expect(await shown(unreadable, send)).toBe('The file could not be read.');
    expect(sent).toEqual([]);
  });
});
