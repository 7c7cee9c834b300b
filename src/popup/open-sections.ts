// Which of the popup's sections the person keeps open, remembered across popups. In the page's
// own localStorage: read synchronously, so the first render already has them open and nothing
// moves after it; it holds only section ids, never anything about a site.

const KEY = 'portwatch:open-sections';
/** The ids App.tsx gives its sections; anything else in the store is ignored. */
const SECTIONS = new Set(['connection', 'tls', 'certificate', 'redirects', 'origins']);

export function readOpenSections(storage: Pick<Storage, 'getItem'> | undefined): Set<string> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return new Set();
    return new Set(parsed.filter((id): id is string => typeof id === 'string' && SECTIONS.has(id)));
  } catch {
    // Corrupt or unavailable (storage off): every section starts closed.
    return new Set();
  }
}

/** Remembers that section `id` is now open or closed; `open` is updated in place. */
export function rememberSection(
  storage: Pick<Storage, 'setItem'> | undefined,
  open: Set<string>,
  id: string,
  isOpen: boolean,
): void {
  if (!SECTIONS.has(id)) return;
  if (isOpen) open.add(id);
  else open.delete(id);
  try {
    storage?.setItem(KEY, JSON.stringify([...open].sort()));
  } catch {
    // Storage full or off: the section still opens, it is just not remembered.
  }
}
