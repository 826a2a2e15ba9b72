// Action.Execute handlers for every finding verb except finding.confirm / .discard / .edit,
// which the form runner registers for the `finding` dialog. Card data is untrusted input:
// every field is checked here and every change goes through FindingService's rules.
import { selectedProposalKeys } from '../../cards/finding-import-card';
import { parseListFilter, renderFindingListCard, toServiceFilter } from '../../cards/finding-list-card';
import { FINDING_VERBS, findingActionOf, type FindingVerb } from '../../cards/finding-verbs';
import { DEFAULT_ROLE_NAMES } from '../../domain/findings/catalog';
import { parseFindingId } from '../../domain/findings/finding';
import type { FindingService } from '../../domain/findings/finding-service';
import { cardMessage } from '../replies';
import type { Logger } from '../service-ops-bot';
import type { VerbHandler, VerbRequest, VerbResponse } from '../verb-router';
import type { FindingPresenter } from './finding-presenter';

export const CONFLICT_MESSAGE = 'Someone changed this finding; here is the latest — try again.';
const STORAGE_DOWN = 'I can\'t reach storage right now, so nothing was changed. Try again in a minute.';
export const LIST_PAGE_SIZE = 10;

export interface FindingVerbDeps {
  service: FindingService;
  presenter: FindingPresenter;
  log: Logger;
  clock: () => Date;
}

const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

function findingIdOf(data: Record<string, unknown>): string | undefined {
  const id = str(data.findingId, 40);
  return id && parseFindingId(id) ? id.trim().toUpperCase() : undefined;
}

export function findingVerbHandlers(deps: FindingVerbDeps): Map<FindingVerb, VerbHandler> {
  const { service, presenter } = deps;
  const guarded = (handler: VerbHandler): VerbHandler => async (request) => {
    try {
      return await handler(request);
    } catch (e) {
      deps.log.warn('finding card action failed', { verb: request.verb, error: String(e) });
      return { message: STORAGE_DOWN };
    }
  };

  const act = (verb: FindingVerb): VerbHandler => async (r) => {
    const id = findingIdOf(r.data);
    if (!id) return { error: 'This card does not name a finding.', status: 400 };
    const action = findingActionOf(verb, r.data) ?? `The button ${verb} does not change a finding.`;
    if (typeof action === 'string') return { message: action };
    const etag = str(r.data.etag, 300) || undefined;
    const actor = { id: r.actor.id, name: r.actor.name };
    const result = await service.act(r.workspace, id, action, actor, { ...(etag ? { expectedEtag: etag } : {}), roles: DEFAULT_ROLE_NAMES });
    if (result.ok) return { card: await presenter.card(result.finding, { actorId: actor.id }), updateForEveryone: true };
    if (result.reason === 'not-found') return { message: result.error };
    // Conflict: the posted message already shows the other person's change; this person gets the
    // latest card with the request to retry. Refused: the reason, on the card they acted on.
    const message = result.reason === 'conflict' ? CONFLICT_MESSAGE : result.error;
    return { card: await presenter.card(result.finding, { actorId: actor.id, message }) };
  };

  const show = (post: boolean): VerbHandler => async (r) => {
    const id = findingIdOf(r.data);
    if (!id) return { error: 'This card does not name a finding.', status: 400 };
    const finding = await service.get(r.workspace, id);
    if (!finding) return { message: `There is no finding ${id} here.` };
    const card = await presenter.card(finding, { actorId: r.actor.id });
    if (!post) return { card };
    // Open posts the finding as its own message, so the list stays and the finding card can be
    // acted on (and updated for everyone) like any other.
    await r.context.sendActivity(cardMessage(card, `${finding.id}: ${finding.owningRole}`));
    return { message: `Opened ${finding.id}.` };
  };

  const list: VerbHandler = async (r) => {
    const { filter, continuationToken } = parseListFilter(r.data);
    if (continuationToken && continuationToken.length > 2000) return { error: 'This page link is not valid.', status: 400 };
    const page = await service.list(r.workspace, toServiceFilter(filter), { pageSize: LIST_PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
    return { card: renderFindingListCard({ items: page.items, filter, now: deps.clock(), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) }) };
  };

  const importId = (r: VerbRequest) => str(r.data.importId, 200);
  const fileImport = (all: boolean): VerbHandler => async (r) => {
    const id = importId(r);
    if (!id) return { error: 'This card does not name an import.', status: 400 };
    const keys = all ? undefined : selectedProposalKeys(r.data);
    if (keys && keys.length === 0) return { message: 'Nothing is selected: switch on the proposals to file, or discard the import.' };
    const out = await service.fileImport(r.workspace, id, { id: r.actor.id, name: r.actor.name }, keys ? { keys } : {});
    if (!out.ok) return { message: out.error };
    const ids = (xs: { id: string }[]) => xs.map((f) => f.id).join(', ');
    const parts = [out.filed.length ? `Filed ${out.filed.length}: ${ids(out.filed)}.` : 'Nothing new was filed.'];
    if (out.alreadyFiled.length) parts.push(`Already filed: ${ids(out.alreadyFiled)}.`);
    return { message: parts.join(' ') };
  };

  const handlers = new Map<FindingVerb, VerbHandler>();
  for (const verb of [FINDING_VERBS.accept, FINDING_VERBS.start, FINDING_VERBS.remediated, FINDING_VERBS.verify, FINDING_VERBS.reopen, FINDING_VERBS.wontfix, FINDING_VERBS.reassign, FINDING_VERBS.note]) {
    handlers.set(verb, guarded(act(verb)));
  }
  handlers.set(FINDING_VERBS.open, guarded(show(true)));
  handlers.set(FINDING_VERBS.refresh, guarded(show(false)));
  handlers.set(FINDING_VERBS.list, guarded(list));
  handlers.set(FINDING_VERBS.importConfirm, guarded(fileImport(false)));
  handlers.set(FINDING_VERBS.importAll, guarded(fileImport(true)));
  handlers.set(FINDING_VERBS.importDiscard, guarded(async (r): Promise<VerbResponse> => (importId(r) ? { message: 'Discarded: nothing from that import was filed.' } : { error: 'This card does not name an import.', status: 400 })));
  return handlers;
}
