import { describe, expect, it } from 'vitest';
import { minuteBucket, nextWatermark, type ScanPosition, scanFrom } from '../../../bot/src/domain/reminders/due-scan';

const watermark = Date.parse('2024-06-03T08:58:30.000Z');

describe('where a scheduler tick reads the due index from', () => {
  const cases: [rule: string, position: ScanPosition, expected: { from: string | undefined; passes: number }][] = [
    ['a pass cut short by its page limit goes on from its cursor', { cursor: 'next-page', watermark, passes: 7 }, { from: 'next-page', passes: 7 }],
    ['the first pass reads the index from the beginning', { passes: 0 }, { from: undefined, passes: 0 }],
    ['the first pass from a watermark opens a sweep cycle, so it reads from the beginning', { watermark, passes: 0 }, { from: undefined, passes: 1 }],
    ['a pass starts at the minute of the watermark', { watermark, passes: 1 }, { from: '202406030858', passes: 2 }],
    ['every fullSweepEvery-th pass reads from the beginning again', { watermark, passes: 60 }, { from: undefined, passes: 61 }],
  ];
  it.each(cases)('%s', (_rule, position, expected) => {
    expect(scanFrom(position, 60)).toEqual(expected);
  });

  it('names minutes as the index keys them (UTC yyyymmddhhmm)', () => {
    expect(minuteBucket(Date.parse('2024-12-31T23:59:59.999Z'))).toBe('202412312359');
  });
});

describe('where the next pass starts', () => {
  const now = Date.parse('2024-06-03T09:00:00.000Z');
  const cases: [rule: string, leftOver: number[], expected: number][] = [
    ['with nothing left over, at now less the clock skew', [], now - 120_000],
    ['at the earliest entry still waiting, when it is earlier', [now - 60_000, now - 600_000], now - 600_000],
    ['never later than now less the skew, however recent what is left over', [now - 1_000], now - 120_000],
  ];
  it.each(cases)('%s', (_rule, leftOver, expected) => {
    expect(nextWatermark(now, 120_000, leftOver)).toBe(expected);
  });
});
