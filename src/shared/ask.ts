import { browser } from './ext';
import type { PageReply, PageRequest, PageRequestType } from './messages';

// How the options and history pages ask the background: one typed request, one reply. The
// background starts on demand if it was stopped.

/**
 * Every request the background takes has a reply, so no reply is a failure: sendMessage
 * resolves with undefined when no listener answered (isPageRequest refused the message), and a
 * page reading that as a reply would throw where it cannot say why.
 */
export async function ask<K extends PageRequestType>(
  type: K,
  payload: Omit<Extract<PageRequest, { type: K }>, 'type'>,
): Promise<PageReply<K>> {
  const reply: unknown = await browser.runtime.sendMessage({ type, ...payload });
  if (reply === undefined) throw new Error(`Portwatch's background did not answer ${type}`);
  return reply as PageReply<K>;
}
