// The rules of a problem record as pure functions: what a new problem needs, and what each
// action (record the root cause, record the known error, change status, link, unlink, owner)
// may do. Every refusal is a sentence a person can act on.
import { parseFindingId, formatFindingId } from '../findings/finding';
import { parseSrNumber } from '../incidents/incident';
import { type Actor, invalid, okOf, type Outcome, OpsValidationError, textField, validated } from '../ops/common';
import type { Workspace } from '../workspace';
import {
  isOpenProblem, type LinkKind, type Problem, PROBLEM_LIMITS, PROBLEM_STATUS_LABELS, PROBLEM_STATUSES, PROBLEM_TRANSITIONS, type ProblemStatus,
} from './problem';

export type ProblemAction =
  | { type: 'rca'; text: string }
  | { type: 'known-error'; description: string; workaround: string }
  | { type: 'status'; status: ProblemStatus }
  | { type: 'link'; kind: LinkKind; ref: string }
  | { type: 'unlink'; kind: LinkKind; ref: string }
  | { type: 'owner'; owner: string }
  | { type: 'change'; changeId: string };

export interface NewProblemInput {
  title: unknown;
  owner?: unknown;
  /** A record the problem is raised from: linked at once. */
  from?: { kind: LinkKind; ref: string };
}

/** SR-202611-0003 or QF-0012, normalised; undefined when the text is neither of its kind. */
export function normaliseRef(kind: LinkKind, text: string): string | undefined {
  if (kind === 'incident') return parseSrNumber(text) ? text.trim().toUpperCase() : undefined;
  const f = parseFindingId(text.trim().replace(/\s+/, '-'));
  return f && f.prefix === 'QF' && f.number > 0 ? formatFindingId('QF', f.number) : undefined;
}

/** Which kind a typed reference is: an SR number is an incident, a QF number a finding. */
export function refKind(text: string): LinkKind | undefined {
  if (normaliseRef('incident', text)) return 'incident';
  if (normaliseRef('finding', text)) return 'finding';
  return undefined;
}

function ownerField(value: unknown, roles: readonly string[]): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) return undefined;
  const owner = textField('The owner', value, PROBLEM_LIMITS.owner);
  const role = roles.find((r) => r.trim().toLowerCase() === owner.trim().toLowerCase());
  if (!role) throw new OpsValidationError(`The owner must be a role of the role map (${roles.slice(0, 6).join(', ')}${roles.length > 6 ? ', …' : ''}).`);
  return role;
}

export function newProblem(input: NewProblemInput, ctx: { workspace: Workspace; id: string; number: number; actor: Actor; now: Date; roles: readonly string[] }): Outcome<Problem> {
  return validated(() => {
    const title = textField('The title', input.title, PROBLEM_LIMITS.title);
    if (title.length < 3) throw new OpsValidationError('The title needs at least 3 characters: say what keeps going wrong.');
    const owner = ownerField(input.owner, ctx.roles);
    const stamp = { by: ctx.actor, at: ctx.now.toISOString() };
    const from = input.from;
    return {
      id: ctx.id, number: ctx.number, workspace: ctx.workspace, title, status: 'new' as const,
      ...(owner ? { owner } : {}),
      incidents: from?.kind === 'incident' ? [from.ref] : [],
      findings: from?.kind === 'finding' ? [from.ref] : [],
      changes: [], created: stamp, updated: stamp,
      history: [{ ...stamp, text: from ? `Raised from ${from.ref}` : 'Recorded' }],
    };
  });
}

/** Parses a status as cards and commands send it ("known-error", "known error"). */
export function parseProblemStatus(value: unknown): ProblemStatus | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase().replace(/\s+/g, '-') : '';
  return PROBLEM_STATUSES.find((s) => s === v);
}

function links(p: Problem, kind: LinkKind): string[] {
  return kind === 'incident' ? p.incidents : p.findings;
}

