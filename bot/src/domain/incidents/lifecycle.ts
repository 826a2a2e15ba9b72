// The incident lifecycle: recorded → classified → investigating → resolved → closed → archived,
// with escalation to resolver groups, de-escalation and severity changes along the way.
// applyAction is pure: it returns the next incident and its timeline entries, or the reason
// the step is refused; the service persists the result.
import { nextUpdateDue, responseDue } from './cadence';
import { clockStart, highestSeverityOf, type Incident, type IncidentState, isOpen, type Person, TEXT_LIMITS, type TimelineEntry, type TimelineKind } from './incident';
import { mostSevere, type SeverityLevel, type SeverityPolicy, type SeverityRule, isSeverityLevel, severityLabel } from './severity';
import { checkFreeText } from '../text/free-text';
import { closureStep, type ClosureAction, parseClosureAction } from './closure-steps';
import { parseVendorAction, vendorStep, type VendorAction, withVendorCadence } from './vendor-steps';

export type IncidentAction =
  | { type: 'acknowledge' }
  | { type: 'update'; text: string }
  | { type: 'severity'; severity: SeverityLevel; impact: string; vendorDeclared?: boolean }
  | { type: 'escalate'; resolverGroup: string; reason?: string }
  | { type: 'deescalate'; reason?: string }
  | { type: 'resolve'; kind: 'resolution' | 'workaround'; text: string }
  | { type: 'reopen'; reason: string }
  | { type: 'close'; note?: string }
  | { type: 'archive' }
  | VendorAction
  | ClosureAction;

export type IncidentActionType = IncidentAction['type'];

/**
 * Actions whose meaning depends on the state the person saw (changing a severity they read
 * as B, resolving what they read as open): the service refuses them as a conflict when the
 * incident changed since. Acknowledge and status updates add to whatever is current.
 */
export const VIEW_SENSITIVE_ACTIONS: ReadonlySet<IncidentActionType> = new Set(['severity', 'escalate', 'deescalate', 'resolve', 'reopen', 'close', 'archive', 'vendor-escalate']);

export type Transition = { ok: true; incident: Incident; entries: TimelineEntry[] } | { ok: false; reason: string };

const STATE_WORDS: Record<IncidentState, string> = {
  recorded: 'recorded and waiting for its first response',
  classified: 'acknowledged',
  investigating: 'under investigation',
  resolved: 'resolved',
  closed: 'closed',
  archived: 'archived',
};

function refuse(reason: string): Transition {
  return { ok: false, reason };
}

export function requireText(text: unknown, what: string, max: number, min = 3): string | { error: string } {
  const r = checkFreeText(text, { label: `${what.charAt(0).toUpperCase()}${what.slice(1)}`, max, min, multiline: true, whenMissing: `Please write ${what}.` });
  return r.ok ? r.value : { error: r.error };
}

/** Checks an action that arrived from outside (card data) has the right shape. */
export function parseIncidentAction(input: unknown): IncidentAction | { error: string } {
  if (!input || typeof input !== 'object') return { error: 'No action was given.' };
  const a = input as Record<string, unknown>;
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  switch (a.type) {
    case 'acknowledge':
    case 'archive':
      return { type: a.type };
    case 'update':
      return { type: 'update', text: str('text') };
    case 'severity':
      if (!isSeverityLevel(a.severity)) return { error: 'Choose a severity: 1, A, B, C or D.' };
      return { type: 'severity', severity: a.severity, impact: str('impact'), vendorDeclared: a.vendorDeclared === true || a.vendorDeclared === 'true' };
    case 'escalate':
      return { type: 'escalate', resolverGroup: str('resolverGroup'), reason: str('reason') || undefined };
    case 'deescalate':
      return { type: 'deescalate', reason: str('reason') || undefined };
    case 'resolve':
      if (a.kind !== 'resolution' && a.kind !== 'workaround') return { error: 'Say whether this is a resolution or a workaround.' };
      return { type: 'resolve', kind: a.kind, text: str('text') };
    case 'reopen':
      return { type: 'reopen', reason: str('reason') };
    case 'close':
      return { type: 'close', note: str('note') || undefined };
    default:
      return parseVendorAction(a) ?? parseClosureAction(a) ?? { error: `"${String(a.type)}" is not something you can do to an incident.` };
  }
}

