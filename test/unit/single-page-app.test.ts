import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../src/core/events';
import { readTabState } from '../../src/core/tab-state-read';
import { ids_, load, nextTime, report, run } from './events';

// A single-page app changes its URL with history.pushState and adds content without loading a
// new document. Chrome blocks or upgrades its plain-HTTP resources before any request, so the
// content script's references are all Portwatch sees: they must join the document that sent
// them, whatever URL it has given itself.

const START = 'https://spa.example/';
const INBOX = 'https://spa.example/app/inbox';
const withDocument = (events: TabEvent[], documentId: string): TabEvent[] =>
  events.map((e) => (e.type === 'commit' ? { ...e, documentId } : e));
const pushState = (url: string): TabEvent => ({ type: 'history-state', url, time: nextTime() });
const references = (pageUrl: string, documentId?: string): TabEvent => ({
  type: 'references',
  pageUrl,
  urls: ['http://cdn.example/app.js'],
  time: nextTime(),
  ...(documentId !== undefined ? { documentId } : {}),
});

describe('a single-page app', () => {
  it('Firefox: the page follows pushState, and references sent under the new URL join it', () => {
    const events = [...load({ chain: [START] }), pushState(INBOX), references(INBOX)];
    const r = report(events);
    expect(ids_(r)).toContain('mixed-content');
    expect(r.connection?.url).toBe(INBOX);
  });

  it('Chrome: references join the document that sent them, before its URL change is seen', () => {
    const loaded = withDocument(load({ chain: [START] }), 'DOC1');
    expect(ids_(report([...loaded, references(INBOX, 'DOC1')]))).toContain('mixed-content');
    // A late message of the document before, at the same URL: not this page's.
    expect(ids_(report([...loaded, references(START, 'DOC0')]))).not.toContain('mixed-content');
    const state = run([...loaded, references(INBOX, 'DOC1')]);
    expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('a URL change to another origin is not a history-state update of this page', () => {
    const state = run([...load({ chain: [START] }), pushState('https://evil.example/')]);
    expect(state.page?.url).toBe(START);
  });

  it('without a document id, references of another URL stay out (a late message of the page before)', () => {
    const events = [...load({ chain: [START] }), references(INBOX)];
    expect(ids_(report(events))).not.toContain('mixed-content');
  });
});
