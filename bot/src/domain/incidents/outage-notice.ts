// Severity 1 and A incidents announce themselves: an outage notification to the workspace's
// designated audience channel when declared, at every status update (and when the expected
// resolution or the bridge call changes) and at resolution.
import type { Incident, TimelineEntry } from './incident';
import type { SeverityPolicy } from './severity';

export type OutageEvent = 'declared' | 'update' | 'resolved';

export interface OutageNotice {
  /** Stable per timeline entry, so a resend after a crash can be recognised. */
  key: string;
  event: OutageEvent;
  incidentId: string;
  at: string;
  /** The update text or resolution, when the event carries one. */
  text?: string;
}

/** Notices owed for the entries just written (before = undefined when the incident was just filed). */
export function outageNotices(before: Incident | undefined, after: Incident, entries: readonly TimelineEntry[], policy: SeverityPolicy): OutageNotice[] {
  const notify = (level: Incident['severity']) => policy.rules[level].outageNotification;
  const out: OutageNotice[] = [];
  for (const e of entries) {
    const key = `${after.id}#${e.seq}`;
    let event: OutageEvent | undefined;
    if (e.kind === 'recorded' && notify(after.severity)) event = 'declared';
    else if (e.kind === 'severity-changed' && notify(after.severity)) event = before && notify(before.severity) ? 'update' : 'declared';
    else if ((e.kind === 'update' || e.kind === 'outage-details') && notify(after.severity)) event = 'update';
    else if (e.kind === 'resolved' && notify(after.severity)) event = 'resolved';
    if (event) out.push({ key, event, incidentId: after.id, at: e.at, text: e.text });
  }
  return out;
}
