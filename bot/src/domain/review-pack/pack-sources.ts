// What the review pack reads, as small ports the composition implements from the features'
// own services (incidents, findings, reminders, problems and changes): the pack feature knows
// none of their repositories.
import type { CompletionRecord } from '../reminders/actions';
import type { ControlSummary } from '../changes/control-summary';
import type { QualityReport } from '../findings/trends';
import type { MonthlyFigures } from '../incidents/figures';
import type { SeverityPolicy } from '../incidents/severity';
import type { Workspace } from '../workspace';
import type { OutageSpan } from './availability';
import type { EscalationKindCounts } from '../incidents/escalation-kind';

/** Escalations split technical / non-technical (and not recorded, for incidents stored before the kind). */
export type EscalationSplit = EscalationKindCounts;

export type PackFigures = Pick<MonthlyFigures, 'total' | 'countBySeverity' | 'vendor' | 'firstResponse' | 'updates' | 'timeZone'> & { escalations?: EscalationSplit };

export interface PackSources {
  /** The workspace's zone and severity commitments (seed 003's defaults or its overrides). */
  settings(ws: Workspace): Promise<{ timeZone: string; policy: SeverityPolicy }>;
  /** The month's incident figures (incidents figures), with the escalation split when known. */
  figures(ws: Workspace, year: number, month: number): Promise<PackFigures>;
  /** Incidents that may overlap [start, end): their highest severity and when they were open. */
  outages(ws: Workspace, start: Date, end: Date): Promise<OutageSpan[]>;
  /** The imported call-quality measurements against target; undefined without imports. */
  quality(ws: Workspace): Promise<QualityReport | undefined>;
  /** Reminder completions whose occurrence fell due in [start, end). */
  completions(ws: Workspace, start: Date, end: Date): Promise<CompletionRecord[]>;
  /** The problems-and-changes summary row (one point read). */
  control(ws: Workspace): Promise<ControlSummary>;
}