function transition(p: Problem, to: ProblemStatus): string | undefined {
  if (p.status === to) return `${p.id} is already ${PROBLEM_STATUS_LABELS[to].toLowerCase()}.`;
  if (!PROBLEM_TRANSITIONS[p.status].includes(to)) {
    const next = PROBLEM_TRANSITIONS[p.status].map((s) => PROBLEM_STATUS_LABELS[s].toLowerCase());
    return `A ${PROBLEM_STATUS_LABELS[p.status].toLowerCase()} problem cannot become ${PROBLEM_STATUS_LABELS[to].toLowerCase()}${next.length ? `; it can become ${next.join(' or ')}` : ''}.`;
  }
  // A known error is one whose cause is documented and has a workaround (seed 002's known-error database).
  if (to === 'known-error' && !p.knownError) return 'Record the known error and its workaround first.';
  // Resolving means the root cause was found and removed: the analysis comes first.
  if (to === 'resolved' && !p.rootCause) return 'Record the root cause analysis before resolving the problem.';
  return undefined;
}

/** Applies one action; refusals leave the problem as it was. */
export function applyProblemAction(p: Problem, action: ProblemAction, actor: Actor, now: Date, roles: readonly string[] = []): Outcome<{ problem: Problem; summary: string }> {
  const stamp = { by: actor, at: now.toISOString() };
  const done = (next: Partial<Problem>, summary: string) => okOf({
    problem: { ...p, ...next, updated: stamp, history: [{ ...stamp, text: summary }, ...p.history].slice(0, PROBLEM_LIMITS.history) },
    summary,
  });
  if (!isOpenProblem(p.status) && action.type !== 'status' && action.type !== 'change') return invalid(`${p.id} is ${PROBLEM_STATUS_LABELS[p.status].toLowerCase()}: investigate it again before changing it.`);
  switch (action.type) {
    case 'rca': {
      const r = validated(() => textField('The root cause', action.text, PROBLEM_LIMITS.rootCause, { multiline: true }));
      if (!r.ok) return invalid(r.message);
      // Recording the analysis means someone is investigating: a new problem moves on by itself.
      return done({ rootCause: { text: r.value, ...stamp }, ...(p.status === 'new' ? { status: 'investigating' as const } : {}) }, 'Root cause recorded');
    }
    case 'known-error': {
      const r = validated(() => ({
        description: textField('The known error', action.description, PROBLEM_LIMITS.knownError, { multiline: true }),
        workaround: textField('The workaround', action.workaround, PROBLEM_LIMITS.workaround, { multiline: true }),
      }));
      if (!r.ok) return invalid(r.message);
      return done({ knownError: { ...r.value, ...stamp }, status: 'known-error' }, 'Known error and workaround recorded');
    }
    case 'status': {
      const why = transition(p, action.status);
      return why ? invalid(why) : done({ status: action.status }, `Status: ${PROBLEM_STATUS_LABELS[action.status]}`);
    }
    case 'link': {
      const list = links(p, action.kind);
      if (list.includes(action.ref)) return invalid(`${action.ref} is already linked to ${p.id}.`);
      if (list.length >= PROBLEM_LIMITS.links) return invalid(`${p.id} already has ${PROBLEM_LIMITS.links} linked ${action.kind}s.`);
      return done(action.kind === 'incident' ? { incidents: [...list, action.ref] } : { findings: [...list, action.ref] }, `Linked ${action.ref}`);
    }
    case 'unlink': {
      const list = links(p, action.kind);
      if (!list.includes(action.ref)) return invalid(`${action.ref} is not linked to ${p.id}.`);
      const rest = list.filter((r) => r !== action.ref);
      return done(action.kind === 'incident' ? { incidents: rest } : { findings: rest }, `Unlinked ${action.ref}`);
    }
    case 'owner': {
      const r = validated(() => ownerField(action.owner, roles));
      if (!r.ok) return invalid(r.message);
      if (!r.value) return invalid('Choose the owning role.');
      return done({ owner: r.value }, `Owner: ${r.value}`);
    }
    case 'change':
      return p.changes.includes(action.changeId) ? okOf({ problem: p, summary: '' }) : done({ changes: [...p.changes, action.changeId] }, `Change ${action.changeId} raised`);
  }
}
