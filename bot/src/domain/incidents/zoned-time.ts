// Incidents use the shared zoned-time module (domain/time/zoned-time.ts).
export * from '../time/zoned-time';
