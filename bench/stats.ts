// Small statistics for noisy timings: medians, and a bootstrap interval for the ratio of two
// medians from paired runs (resampling pairs keeps whatever drift both arms of a pair shared).

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A seeded PRNG (mulberry32), so that a results file can be recomputed exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The 95 % bootstrap interval of median(a) / median(b), where a[i] and b[i] were measured as a
 * pair: pairs are resampled together.
 */
export function ratioInterval(
  a: readonly number[],
  b: readonly number[],
  resamples = 2000,
): [number, number] {
  if (a.length !== b.length || a.length === 0) throw new Error('ratioInterval: unpaired samples');
  const next = random(0x5eed);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const ra: number[] = [];
    const rb: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const k = Math.floor(next() * a.length);
      ra.push(a[k]!);
      rb.push(b[k]!);
    }
    ratios.push(median(ra) / median(rb));
  }
  ratios.sort((x, y) => x - y);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))]!;
  return [at(0.025), at(0.975)];
}

export const round = (value: number, digits: number): number => Number(value.toFixed(digits));
