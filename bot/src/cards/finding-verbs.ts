// Action.Execute verbs of findings, declared once. Data payloads (Action.Execute merges card
// inputs into data):
//   finding.accept | .start | .remediated | .verify | .reopen   { findingId, etag }
//   finding.wontfix      { findingId, etag, reason }          (reason: Input.Text on the card)
//   finding.reassign     { findingId, etag, owningRole }      (owningRole: Input.ChoiceSet)
//   finding.note         { findingId, etag, note }            (note: Input.Text)
//   finding.open | finding.refresh                 { findingId }
//   finding.list         { status?, category?, owningRole?, overdue?, continuationToken? }
//   finding.confirm | finding.discard              { draftId }
//   finding.edit         { draftId } + input editStep (the answer to ask again)
//   finding.import.confirm { importId, keys: string[] } + toggles p0..pN ("true"/"false"); see selectedProposalKeys
//   finding.import.all     { importId }
//   finding.import.discard { importId }
//   finding.import.verify  { importId, findingId }            (the import's "back within target": verify it)
//   finding.settings.open  {}                                 (the workspace's quality settings card)
//   finding.settings.save  { etag? } + inputs t<row>_<psr|setup|drop>, due_<status>; see parseSettingsInputs
//   finding.settings.reset {}
import type { FindingAction, FindingActionType } from '../domain/findings/finding';

export const FINDING_VERBS = {
  accept: 'finding.accept',
  start: 'finding.start',
  remediated: 'finding.remediated',
  verify: 'finding.verify',
  reopen: 'finding.reopen',
  wontfix: 'finding.wontfix',
  reassign: 'finding.reassign',
  note: 'finding.note',
  open: 'finding.open',
  refresh: 'finding.refresh',
  list: 'finding.list',
  confirm: 'finding.confirm',
  edit: 'finding.edit',
  discard: 'finding.discard',
  importConfirm: 'finding.import.confirm',
  importAll: 'finding.import.all',
  importDiscard: 'finding.import.discard',
  importVerify: 'finding.import.verify',
  settingsOpen: 'finding.settings.open',
  settingsSave: 'finding.settings.save',
  settingsReset: 'finding.settings.reset',
} as const;
export type FindingVerb = (typeof FINDING_VERBS)[keyof typeof FINDING_VERBS];

/** Verb → the domain action it performs (for the card-action route). */
export const VERB_ACTION: Partial<Record<FindingVerb, FindingActionType>> = {
  'finding.accept': 'accept',
  'finding.start': 'start',
  'finding.remediated': 'remediated',
  'finding.verify': 'verify',
  'finding.reopen': 'reopen',
  'finding.wontfix': 'wontfix',
  'finding.reassign': 'reassign',
  'finding.note': 'note',
};

/**
 * The domain action a finding card button asks for, read from the card's data and inputs (the
 * same for the chat's card route and the tab's): the action, the reason it can't be read (a
 * message for the person), or undefined when the verb does not change a finding.
 * Lengths are checked by the domain with a readable message; only the types are checked here.
 */
export function findingActionOf(verb: string, data: Record<string, unknown>): FindingAction | string | undefined {
  const type = VERB_ACTION[verb as FindingVerb];
  switch (type) {
    case undefined: return undefined;
    case 'wontfix': return typeof data.reason === 'string' ? { type, reason: data.reason } : 'Say why it won\'t be fixed.';
    case 'reassign': return typeof data.owningRole === 'string' ? { type, owningRole: data.owningRole } : 'Choose the new owning team.';
    case 'note': return typeof data.note === 'string' ? { type, text: data.note } : 'Write the note first.';
    default: return { type };
  }
}

export function execute(title: string, verb: FindingVerb, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data, ...extra };
}

/** Teams refreshes a card automatically for at most 60 listed users; others get a refresh button. */
export const MAX_REFRESH_USERS = 60;

export function refreshFor(findingId: string, userIds?: readonly string[]): Record<string, unknown> | undefined {
  if (!userIds) return undefined;
  return { action: { type: 'Action.Execute', verb: FINDING_VERBS.refresh, data: { findingId } }, userIds: [...new Set(userIds)].slice(0, MAX_REFRESH_USERS) };
}

/** Cuts user text to a UTF-8 byte budget (as it will be serialized) so a card stays under 25 KB. */
export function clip(text: string, maxBytes: number): string {
  const size = (s: string) => Buffer.byteLength(JSON.stringify(s), 'utf8');
  if (size(text) <= maxBytes) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(text.slice(0, mid)) <= maxBytes - 60) lo = mid;
    else hi = mid - 1;
  }
  let cut = lo;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // never half an emoji
  return `${text.slice(0, cut)} … (${(text.length - cut).toLocaleString('en-US')} more characters)`;
}
