// What each ops card verb does, once, for both doors into the ops services: the chat's card
// actions (teams/ops/ops-handlers.ts) and the tab's card actions (api/views/*). Each function
// reads the card's data (untrusted: every field goes through the services' validation), calls
// the service and returns its Outcome; the caller decides which card to show next.
// Pure TypeScript: no botbuilder, no storage, no HTTP.
import type { Actor, Outcome } from '../domain/ops/common';
import type { OpsServices } from '../domain/ops/ops-services';
import type { OpsRole, RoleInput } from '../domain/ops/roles';
import type { Workspace } from '../domain/workspace';

export interface OpsActionRequest {
  workspace: Workspace;
  /** The card's data with its inputs merged in. */
  data: Record<string, unknown>;
  actor: Actor;
  /**
   * Key-safe id of this delivery: the same click delivered twice carries the same id, so
   * adding an agenda item, recording a meeting or ticking an item happens once.
   */
  opId: string;
  /**
   * The conversation the card is shown in, for "send this role's notifications here". The tab
   * has none (it knows the team, not a channel's conversation): there the option is refused.
   */
  channel?: { id: string; name: string };
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));
export const int = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(str(v));
  return Number.isInteger(n) && n >= 0 ? n : 0;
};
const etagOf = (data: Record<string, unknown>) => str(data.etag) || undefined;
const NO_CHANNEL_HERE = 'Notifications go to a channel: open the role map in that channel (type roles there) and choose "Send this role\'s notifications" on the role.';

// ---- role map -------------------------------------------------------------------------------

/** The role fields of the edit card; the channel toggle needs the conversation the card is in. */
export function roleInput(data: Record<string, unknown>, channel?: { id: string; name: string }): RoleInput | string {
  const input: RoleInput = { name: data.name, description: data.description, team: data.team, contact: data.contact };
  if (str(data.useThisChannel) === 'true') {
    if (!channel) return NO_CHANNEL_HERE;
    input.channel = { id: channel.id, name: channel.name };
  } else if (str(data.clearChannel) === 'true') input.channel = null;
  return input;
}

/** What the person typed, to show again with a problem. */
export function typedRole(data: Record<string, unknown>): { name: string; description: string; team: string; contact: string } {
  return { name: str(data.name) ?? '', description: str(data.description) ?? '', team: str(data.team) ?? '', contact: str(data.contact) ?? '' };
}

const refused = <T>(message: string): Outcome<T> => ({ ok: false, error: 'invalid', message });

export async function saveRole(ops: OpsServices, r: OpsActionRequest): Promise<Outcome<OpsRole>> {
  const input = roleInput(r.data, r.channel);
  if (typeof input === 'string') return refused<OpsRole>(input);
  return ops.roles.update(r.workspace, str(r.data.roleId) ?? '', input, r.actor, etagOf(r.data));
}

export async function addRole(ops: OpsServices, r: OpsActionRequest): Promise<Outcome<OpsRole>> {
  const input = roleInput(r.data, r.channel);
  if (typeof input === 'string') return refused<OpsRole>(input);
  return ops.roles.add(r.workspace, input, r.actor);
}

export const removeRole = (ops: OpsServices, r: OpsActionRequest) => ops.roles.remove(r.workspace, str(r.data.roleId) ?? '', etagOf(r.data));
export const signOffRole = (ops: OpsServices, r: OpsActionRequest) => ops.roles.signOff(r.workspace, str(r.data.roleId) ?? '', r.actor);

// ---- steering committee ---------------------------------------------------------------------

export const addAgendaItem = (ops: OpsServices, r: OpsActionRequest) =>
  ops.steering.addItem(r.workspace, r.data.agendaText, r.actor, { kind: str(r.data.agendaKind) === 'decision' ? 'decision' : 'topic', idempotencyKey: r.opId });
export const removeAgendaItem = (ops: OpsServices, r: OpsActionRequest) => ops.steering.removeItem(r.workspace, str(r.data.itemId) ?? '');
export const recordMeeting = (ops: OpsServices, r: OpsActionRequest) =>
  ops.steering.recordMeeting(r.workspace, { decisions: r.data.decisions, actions: r.data.actions }, r.actor, `m-${r.opId}`);
export const saveCadence = (ops: OpsServices, r: OpsActionRequest) =>
  ops.steering.saveCadence(r.workspace, { everyWeeks: r.data.everyWeeks, weekday: r.data.weekday, time: r.data.time, timeZone: r.data.timeZone, startsOn: r.data.startsOn }, r.actor, etagOf(r.data));
export const completeAction = (ops: OpsServices, r: OpsActionRequest) => ops.steering.completeAction(r.workspace, str(r.data.actionId) ?? '', r.actor);

// ---- risks and OKRs -------------------------------------------------------------------------

/** The risk rows of the risks card prefix their inputs (one form per row). */
export function saveRisk(ops: OpsServices, r: OpsActionRequest) {
  const p = str(r.data.prefix) ?? '';
  const field = (k: string) => r.data[`${p}${k}`];
  return ops.risks.update(r.workspace, str(r.data.riskId) ?? '', { likelihood: field('likelihood'), impact: field('impact'), mitigation: field('mitigation'), owner: field('owner'), status: field('status') }, r.actor, etagOf(r.data));
}

export const addRisk = (ops: OpsServices, r: OpsActionRequest) =>
  ops.risks.add(r.workspace, { title: r.data.newRiskTitle, likelihood: r.data.newRiskLikelihood, impact: r.data.newRiskImpact, mitigation: r.data.newRiskMitigation ?? '', owner: '' }, r.actor);

export async function saveTrack(ops: OpsServices, r: OpsActionRequest, kind: 'ksi' | 'objective'): Promise<Outcome<unknown>> {
  const p = str(r.data.prefix) ?? '';
  const input = { status: r.data[`${p}status`], note: r.data[`${p}note`] };
  return kind === 'ksi'
    ? ops.okrs.updateKsi(r.workspace, str(r.data.ksiId) ?? '', input, r.actor, etagOf(r.data))
    : ops.okrs.updateObjective(r.workspace, str(r.data.objectiveId) ?? '', input, r.actor, etagOf(r.data));
}

// ---- checklists -----------------------------------------------------------------------------

export const startChecklist = (ops: OpsServices, r: OpsActionRequest) => ops.checklists.start(r.workspace, str(r.data.templateId) ?? '', r.data.period, r.actor);

export function tickChecklistItem(ops: OpsServices, r: OpsActionRequest) {
  const done = r.data.done === true || r.data.done === 'true';
  const noteInput = str(r.data.noteInput);
  // The note travels in the input the card names (note_<n>), one per item on the card.
  const note = noteInput && /^note_\d+$/.test(noteInput) ? { note: r.data[noteInput] ?? '' } : {};
  return ops.checklists.tick(r.workspace, str(r.data.runId) ?? '', str(r.data.itemId) ?? '', done, r.actor, { opId: r.opId, ...note });
}

export const completeChecklist = (ops: OpsServices, r: OpsActionRequest) =>
  ops.checklists.complete(r.workspace, str(r.data.runId) ?? '', r.data.outcome, r.data.outcomeNote ?? '', r.actor, r.opId);
