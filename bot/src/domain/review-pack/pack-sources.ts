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

/** The workspace's zone and severity commitments (seed 003's defaults or its overrides). */
export interface PackSettings {
  timeZone: string;
  policy: SeverityPolicy;
}

/** What the pack takes from the incidents, both derived from one listing of them. */
export interface PackIncidents {
  /** The month's incident figures (incidents figures), with the escalation split when known. */
  figures: PackFigures;
  /** Incidents that may overlap the month: their highest severity and when they were open. */
  outages: OutageSpan[];
}

export interface PackSources {
  /** Read once per request: resolving the month reads them, and the pack is built with them. */
  settings(ws: Workspace): Promise<PackSettings>;
  /** The month's figures and outage spans; `range` is the month in the zone of `settings`, read by the caller. */
  incidents(ws: Workspace, month: { year: number; month: number }, range: { start: Date; end: Date }, settings: PackSettings): Promise<PackIncidents>;
  /** The imported call-quality measurements against target; undefined without imports. */
  quality(ws: Workspace): Promise<QualityReport | undefined>;
  /** Reminder completions whose occurrence fell due in [start, end). */
  completions(ws: Workspace, start: Date, end: Date): Promise<CompletionRecord[]>;
  /** The problems-and-changes summary row (one point read). */
  control(ws: Workspace): Promise<ControlSummary>;
}