/**
 * Applies one action by `actor` at `now`; refuses illegal transitions with the reason.
 * `timeZone` reads the wall times a card gives (when the vendor responded, the expected resolution).
 */
export function applyAction(incident: Incident, action: IncidentAction, actor: Person, now: Date, policy: SeverityPolicy, timeZone = 'UTC'): Transition {
  const at = now.toISOString();
  const state = incident.state;
  if (state === 'archived') return refuse(`${incident.id} is archived; archived incidents are kept read-only.`);
  const step = stepFor({ incident, actor, now, at, state, rule: policy.rules[incident.severity], policy, timeZone }, action);
  if ('refused' in step) return refuse(step.refused);
  // Every action writes exactly one timeline entry, numbered after the ones before.
  const seq = incident.timelineCount + 1;
  const entry: TimelineEntry = { incidentId: incident.id, seq, at, actor, kind: step.kind, summary: step.summary, ...step.extra };
  const next: Incident = step.next;
  next.timelineCount = seq;
  next.version = incident.version + 1;
  next.updatedAt = at;
  return { ok: true, incident: next, entries: [entry] };
}

/** What one action makes of the incident, before it is numbered and versioned. */
export type Step = { next: Incident; kind: TimelineKind; summary: string; extra?: Partial<TimelineEntry> } | { refused: string };

export interface StepContext {
  incident: Incident;
  actor: Person;
  now: Date;
  /** `now` as ISO. */
  at: string;
  state: IncidentState;
  /** The rule of the incident's current severity. */
  rule: SeverityRule;
  policy: SeverityPolicy;
  timeZone: string;
}

function stepFor(cx: StepContext, action: IncidentAction): Step {
  switch (action.type) {
    case 'acknowledge':
      return acknowledge(cx);
    case 'update':
      return postUpdate(cx, action.text);
    case 'severity':
      return changeSeverity(cx, action);
    case 'escalate':
      return escalate(cx, action);
    case 'deescalate':
      return deescalate(cx, action.reason);
    case 'resolve':
      return resolve(cx, action);
    case 'reopen':
      return reopen(cx, action.reason);
    case 'close':
      return close(cx, action.note);
    case 'archive':
      return archive(cx);
    case 'vendor-escalate':
    case 'vendor-accept':
    case 'vendor-update':
    case 'outage-details':
      return vendorStep(cx, action);
    case 'confirm-resolved':
    case 'not-fixed':
    case 'satisfaction':
      return closureStep(cx, action);
  }
}

/** The reminders a new communication of ours makes moot: all but the first-response and the vendor's. */
function keptReminders(incident: Incident): string[] {
  return incident.remindersSent.filter((k) => k.startsWith('response-overdue@') || k.startsWith('vendor-'));
}

/**
 * When our next update is due. Seed 003: for severity B and C only the vendor owes updates
 * (every 24 and 72 hours), so once the case is with the vendor we owe none on its rhythm; for
 * 1 and A both sides update each other, so ours keeps running.
 */
export function ownUpdateDue(incident: Pick<Incident, 'vendorCase'>, rule: SeverityRule, from: Date): Date | null {
  return incident.vendorCase && !rule.updatesBothWays ? null : nextUpdateDue(rule, from);
}

function acknowledge({ incident, actor, now, at, state }: StepContext): Step {
  if (state !== 'recorded') return { refused: `${incident.id} was already acknowledged${incident.owner ? ` by ${incident.owner.name}` : ''}; it is ${STATE_WORDS[state]}.` };
  const due = incident.responseDueAt;
  const met = due ? (now.getTime() <= Date.parse(due) ? 'within the response goal' : 'after the response goal') : 'no response goal';
  return {
    next: { ...incident, state: 'classified', acknowledgedAt: at, owner: incident.owner ?? actor },
    kind: 'acknowledged',
    summary: `Acknowledged by ${actor.name} (${met})`,
    extra: { from: state, to: 'classified' },
  };
}

