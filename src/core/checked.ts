import { bound } from './text';

// Reading a value whose shape is not guaranteed: what storage gives back (an older version's
// shape, a corrupted write) or a field of a browser's object. Each reader checks the type and
// bounds the size, and answers undefined (or an empty record) rather than throwing.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a record to read fields from; an empty one when it is not an object. */
export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A string, cut to `max` characters. */
export function boundedText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? bound(value, max) : undefined;
}

export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** The first `max` items of a list that read as an item; an empty list when it is not one. */
export function listOf<T>(value: unknown, max: number, item: (x: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const x of value.slice(0, max)) {
    const parsed = item(x);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}
