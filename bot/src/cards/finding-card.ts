import { category as categoryInfo, DEFAULT_ROLE_NAMES } from '../domain/findings/catalog';
import { describeFields, draftTargetCheck } from '../domain/findings/draft';
import { allowedActions, type Finding, type HistoryEntry, isOverdue, STATUS_LABELS } from '../domain/findings/finding';
import type { TargetRow } from '../domain/findings/targets';
import template from './templates/finding.json';
import { expandTemplate } from './template';
import { clip, execute, FINDING_VERBS, refreshFor } from './finding-verbs';
import { type MentionTarget, personText, withMentionEntities } from './mention';
import { CHANGE_VERBS } from './change-verbs';
import { linkToProblemAction, type OpenProblemChoice } from './problem-link-action';

export interface FindingCardInput {
  finding: Finding;
  /** Newest first; the card shows the latest five. */
  history?: readonly HistoryEntry[];
  now: Date;
  /** Teams user ids that get the card refreshed automatically (the conversation's members, ≤ 60). */
  refreshUserIds?: readonly string[];
  /** Role map for the reassign choices. */
  roles?: readonly string[];
  /** A line above the history, e.g. "Someone else changed this a moment ago; try again." */
  message?: string;
  targets?: readonly TargetRow[];
  /** The owning team's contact: @mentioned when the product knows their id, else shown by name. */
  contact?: MentionTarget;
  /** Open problems offered by "Link to problem" (a number can be typed too). */
  openProblems?: readonly OpenProblemChoice[];
}

const STATUS_COLOR: Record<Finding['status'], string> = {
  new: 'Accent', accepted: 'Accent', 'in-remediation': 'Warning', remediated: 'Good', verified: 'Good', 'wont-fix': 'Default',
};
const HISTORY_SHOWN = 5;

export function renderFindingCard(input: FindingCardInput): Record<string, unknown> {
  const f = input.finding;
  const base = { findingId: f.id, etag: f.etag ?? '' };
  const cmp = draftTargetCheck(f, { targets: input.targets });
  const facts = describeFields(f).filter((x) => x.label !== 'Category').map((x) => ({ label: x.label, value: clip(x.value, 800) }));
  if (f.evidence) facts.push({ label: 'Evidence', value: clip(f.evidence, 2500) });
  facts.push({ label: 'Filed by', value: `${clip(f.createdBy.name, 300)} on ${f.createdAt.slice(0, 10)}` });
  if (f.dueAt) facts.push({ label: 'Due', value: f.dueAt.slice(0, 10) });

  const allowed = allowedActions(f.status);
  const actions: Record<string, unknown>[] = [];
  const simple: [typeof allowed[number], string][] = [['accept', 'Accept'], ['start', 'Start remediation'], ['remediated', 'Mark remediated'], ['verify', 'Verify fix'], ['reopen', 'Reopen']];
  for (const [a, title] of simple) if (allowed.includes(a)) actions.push(execute(title, FINDING_VERBS[a], base));
  if (allowed.includes('wontfix')) {
    actions.push(showCard("Won't fix", [
      { type: 'Input.Text', id: 'reason', label: "Why won't it be fixed?", isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: 'A reason is needed.' },
    ], execute("Close as won't fix", FINDING_VERBS.wontfix, base, { associatedInputs: 'auto' })));
  }
  if (allowed.includes('reassign')) {
    const roles = (input.roles?.length ? input.roles : DEFAULT_ROLE_NAMES).filter((r) => r !== f.owningRole);
    actions.push(showCard('Reassign', [
      { type: 'Input.ChoiceSet', id: 'owningRole', label: 'New owning team', isRequired: true, errorMessage: 'Choose a team.', choices: roles.map((r) => ({ title: clip(r, 200), value: r })) },
    ], execute('Reassign', FINDING_VERBS.reassign, base, { associatedInputs: 'auto' })));
  }
  actions.push(showCard('Add note', [
    { type: 'Input.Text', id: 'note', label: 'Note', isMultiline: true, maxLength: 2000, isRequired: true, errorMessage: 'Write the note first.' },
  ], execute('Add note', FINDING_VERBS.note, base, { associatedInputs: 'auto' })));

  const contact = input.contact ? personText(input.contact) : undefined;
  const card = expandTemplate(template, {
    refresh: refreshFor(f.id, input.refreshUserIds),
    title: `${f.id} · ${categoryInfo(f.category).short}`,
    categoryLabel: `${categoryInfo(f.category).label} · owned by ${f.owningRole}`,
    statusLabel: STATUS_LABELS[f.status],
    statusColor: STATUS_COLOR[f.status],
    overdue: isOverdue(f, input.now),
    description: clip(f.description, 9000),
    facts,
    comparison: cmp?.summary ?? '',
    comparisonColor: cmp?.above ? 'Attention' : 'Good',
    statusReason: f.statusReason ? clip(f.statusReason, 2500) : '',
    message: input.message ?? '',
    history: (input.history ?? []).slice(0, HISTORY_SHOWN).map((h) => ({
      when: h.at.slice(0, 16).replace('T', ' '),
      who: clip(h.actor.name, 200),
      what: h.summary,
      text: h.text ? `: ${clip(h.text, 500)}` : '',
    })),
    actions,
    hasContact: Boolean(contact),
    contact: contact?.text ?? '',
  });
  // Problem and change management, in the body: the card's foot holds at most five actions.
  const control: Record<string, unknown>[] = [linkToProblemAction('finding', f.id, input.openProblems)];
  // A remediation that changes production goes through change management.
  if (allowed.includes('remediated') || allowed.includes('start') || allowed.includes('accept')) {
    control.push({ type: 'Action.Execute', title: 'Raise a change', verb: CHANGE_VERBS.draft, data: { source: { kind: 'finding', id: f.id } }, associatedInputs: 'none' });
  }
  (card.body as unknown[]).push({ type: 'ActionSet', separator: true, actions: control });
  return withMentionEntities(card, [contact?.entity]);
}

function showCard(title: string, inputs: Record<string, unknown>[], submit: Record<string, unknown>): Record<string, unknown> {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: inputs, actions: [submit] } };
}
