// Where a feature records that a workspace got its defaults. Implemented in storage
// (seed-markers.ts); every feature that seeds defaults goes through it, so "seeded once, never
// again, even after people delete every default" holds the same way everywhere.
import type { Workspace } from './workspace';

export interface SeedLedger {
  /** Runs `seed` (which must be idempotent) unless `name` was seeded in this workspace; true when it ran now. */
  onceFor(workspace: Workspace, name: string, seed: () => Promise<void>): Promise<boolean>;
}
