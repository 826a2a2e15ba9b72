// What the product takes instead of reading the time itself: tests and the bench pass their own.
export type Clock = () => Date;
