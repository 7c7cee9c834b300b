// Time as Portwatch counts it: epoch milliseconds, and one way of writing a moment for people.

export const DAY_MS = 86_400_000;

/** A day in seconds, for durations a header gives in seconds (HSTS max-age). */
export const DAY_SECONDS = 86_400;

/**
 * A moment as `2045-01-01 00:00 UTC`: to the minute, one form in every locale, as openssl writes
 * certificate dates. null for a time outside the Date range (stored data can hold anything).
 */
export function utcMinute(ms: number | undefined): string | null {
  if (ms === undefined) return null;
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime())) return null;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A day as `2045-01-01`, for a certificate's validity where the minute does not matter. */
export function utcDay(ms: number | undefined): string | null {
  return utcMinute(ms)?.slice(0, 10) ?? null;
}