function postUpdate({ incident, actor, now, at, state, rule }: StepContext, input: string): Step {
  if (!isOpen(state)) return { refused: `${incident.id} is ${STATE_WORDS[state]}; status updates are for open incidents. Reopen it first if the problem is back.` };
  if (state === 'recorded') return { refused: `Acknowledge ${incident.id} first, so the initial response is on record; then post the update.` };
  const text = requireText(input, 'the status update', TEXT_LIMITS.update);
  if (typeof text !== 'string') return { refused: text.error };
  const onTime = !incident.nextUpdateDueAt || now.getTime() <= Date.parse(incident.nextUpdateDueAt);
  const due = ownUpdateDue(incident, rule, now);
  return {
    next: {
      ...incident,
      state: 'investigating',
      lastUpdateAt: at,
      lastUpdateText: text,
      lastUpdateBy: actor,
      nextUpdateDueAt: due?.toISOString(),
      updatesTotal: incident.updatesTotal + 1,
      updatesOnTime: incident.updatesOnTime + (onTime ? 1 : 0),
      remindersSent: keptReminders(incident),
    },
    kind: 'update',
    summary: `Status update by ${actor.name}${onTime ? '' : ' (late)'}`,
    extra: { text, from: state, to: 'investigating' },
  };
}

function changeSeverity({ incident, now, state, rule, policy }: StepContext, action: Extract<IncidentAction, { type: 'severity' }>): Step {
  if (!isOpen(state)) return { refused: `${incident.id} is ${STATE_WORDS[state]}; the severity of a finished incident cannot change.` };
  if (action.severity === incident.severity) return { refused: `${incident.id} is already severity ${severityLabel(rule)}.` };
  const target = policy.rules[action.severity];
  if (target.declaredBy === 'vendor' && !action.vendorDeclared)
    return { refused: `Only the vendor can declare severity ${severityLabel(target)}. Record it when the vendor has raised it (tick "declared by the vendor").` };
  const impact = requireText(action.impact, 'an updated business impact statement', TEXT_LIMITS.impact, 10);
  if (typeof impact !== 'string') return { refused: `${impact.error} A severity change needs one.` };
  if (impact === incident.impact) return { refused: 'The business impact statement is unchanged; say what is different now that justifies the new severity.' };
  // The new impact statement is itself a communication: the new cadence runs from now.
  const due = ownUpdateDue(incident, target, now);
  const next: Incident = {
    ...incident,
    ...(incident.vendorCase ? { vendorCase: withVendorCadence(incident.vendorCase, target, now) } : {}),
    severity: action.severity,
    highestSeverity: mostSevere(highestSeverityOf(incident), action.severity),
    impact,
    nextUpdateDueAt: due?.toISOString(),
    remindersSent: keptReminders(incident),
  };
  if (state === 'recorded') next.responseDueAt = responseDue(target, clockStart(incident))?.toISOString();
  return {
    next,
    kind: 'severity-changed',
    summary: `Severity ${severityLabel(rule)} → ${severityLabel(target)}${action.vendorDeclared ? ' (declared by the vendor)' : ''}`,
    extra: { text: impact, from: incident.severity, to: action.severity },
  };
}

function escalate({ incident, actor, state }: StepContext, action: Extract<IncidentAction, { type: 'escalate' }>): Step {
  if (state === 'recorded') return { refused: `Acknowledge ${incident.id} before escalating it, so the initial response is on record.` };
  if (!isOpen(state)) return { refused: `${incident.id} is ${STATE_WORDS[state]}; only open incidents can be escalated.` };
  const group = requireText(action.resolverGroup, 'the resolver group to escalate to', TEXT_LIMITS.resolverGroup, 2);
  if (typeof group !== 'string') return { refused: group.error };
  if (group === incident.resolverGroup) return { refused: `${incident.id} is already with ${group}.` };
  return {
    next: { ...incident, state: 'investigating', resolverGroup: group, escalationLevel: incident.escalationLevel + 1 },
    kind: 'escalated',
    summary: `Escalated to ${group} by ${actor.name}`,
    extra: { text: action.reason, from: incident.resolverGroup ?? '', to: group },
  };
}

