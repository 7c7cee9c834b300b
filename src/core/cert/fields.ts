import { bound } from '../text';
import { visible } from './visible';

// Reading a browser's object field by field. The browsers' shapes are trusted, but their
// strings carry what a server sent, and a future version may drop or retype a field: each
// value is checked for its type, bounded and made visible, or left out (the type checks that are
// not about certificates are in ../checked.ts).

export function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value !== '' ? bound(visible(value), max) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An object without its undefined fields, so stored reports carry no empty keys. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** `table[key]` for the table's own keys only: `toString` or `__proto__` find nothing. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
