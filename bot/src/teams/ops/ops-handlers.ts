// Chat commands (roles, agenda, checklists) and card verbs of the operations content. Parse
// here, decide in the domain services, render with the ops cards.
import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { renderAgendaCard } from '../../cards/agenda-card';
import { renderChecklistListCard, renderChecklistRunCard } from '../../cards/checklist-card';
import { OPS_VERBS } from '../../cards/ops-verbs';
import { renderOkrsCard, renderRisksCard } from '../../cards/risk-okr-cards';
import { renderRoleEditCard, renderRoleMapCard } from '../../cards/role-map-card';
import { renderStakeholdersCard } from '../../cards/stakeholders-card';
import type { Actor, Outcome } from '../../domain/ops/common';
import type { OpsServices } from '../../domain/ops/ops-services';
import * as actions from '../../features/ops-actions';
import { int, str, typedRole, type OpsActionRequest } from '../../features/ops-actions';
import { localAt } from '../../domain/ops/zoned-date';
import type { Workspace } from '../../domain/workspace';
import { channelData, targetConversationId, userOf, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import type { VerbRequest, VerbResponse, VerbRouter } from '../verb-router';

type Card = Record<string, unknown>;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const actorOf = (a: { id: string; aadObjectId?: string; name: string }): Actor => ({ id: a.aadObjectId ?? a.id, name: a.name });

/** Short, key-safe id from a Teams id (activity or invoke): the same message maps to the same id. */
export function idFromActivity(conversationId: string, activityId: string): string {
  return createHash('sha256').update(`${conversationId}|${activityId}`).digest('hex').slice(0, 24);
}

export class OpsHandlers {
  constructor(private readonly ops: OpsServices, private readonly clock: () => Date) {}

  // ---- commands ---------------------------------------------------------------------------

  register(commands: CommandRouter, verbs: VerbRouter): void {
    // The sub-commands each understands: typed while a dialog waits, they are commands, not answers.
    commands.register('roles', (c, args) => this.rolesCommand(c, args), { takes: (args) => /^stakeholders?$/i.test(args.trim()) });
    commands.register('agenda', (c, args) => this.agendaCommand(c, args), { takes: (args) => /^(add|decision|remove)\s+\S/i.test(args.trim()) });
    commands.register('checklists', (c) => this.checklistsCommand(c));
    const v = OPS_VERBS;
    const routes: [string, (r: VerbRequest) => Promise<VerbResponse>][] = [
      [v.rolesShow, async (r) => ({ card: renderRoleMapCard({ roles: await this.ops.roles.list(r.workspace), offset: int(r.data.offset) }) })],
      [v.roleEdit, (r) => this.roleEdit(r)],
      [v.roleSave, (r) => this.roleSave(r)],
      [v.roleAdd, (r) => this.roleAdd(r)],
      [v.roleRemove, (r) => this.roleRemove(r)],
      [v.roleSignoff, (r) => this.roleSignoff(r)],
      [v.stakeholdersShow, async (r) => ({ card: renderStakeholdersCard({ stakeholders: await this.ops.stakeholders.list(r.workspace), offset: int(r.data.offset) }) })],
      [v.agendaRefresh, async (r) => ({ card: await this.agendaCard(r.workspace) })],
      [v.agendaAdd, (r) => this.agendaAdd(r)],
      [v.agendaRemove, (r) => this.agendaRemove(r)],
      [v.agendaRecord, (r) => this.agendaRecord(r)],
      [v.agendaCadence, (r) => this.agendaCadence(r)],
      [v.actionDone, (r) => this.actionDone(r)],
      [v.risksShow, async (r) => ({ card: renderRisksCard({ items: await this.ops.risks.list(r.workspace), offset: int(r.data.offset) }) })],
      [v.riskSave, (r) => this.riskSave(r)],
      [v.riskAdd, (r) => this.riskAdd(r)],
      [v.okrsShow, async (r) => ({ card: await this.okrsCard(r.workspace, { offset: int(r.data.offset) }) })],
      [v.ksiSave, (r) => this.trackSave(r, 'ksi')],
      [v.objectiveSave, (r) => this.trackSave(r, 'objective')],
      [v.checklistList, async (r) => ({ card: await this.checklistListCard(r.workspace) })],
      [v.checklistStart, (r) => this.checklistStart(r)],
      [v.checklistOpen, (r) => this.checklistOpen(r)],
      [v.checklistTick, (r) => this.checklistTick(r)],
      [v.checklistComplete, (r) => this.checklistComplete(r)],
    ];
    for (const [verb, handler] of routes) verbs.register(verb, handler);
  }

  private async rolesCommand(context: TurnContext, args: string): Promise<void> {
    const ws = workspaceOf(context.activity);
    if (/^stakeholders?$/i.test(args.trim())) {
      await context.sendActivity(cardMessage(renderStakeholdersCard({ stakeholders: await this.ops.stakeholders.list(ws) }), 'Stakeholder matrix'));
      return;
    }
    await context.sendActivity(cardMessage(renderRoleMapCard({ roles: await this.ops.roles.list(ws) }), 'Operational role map'));
  }

  private async agendaCommand(context: TurnContext, args: string): Promise<void> {
    const ws = workspaceOf(context.activity);
    const actor = actorOf(userOf(context.activity));
    const m = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
    const sub = (m?.[1] ?? '').toLowerCase();
    const rest = (m?.[2] ?? '').trim();
    if (!sub) {
      await context.sendActivity(cardMessage(await this.agendaCard(ws), 'Steering committee agenda'));
      return;
    }
    if (sub === 'add' || sub === 'decision') {
      if (!rest) {
        await context.sendActivity(plainMessage(`Write the item after the command, e.g. "agenda ${sub} Budget for a Wi-Fi survey".`));
        return;
      }
      const key = idFromActivity(targetConversationId(context.activity), context.activity.id ?? String(this.clock().getTime()));
      const added = await this.ops.steering.addItem(ws, rest, actor, { kind: sub === 'decision' ? 'decision' : 'topic', idempotencyKey: key });
      if (!added.ok) {
        await context.sendActivity(plainMessage(added.message));
        return;
      }
      const number = (await this.ops.steering.items(ws)).findIndex((i) => i.id === added.value.id) + 1;
      const what = sub === 'decision' ? 'Decision request added' : 'Added';
      await context.sendActivity(plainMessage(`${what} to the next steering-committee agenda as #${number}: "${preview(added.value.text, 80)}". Type agenda to see it, or agenda remove ${number} to take it off.`));
      return;
    }
    if (sub === 'remove') {
      const n = Number(rest.replace(/^#/, ''));
      if (!Number.isInteger(n) || n < 1) {
        await context.sendActivity(plainMessage('Give the number of the item to remove, as shown on the agenda, e.g. "agenda remove 2".'));
        return;
      }
      const removed = await this.ops.steering.removeItemByNumber(ws, n);
      await context.sendActivity(plainMessage(removed.ok ? `Removed #${n} from the agenda: "${preview(removed.value.text, 80)}".` : removed.message));
      return;
    }
    if (sub === 'risks') {
      await context.sendActivity(cardMessage(renderRisksCard({ items: await this.ops.risks.list(ws) }), 'Risk register'));
      return;
    }
    if (sub === 'okrs' || sub === 'ksis') {
      await context.sendActivity(cardMessage(await this.okrsCard(ws, {}), 'OKRs and KSIs'));
      return;
    }
    await context.sendActivity(plainMessage('I know: agenda (show it), agenda add <text>, agenda decision <text>, agenda remove <number>, agenda risks, agenda okrs.'));
  }

  private async checklistsCommand(context: TurnContext): Promise<void> {
    await context.sendActivity(cardMessage(await this.checklistListCard(workspaceOf(context.activity)), 'Review checklists'));
  }

  // ---- shared renderings ------------------------------------------------------------------

  private async agendaCard(ws: Workspace, extra: { notice?: string; problem?: string } = {}): Promise<Card> {
    const { agenda, settings } = await this.ops.steering.agendaView(ws);
    return renderAgendaCard({ agenda, cadence: settings.cadence, ...(settings.etag ? { settingsEtag: settings.etag } : {}), ...extra });
  }

  private async okrsCard(ws: Workspace, extra: { offset?: number; notice?: string; problem?: string }): Promise<Card> {
    const [objectives, ksis] = await Promise.all([this.ops.okrs.objectives(ws), this.ops.okrs.ksis(ws)]);
    return renderOkrsCard({ objectives, ksis, ...extra });
  }

  private async checklistListCard(ws: Workspace, extra: { notice?: string; problem?: string } = {}): Promise<Card> {
    const [runs, settings] = await Promise.all([this.ops.checklists.runs(ws), this.ops.steering.settings(ws)]);
    const today = localAt(this.clock(), settings.cadence.timeZone);
    return renderChecklistListCard({ templates: this.ops.checklists.templates(), runs, defaultPeriod: `${today.year}-${String(today.month).padStart(2, '0')}`, ...extra });
  }

  private failure(outcome: Extract<Outcome<unknown>, { ok: false }>): VerbResponse {
    return { message: outcome.message };
  }

  // ---- role map ---------------------------------------------------------------------------

  private channelName(r: VerbRequest): string {
    return channelData(r.context.activity).channel?.name ?? (r.workspace.scope === 'chat' ? 'this chat' : 'this channel');
  }

  /** The card action as the shared ops actions take it (features/ops-actions.ts). */
  private request(r: VerbRequest): OpsActionRequest {
    return { workspace: r.workspace, data: r.data, actor: actorOf(r.actor), opId: idFromActivity(r.conversationId, r.invokeId), channel: { id: r.conversationId, name: this.channelName(r) } };
  }

  private typed(r: VerbRequest) {
    return typedRole(r.data);
  }

  private async roleEdit(r: VerbRequest): Promise<VerbResponse> {
    const id = str(r.data.roleId);
    if (!id) return { card: renderRoleEditCard({ currentChannelName: this.channelName(r) }) };
    const role = await this.ops.roles.get(r.workspace, id);
    if (!role) return { card: renderRoleMapCard({ roles: await this.ops.roles.list(r.workspace), problem: 'That role no longer exists: it may have been removed.' }) };
    return { card: renderRoleEditCard({ role, currentChannelName: this.channelName(r) }) };
  }

  private async roleSave(r: VerbRequest): Promise<VerbResponse> {
    const id = str(r.data.roleId) ?? '';
    const saved = await actions.saveRole(this.ops, this.request(r));
    if (saved.ok) return { card: renderRoleMapCard({ roles: await this.ops.roles.list(r.workspace), notice: `${r.actor.name} updated ${saved.value.name}.` }), updateForEveryone: true };
    if (saved.error === 'conflict' && saved.current) return { card: renderRoleEditCard({ role: saved.current, problem: saved.message, currentChannelName: this.channelName(r) }) };
    if (saved.error === 'invalid') {
      const role = await this.ops.roles.get(r.workspace, id);
      return { card: renderRoleEditCard({ ...(role ? { role } : {}), problem: saved.message, typed: this.typed(r), currentChannelName: this.channelName(r) }) };
    }
    return { card: renderRoleMapCard({ roles: await this.ops.roles.list(r.workspace), problem: saved.message }) };
  }

  private async roleAdd(r: VerbRequest): Promise<VerbResponse> {
    const added = await actions.addRole(this.ops, this.request(r));
    if (!added.ok) return { card: renderRoleEditCard({ problem: added.message, typed: this.typed(r), currentChannelName: this.channelName(r) }) };
    const roles = await this.ops.roles.list(r.workspace);
    const index = roles.findIndex((x) => x.id === added.value.id);
    return { card: renderRoleMapCard({ roles, offset: Math.max(0, index), notice: `${r.actor.name} added ${added.value.name}.` }), updateForEveryone: true };
  }

  private async roleRemove(r: VerbRequest): Promise<VerbResponse> {
    const removed = await actions.removeRole(this.ops, this.request(r));
    const roles = await this.ops.roles.list(r.workspace);
    return removed.ok
      ? { card: renderRoleMapCard({ roles, notice: `${r.actor.name} removed a role.` }), updateForEveryone: true }
      : { card: renderRoleMapCard({ roles, problem: removed.message }) };
  }

  private async roleSignoff(r: VerbRequest): Promise<VerbResponse> {
    const signed = await actions.signOffRole(this.ops, this.request(r));
    const roles = await this.ops.roles.list(r.workspace);
    const index = Math.max(0, roles.findIndex((x) => x.id === str(r.data.roleId)));
    const offset = index - (index % 6);
    return signed.ok
      ? { card: renderRoleMapCard({ roles, offset, notice: `${signed.value.signOff!.by.name} signed off ${signed.value.name} for ${signed.value.team}.` }), updateForEveryone: true }
      : { card: renderRoleMapCard({ roles, offset, problem: signed.message }) };
  }

  // ---- agenda -----------------------------------------------------------------------------

  private async agendaAdd(r: VerbRequest): Promise<VerbResponse> {
    const added = await actions.addAgendaItem(this.ops, this.request(r));
    return added.ok
      ? { card: await this.agendaCard(r.workspace, { notice: `${r.actor.name} added an item.` }), updateForEveryone: true }
      : { card: await this.agendaCard(r.workspace, { problem: added.message }) };
  }

  private async agendaRemove(r: VerbRequest): Promise<VerbResponse> {
    const removed = await actions.removeAgendaItem(this.ops, this.request(r));
    return removed.ok
      ? { card: await this.agendaCard(r.workspace, { notice: `${r.actor.name} removed an item.` }), updateForEveryone: true }
      : { card: await this.agendaCard(r.workspace, { problem: removed.message }) };
  }

  private async agendaRecord(r: VerbRequest): Promise<VerbResponse> {
    const recorded = await actions.recordMeeting(this.ops, this.request(r));
    return recorded.ok
      ? { card: await this.agendaCard(r.workspace, { notice: `Meeting recorded by ${r.actor.name}: ${plural(recorded.value.decisions.length, 'decision')}, ${plural(recorded.value.actionIds.length, 'action')}. This is the agenda for the next meeting.` }), updateForEveryone: true }
      : { card: await this.agendaCard(r.workspace, { problem: recorded.message }) };
  }

  private async agendaCadence(r: VerbRequest): Promise<VerbResponse> {
    const saved = await actions.saveCadence(this.ops, this.request(r));
    return saved.ok
      ? { card: await this.agendaCard(r.workspace, { notice: `${r.actor.name} changed the meeting schedule.` }), updateForEveryone: true }
      : { card: await this.agendaCard(r.workspace, { problem: saved.message }) };
  }

  private async actionDone(r: VerbRequest): Promise<VerbResponse> {
    const done = await actions.completeAction(this.ops, this.request(r));
    return done.ok
      ? { card: await this.agendaCard(r.workspace, { notice: `${r.actor.name} marked an action done.` }), updateForEveryone: true }
      : { card: await this.agendaCard(r.workspace, { problem: done.message }) };
  }

  // ---- risks and OKRs ---------------------------------------------------------------------

  private async riskSave(r: VerbRequest): Promise<VerbResponse> {
    const saved = await actions.saveRisk(this.ops, this.request(r));
    const items = await this.ops.risks.list(r.workspace);
    return saved.ok
      ? { card: renderRisksCard({ items, notice: `${r.actor.name} updated a risk: overall ${saved.value.overall}.` }), updateForEveryone: true }
      : { card: renderRisksCard({ items, problem: saved.message }) };
  }

  private async riskAdd(r: VerbRequest): Promise<VerbResponse> {
    const added = await actions.addRisk(this.ops, this.request(r));
    const items = await this.ops.risks.list(r.workspace);
    return added.ok
      ? { card: renderRisksCard({ items, notice: `${r.actor.name} added a risk.` }), updateForEveryone: true }
      : { card: renderRisksCard({ items, problem: added.message }) };
  }

  private async trackSave(r: VerbRequest, kind: 'ksi' | 'objective'): Promise<VerbResponse> {
    const saved = await actions.saveTrack(this.ops, this.request(r), kind);
    return saved.ok
      ? { card: await this.okrsCard(r.workspace, { notice: `${r.actor.name} updated a status.` }), updateForEveryone: true }
      : { card: await this.okrsCard(r.workspace, { problem: saved.message }) };
  }

  // ---- checklists -------------------------------------------------------------------------

  private async runCard(r: VerbRequest, runId: string, extra: { sectionId?: string; notice?: string; problem?: string } = {}): Promise<VerbResponse> {
    const run = await this.ops.checklists.get(r.workspace, runId);
    const template = run && this.ops.checklists.template(run.templateId);
    if (!run || !template) return { card: await this.checklistListCard(r.workspace, { problem: 'That checklist run no longer exists.' }) };
    return { card: renderChecklistRunCard({ run, template, ...extra }) };
  }

  private async checklistStart(r: VerbRequest): Promise<VerbResponse> {
    const started = await actions.startChecklist(this.ops, this.request(r));
    if (!started.ok) return { card: await this.checklistListCard(r.workspace, { problem: started.message }) };
    const template = this.ops.checklists.template(started.value.run.templateId)!;
    const notice = started.value.created ? `${r.actor.name} started this run.` : 'This period already has a run; here it is.';
    return { card: renderChecklistRunCard({ run: started.value.run, template, notice }), updateForEveryone: true };
  }

  private async checklistOpen(r: VerbRequest): Promise<VerbResponse> {
    const sectionId = str(r.data.sectionId);
    return this.runCard(r, str(r.data.runId) ?? '', sectionId ? { sectionId } : {});
  }

  private async checklistTick(r: VerbRequest): Promise<VerbResponse> {
    const runId = str(r.data.runId) ?? '';
    const ticked = await actions.tickChecklistItem(this.ops, this.request(r));
    const sectionId = str(r.data.sectionId);
    if (!ticked.ok) return this.runCard(r, runId, { ...(sectionId ? { sectionId } : {}), problem: ticked.message });
    const template = this.ops.checklists.template(ticked.value.templateId)!;
    return { card: renderChecklistRunCard({ run: ticked.value, template, ...(sectionId ? { sectionId } : {}) }), updateForEveryone: true };
  }

  private async checklistComplete(r: VerbRequest): Promise<VerbResponse> {
    const runId = str(r.data.runId) ?? '';
    const completed = await actions.completeChecklist(this.ops, this.request(r));
    if (!completed.ok) return this.runCard(r, runId, { problem: completed.message });
    const template = this.ops.checklists.template(completed.value.templateId)!;
    return { card: renderChecklistRunCard({ run: completed.value, template, notice: 'Run completed: its outcome is recorded.' }), updateForEveryone: true };
  }
}