function deescalate({ incident, actor, state }: StepContext, reason: string | undefined): Step {
  if (!isOpen(state)) return { refused: `${incident.id} is ${STATE_WORDS[state]}; only open incidents can be de-escalated.` };
  if (incident.escalationLevel === 0) return { refused: `${incident.id} has not been escalated, so there is nothing to de-escalate.` };
  const level = incident.escalationLevel - 1;
  return {
    next: { ...incident, escalationLevel: level, resolverGroup: level === 0 ? undefined : incident.resolverGroup },
    kind: 'de-escalated',
    summary: `De-escalated by ${actor.name}${level === 0 ? ' back to the first-line owner' : ''}`,
    extra: { text: reason, from: incident.resolverGroup ?? '' },
  };
}

function resolve({ incident, actor, at, state }: StepContext, action: Extract<IncidentAction, { type: 'resolve' }>): Step {
  if (state === 'recorded') return { refused: `Acknowledge ${incident.id} first; an incident is resolved after it has been worked on.` };
  if (!isOpen(state)) return { refused: `${incident.id} is already ${STATE_WORDS[state]}.` };
  const text = requireText(action.text, action.kind === 'workaround' ? 'the workaround' : 'the resolution', TEXT_LIMITS.resolution);
  if (typeof text !== 'string') return { refused: text.error };
  return {
    // The requester is asked to confirm the fix (see closure-steps.ts).
    next: { ...incident, state: 'resolved', resolvedAt: at, resolution: { kind: action.kind, text }, nextUpdateDueAt: undefined, validation: { requestedAt: at } },
    kind: 'resolved',
    summary: `${action.kind === 'workaround' ? 'Workaround in place' : 'Resolved'} (${actor.name})`,
    extra: { text, from: state, to: 'resolved' },
  };
}

function reopen({ incident, actor, now, state, rule }: StepContext, input: string): Step {
  if (state !== 'resolved') return { refused: `Only a resolved incident can be reopened; ${incident.id} is ${STATE_WORDS[state]}.` };
  const reason = requireText(input, 'why the incident is reopened', TEXT_LIMITS.note);
  if (typeof reason !== 'string') return { refused: reason.error };
  return {
    next: { ...incident, state: 'investigating', resolvedAt: undefined, resolution: undefined, nextUpdateDueAt: ownUpdateDue(incident, rule, now)?.toISOString(), remindersSent: incident.remindersSent.filter((k) => k.startsWith('vendor-')), validation: undefined },
    kind: 'reopened',
    summary: `Reopened by ${actor.name}`,
    extra: { text: reason, from: state, to: 'investigating' },
  };
}

function close({ incident, actor, at, state }: StepContext, note: string | undefined): Step {
  if (state !== 'resolved') return { refused: `${incident.id} is ${STATE_WORDS[state]}; resolve it (with a resolution or a workaround) before closing it.` };
  // The desk may close without the requester (who may be away); the timeline says so.
  const unconfirmed = !incident.validation?.confirmedAt && actor.id !== incident.recordedBy.id;
  return { next: { ...incident, state: 'closed', closedAt: at }, kind: 'closed', summary: `Closed by ${actor.name}${unconfirmed ? ' without the requester\'s confirmation' : ''}`, extra: { text: note, from: state, to: 'closed' } };
}

function archive({ incident, actor, at, state }: StepContext): Step {
  if (state !== 'closed') return { refused: `${incident.id} is ${STATE_WORDS[state]}; only closed incidents are archived.` };
  return { next: { ...incident, state: 'archived', archivedAt: at }, kind: 'archived', summary: `Archived by ${actor.name}`, extra: { from: state, to: 'archived' } };
}
