// CLOCK_START's clock: it reads the start instant at once and runs on at the real pace.
import { describe, expect, it } from 'vitest';
import { clockStartingAt } from '../../bot/src/platform/clock';

describe('a clock started at an instant', () => {
  it('reads the start now and moves as far as the real clock moves', () => {
    let real = Date.parse('2026-12-02T04:00:00Z');
    const clock = clockStartingAt(new Date('2026-06-01T08:55:00Z'), () => real);
    expect(clock().toISOString()).toBe('2026-06-01T08:55:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-06-01T08:56:30.000Z');
  });
});
