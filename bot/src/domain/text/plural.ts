// "1 finding", "3 findings": the count and its noun, for card lines and summaries.
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
