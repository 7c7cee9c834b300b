import { useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

// A list whose items each have a remove button: once one is removed, its button is gone, and
// the browser would drop focus to the page's body. Focus goes instead to the button of the item
// that took its place (or the new last one), else to `fallback` (the list's heading or input).
// The removal is a settings change that comes back later: focus moves once the list is shorter.

export function useFocusAfterRemoval(fallback: RefObject<HTMLElement | null>, count: number) {
  const list = useRef<HTMLUListElement>(null);
  const [removed, setRemoved] = useState<{ index: number; count: number } | null>(null);
  useEffect(() => {
    if (!removed || count >= removed.count) return;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('li button') ?? [];
    const next = buttons[Math.min(removed.index, buttons.length - 1)];
    (next ?? fallback.current)?.focus();
    setRemoved(null);
  }, [removed, count, fallback]);
  /** Call with the removed item's index, as the remove button is clicked. */
  const removing = (index: number): void => setRemoved({ index, count });
  return { list, removing };
}
