import { isRecord } from './checked';
import { visible } from './cert/visible';
import { bound } from './text';

// The roots the person said they know ("I know this authority", on a local-root finding): a
// company proxy's, an antivirus's, their own mkcert's. Each is known by its key, the SHA-256 of
// its SubjectPublicKeyInfo in base64 (the pin-sha256 form), so a root re-issued with the same
// key stays known and another root with a copied name does not.

export interface KnownRoot {
  /** SHA-256 of the root's SubjectPublicKeyInfo, base64: 44 characters. */
  spki: string;
  /** The root's name as it was shown when the person chose it. */
  name: string;
}

/** More roots than anyone installs on purpose. */
export const MAX_KNOWN_ROOTS = 32;
export const MAX_ROOT_NAME = 128;
const SPKI = /^[A-Za-z0-9+/]{43}=$/;

export function isSpkiSha256(value: unknown): value is string {
  return typeof value === 'string' && SPKI.test(value);
}

/** One known root as read from storage or a file, or undefined. */
export function readKnownRoot(v: unknown): KnownRoot | undefined {
  if (!isRecord(v) || !isSpkiSha256(v.spki) || typeof v.name !== 'string') return undefined;
  return { spki: v.spki, name: bound(visible(v.name), MAX_ROOT_NAME) };
}

/** The stored list: each valid root once, at most MAX_KNOWN_ROOTS; the rest dropped. */
export function readKnownRoots(value: unknown): KnownRoot[] {
  if (!Array.isArray(value)) return [];
  const out = new Map<string, KnownRoot>();
  for (const item of value.slice(0, MAX_KNOWN_ROOTS)) {
    const root = readKnownRoot(item);
    if (root && !out.has(root.spki)) out.set(root.spki, root);
  }
  return [...out.values()];
}

/** The list with `root` added (or renamed), newest last; null when it is full. */
export function withKnownRoot(list: readonly KnownRoot[], root: KnownRoot): KnownRoot[] | null {
  const rest = list.filter((r) => r.spki !== root.spki);
  if (rest.length >= MAX_KNOWN_ROOTS) return null;
  return [...rest, root];
}

export function isKnownRoot(list: readonly KnownRoot[], spki: string): boolean {
  return list.some((r) => r.spki === spki);
}
