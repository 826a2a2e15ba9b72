// The problem card: what keeps going wrong, its status and owner, the linked incidents and
// findings, the root cause and the known error with its workaround, the changes raised, and
// the actions the status allows. User text goes into TextRuns, so it is shown literally.
import { isOpenProblem, type Problem, PROBLEM_LIMITS, PROBLEM_STATUS_LABELS, PROBLEM_TRANSITIONS } from '../domain/problems/problem';
import { CHANGE_VERBS } from './change-verbs';
import { clip, execute } from './ops-card-parts';
import { PROBLEM_INPUTS as IN, PROBLEM_VERBS as V } from './problem-verbs';
import { expandTemplate } from './template';
import template from './templates/problem.json';

export interface ProblemCardInput {
  problem: Problem;
  /** The role map's names, for the owner choice. */
  roles: readonly string[];
  /** A line above the facts: what was done, or why nothing was. */
  message?: string;
  /** Refused or conflicting: shown as a warning. */
  warning?: boolean;
  /** After an unlink: the link to restore with "Undo". */
  undo?: { kind: 'incident' | 'finding'; ref: string };
  timeZone?: string;
}

const STATUS_COLOR: Record<Problem['status'], string> = { new: 'Accent', investigating: 'Warning', 'known-error': 'Warning', resolved: 'Good', closed: 'Default' };
const HISTORY_SHOWN = 5;
/** Linked records named on the card, and offered as choices to unlink (beyond that, typed). */
const LINKS_SHOWN = 20;
const UNLINK_CHOICES = 30;
const ROLE_CHOICES = 40;

const showCard = (title: string, body: Record<string, unknown>[], submit: Record<string, unknown>) => ({ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions: [submit] } });
const stamped = (s: { by: { name: string }; at: string }) => `${clip(s.by.name, 100)}, ${s.at.slice(0, 16).replace('T', ' ')} UTC`;

function facts(p: Problem): { label: string; value: string }[] {
  const list = (xs: readonly string[]) => (!xs.length ? 'none' : xs.length <= LINKS_SHOWN ? xs.join(', ') : `${xs.slice(0, LINKS_SHOWN).join(', ')} and ${xs.length - LINKS_SHOWN} more`);
  return [
    { label: 'Owner', value: p.owner ?? 'not assigned yet' },
    { label: 'Incidents', value: list(p.incidents) },
    { label: 'Findings', value: list(p.findings) },
    { label: 'Changes', value: list(p.changes) },
    { label: 'Recorded', value: stamped(p.created) },
  ];
}

function sections(p: Problem): { heading: string; text: string; by: string }[] {
  const out: { heading: string; text: string; by: string }[] = [];
  if (p.rootCause) out.push({ heading: 'Root cause', text: clip(p.rootCause.text, PROBLEM_LIMITS.rootCause), by: stamped(p.rootCause) });
  if (p.knownError) {
    out.push({ heading: 'Known error', text: clip(p.knownError.description, PROBLEM_LIMITS.knownError), by: stamped(p.knownError) });
    out.push({ heading: 'Workaround', text: clip(p.knownError.workaround, PROBLEM_LIMITS.workaround), by: '' });
  }
  return out;
}

function editActions(p: Problem, base: Record<string, string>): Record<string, unknown>[] {
  return [
    showCard('Root cause', [
      { type: 'Input.Text', id: IN.rootCause, label: 'Root cause analysis: what causes the incidents?', isMultiline: true, maxLength: PROBLEM_LIMITS.rootCause, isRequired: true, errorMessage: 'Write the root cause first.' },
    ], execute('Record root cause', V.rca, base, { associatedInputs: 'auto' })),
    showCard('Known error', [
      { type: 'Input.Text', id: IN.knownError, label: 'Known error: the documented fault', isMultiline: true, maxLength: PROBLEM_LIMITS.knownError, isRequired: true, errorMessage: 'Describe the known error.' },
      { type: 'Input.Text', id: IN.workaround, label: 'Workaround until it is fixed', isMultiline: true, maxLength: PROBLEM_LIMITS.workaround, isRequired: true, errorMessage: 'Give the workaround.' },
    ], execute('Record known error', V.knownError, base, { associatedInputs: 'auto' })),
  ];
}

