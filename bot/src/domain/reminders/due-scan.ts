// Where the scheduler reads the reminder due index from. A pass starts at the watermark and may
// take several ticks; now and then one starts at the beginning instead, the safety net for rows
// another instance filed behind the watermark.

/** The scheduler's position in the index between ticks. */
export interface ScanPosition {
  /** Where a pass cut short by its page limit goes on. */
  cursor?: string;
  /** Epoch ms the next pass starts from; undefined before the first pass ended. */
  watermark?: number;
  /** Passes started from the watermark so far (every `fullSweepEvery`-th of them sweeps). */
  passes: number;
}

/** UTC minute of an instant, 'yyyyMMddHHmm', as the due indexes key their rows: sorts as time, so "≤ now" is a key range. */
export function minuteBucket(at: Date | string | number): string {
  return new Date(at).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/** Where this tick reads from (undefined: the beginning), and the pass count after it. */
export function scanFrom(position: ScanPosition, fullSweepEvery: number): { from: string | undefined; passes: number } {
  const { cursor, watermark, passes } = position;
  if (cursor !== undefined) return { from: cursor, passes };
  if (watermark === undefined) return { from: undefined, passes };
  return { from: passes % fullSweepEvery === 0 ? undefined : minuteBucket(watermark), passes: passes + 1 };
}

/** The next pass starts at the earliest entry still waiting, or at now less the clock skew between instances. */
export function nextWatermark(nowMs: number, skewMs: number, leftOver: readonly number[]): number {
  return Math.min(nowMs - skewMs, ...leftOver);
}
