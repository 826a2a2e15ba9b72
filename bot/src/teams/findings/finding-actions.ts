// Every finding card verb (cards/finding-verbs.ts) but the dialog's finding.confirm / .edit /
// .discard, which the form runner answers: declared once for the chat and the findings board.
// Card data is untrusted: each field is read here, every change goes through FindingService's
// rules and ETag checks.
import { selectedProposalKeys } from '../../cards/finding-import-card';
import { parseListFilter, renderFindingListCard, toServiceFilter } from '../../cards/finding-list-card';
import { FINDING_VERBS as V, findingActionOf, type FindingVerb } from '../../cards/finding-verbs';
import { type CardData, str } from '../../domain/card-data';
import { DEFAULT_ROLE_NAMES } from '../../domain/findings/catalog';
import { parseFindingId } from '../../domain/findings/finding';
import type { FindingService } from '../../domain/findings/finding-service';
import { ActionRegistry, badRequest, type CardAction, defineAction, refuse, type Refusal } from '../card-actions';
import type { FindingPresenter } from './finding-presenter';
import { QUALITY_ACTIONS } from './quality-actions';
import type { QualitySettingsService } from '../../domain/findings/quality-settings-service';

export const CONFLICT_MESSAGE = 'Someone changed this finding; here is the latest — try again.';
export const LIST_PAGE_SIZE = 10;

export interface FindingActionDeps {
  service: FindingService;
  presenter: FindingPresenter;
  clock: () => Date;
  /** The workspace's quality settings (targets, time boxes); without it the settings card says it is unavailable. */
  settings?: QualitySettingsService;
}

type Make = (deps: FindingActionDeps) => CardAction;

/** The verbs that change a finding (FindingService.act). */
const CHANGE_VERBS = [V.accept, V.start, V.remediated, V.verify, V.reopen, V.wontfix, V.reassign, V.note] as const;

function findingIdOf(d: CardData): string | Refusal {
  const id = str(d.findingId, 40);
  return id && parseFindingId(id) ? id.trim().toUpperCase() : badRequest('This card does not name a finding.');
}

const importIdOf = (d: CardData): string | Refusal => str(d.importId, 200) ?? badRequest('This card does not name an import.');

const change = (verb: FindingVerb): Make => ({ service, presenter }) => defineAction({
  verb,
  parse(d) {
    const id = findingIdOf(d);
    if (typeof id !== 'string') return id;
    const action = findingActionOf(verb, d) ?? `The button ${verb} does not change a finding.`;
    return typeof action === 'string' ? refuse(action) : { id, action, etag: str(d.etag, 300) || undefined };
  },
  async run({ id, action, etag }, ctx) {
    const actor = { id: ctx.actor.id, name: ctx.actor.name };
    const result = await service.act(ctx.workspace, id, action, actor, { ...(etag ? { expectedEtag: etag } : {}), roles: DEFAULT_ROLE_NAMES });
    if (result.ok) return { card: await presenter.card(result.finding, { actorId: actor.id }), forEveryone: true };
    if (result.reason === 'not-found') return { message: result.error };
    // Conflict: the posted message already shows the other person's change; this person gets the
    // latest card with the request to retry. Refused: the reason, on the card they acted on.
    const message = result.reason === 'conflict' ? CONFLICT_MESSAGE : result.error;
    return { card: await presenter.card(result.finding, { actorId: actor.id, message }) };
  },
});

/** Open posts the finding as its own message (the list stays, and its card acts like any other); refresh answers in place. */
const show = (verb: typeof V.open | typeof V.refresh): Make => ({ service, presenter }) => defineAction({
  verb,
  parse: (d) => {
    const id = findingIdOf(d);
    return typeof id === 'string' ? { id } : id;
  },
  async run({ id }, ctx) {
    const finding = await service.get(ctx.workspace, id);
    if (!finding) return { message: `There is no finding ${id} here.` };
    const card = await presenter.card(finding, { actorId: ctx.actor.id });
    return verb === V.open ? { card, post: { summary: `${finding.id}: ${finding.owningRole}`, reply: `Opened ${finding.id}.` } } : { card };
  },
});

const list: Make = ({ service, clock }) => defineAction({
  verb: V.list,
  parse(d) {
    const parsed = parseListFilter(d);
    return parsed.continuationToken && parsed.continuationToken.length > 2000 ? badRequest('This page link is not valid.') : parsed;
  },
  async run({ filter, continuationToken }, ctx) {
    const page = await service.list(ctx.workspace, toServiceFilter(filter), { pageSize: LIST_PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
    return { card: renderFindingListCard({ items: page.items, filter, now: clock(), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) }) };
  },
});

/** The proposals card of a call-quality import: file the ones switched on, or all. */
const fileImport = (verb: typeof V.importConfirm | typeof V.importAll): Make => ({ service }) => defineAction({
  verb,
  parse(d) {
    const importId = importIdOf(d);
    if (typeof importId !== 'string') return importId;
    const keys = verb === V.importAll ? undefined : selectedProposalKeys(d);
    return keys?.length === 0 ? refuse('Nothing is selected: switch on the proposals to file, or discard the import.') : { importId, keys };
  },
  async run({ importId, keys }, ctx) {
    const out = await service.fileImport(ctx.workspace, importId, { id: ctx.actor.id, name: ctx.actor.name }, keys ? { keys } : {});
    if (!out.ok) return { message: out.error };
    const ids = (xs: { id: string }[]) => xs.map((f) => f.id).join(', ');
    const parts = [out.filed.length ? `Filed ${out.filed.length}: ${ids(out.filed)}.` : 'Nothing new was filed.'];
    if (out.alreadyFiled.length) parts.push(`Already filed: ${ids(out.alreadyFiled)}.`);
    return { message: parts.join(' '), done: true };
  },
});

const discardImport: Make = () => defineAction({
  verb: V.importDiscard,
  parse: (d) => {
    const importId = importIdOf(d);
    return typeof importId === 'string' ? { importId } : importId;
  },
  run: async () => ({ message: 'Discarded: nothing from that import was filed.', done: true }),
});

const FINDING_ACTIONS: readonly Make[] = [
  ...CHANGE_VERBS.map(change), show(V.open), show(V.refresh), list, fileImport(V.importConfirm), fileImport(V.importAll), discardImport,
  ...QUALITY_ACTIONS,
];

export function createFindingActions(deps: FindingActionDeps): ActionRegistry {
  return new ActionRegistry(FINDING_ACTIONS.map((make) => make(deps)));
}