/** Links and owner: in the body, as a card shows at most five actions at its foot. */
function linkActions(p: Problem, base: Record<string, string>, roles: readonly string[]): Record<string, unknown>[] {
  const linked = [...p.incidents, ...p.findings];
  return [
    showCard('Link', [
      { type: 'Input.Text', id: IN.linkRef, label: 'Incident (SR-…) or finding (QF-…) number', maxLength: 40, isRequired: true, errorMessage: 'Type an SR or QF number.' },
    ], execute('Link', V.link, base, { associatedInputs: 'auto' })),
    ...(linked.length ? [showCard('Unlink', [
      linked.length <= UNLINK_CHOICES
        ? { type: 'Input.ChoiceSet', id: IN.unlinkRef, label: 'Unlink', isRequired: true, errorMessage: 'Choose what to unlink.', value: linked[0], choices: linked.map((r) => ({ title: r, value: r })) }
        : { type: 'Input.Text', id: IN.unlinkRef, label: 'Unlink: the SR or QF number', maxLength: 40, isRequired: true, errorMessage: 'Type the number to unlink.' },
    ], execute('Unlink', V.unlink, base, { associatedInputs: 'auto' }))] : []),
    ...(roles.length ? [showCard('Owner', [
      { type: 'Input.ChoiceSet', id: IN.owner, label: 'Owning role (from the role map)', isRequired: true, errorMessage: 'Choose a role.', value: p.owner ?? roles[0], choices: roles.slice(0, ROLE_CHOICES).map((r) => ({ title: clip(r, 60), value: r })) },
    ], execute('Set owner', V.owner, base, { associatedInputs: 'auto' }))] : []),
  ];
}

export function renderProblemCard(input: ProblemCardInput): Record<string, unknown> {
  const p = input.problem;
  const base = { problemId: p.id, etag: p.etag ?? '' };
  const next = PROBLEM_TRANSITIONS[p.status];
  const actions: Record<string, unknown>[] = isOpenProblem(p.status) ? editActions(p, base) : [];
  if (next.length) {
    actions.push(showCard('Status', [
      { type: 'Input.ChoiceSet', id: IN.status, label: 'New status', isRequired: true, errorMessage: 'Choose a status.', value: next[0], choices: next.map((s) => ({ title: PROBLEM_STATUS_LABELS[s], value: s })) },
    ], execute('Change status', V.status, base, { associatedInputs: 'auto' })));
  }
  // Seed 002: problem management and change management together remove recurring problems for good.
  if (isOpenProblem(p.status)) actions.push(execute('Raise a change', CHANGE_VERBS.draft, { source: { kind: 'problem', id: p.id } }, { associatedInputs: 'none' }));
  actions.push(execute('Refresh', V.refresh, { problemId: p.id }, { associatedInputs: 'none' }));
  return expandTemplate(template, {
    heading: `${p.id} · Problem`,
    title: clip(p.title, PROBLEM_LIMITS.title),
    statusLabel: PROBLEM_STATUS_LABELS[p.status],
    statusColor: STATUS_COLOR[p.status],
    flag: p.incidents.length > 1 ? `${p.incidents.length} incidents` : '',
    message: input.message ?? '',
    messageColor: input.warning ? 'Warning' : 'Good',
    links: isOpenProblem(p.status) ? linkActions(p, base, input.roles) : [],
    undo: input.undo ? [execute(`Undo: link ${input.undo.ref} again`, V.link, { ...base, kind: input.undo.kind, ref: input.undo.ref }, { associatedInputs: 'none' })] : [],
    facts: facts(p),
    sections: sections(p),
    history: p.history.slice(0, HISTORY_SHOWN).map((h) => ({ when: h.at.slice(0, 16).replace('T', ' '), who: clip(h.by.name, 100), what: h.text })),
    actions,
  });
}
