import browser from 'webextension-polyfill';
import type { PageReply, PageRequest, PageRequestType } from './messages';

// How the options and history pages ask the background: one typed request, one reply. The
// background starts on demand if it was stopped.

export function ask<K extends PageRequestType>(
  type: K,
  payload: Omit<Extract<PageRequest, { type: K }>, 'type'>,
): Promise<PageReply<K>> {
  return browser.runtime.sendMessage({ type, ...payload }) as Promise<PageReply<K>>;
}
