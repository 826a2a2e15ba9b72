import type { Workspace } from './workspace';

/** Allocates gap-tolerant, never-reused sequence numbers per workspace (QF-0042, SR numbers). */
export interface CounterRepository {
  /** Returns the next value of the named counter, starting at 1; safe under concurrency. */
  next(workspace: Workspace, counter: string): Promise<number>;
}
