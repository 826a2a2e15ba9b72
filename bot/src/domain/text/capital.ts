// Sentence case for a label that starts a line.
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
