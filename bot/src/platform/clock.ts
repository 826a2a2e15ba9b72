// What the product takes instead of reading the time itself: tests and the bench pass their own.
export type Clock = () => Date;

/** A clock that reads `start` now and runs on at the real pace from there. */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}
