// Action.Execute verbs of the operations content (role map, stakeholders, agenda, risks,
// OKRs/KSIs, checklists), declared once. Each verb's `data` payload is documented here; the
// inputs of the card arrive merged into the same object.
export const OPS_VERBS = {
  /** { offset?: number } — the role map, from `offset`. */
  rolesShow: 'roles.show',
  /** { roleId } — the edit card of a role. {} — the card to add a role. */
  roleEdit: 'role.edit',
  /** { roleId, etag } + inputs name, description, team, contact, useThisChannel ("true"/"false"), clearChannel. */
  roleSave: 'role.save',
  /** { roleId } — the role's team signs off its responsibilities (who/when recorded). */
  roleSignoff: 'role.signoff',
  /** { roleId } — the presser becomes the role's contact person (their id kept for @mentions). */
  roleContactMe: 'role.makeContact',
  /** {} + inputs name, description, team, contact. */
  roleAdd: 'role.add',
  /** { roleId, etag } */
  roleRemove: 'role.remove',
  /** { offset?: number } */
  stakeholdersShow: 'stakeholders.show',
  /** {} — re-generates the agenda. */
  agendaRefresh: 'agenda.refresh',
  /** {} + input agendaText, agendaKind ("topic" | "decision"). */
  agendaAdd: 'agenda.add',
  /** { itemId } */
  agendaRemove: 'agenda.remove',
  /** {} + inputs decisions, actions (one per line, "what | owner | YYYY-MM-DD"). */
  agendaRecord: 'agenda.record',
  /** { etag? } + inputs everyWeeks, weekday, time, timeZone, startsOn. */
  agendaCadence: 'agenda.cadence',
  /** { actionId } */
  actionDone: 'action.done',
  /** { offset?: number } */
  risksShow: 'risks.show',
  /** { riskId, etag, prefix } + inputs <prefix>likelihood, <prefix>impact, <prefix>mitigation, <prefix>owner, <prefix>status. */
  riskSave: 'risk.save',
  /** {} + inputs newRiskTitle, newRiskLikelihood, newRiskImpact, newRiskMitigation. */
  riskAdd: 'risk.add',
  /** { offset?: number } */
  okrsShow: 'okrs.show',
  /** { ksiId, etag, prefix } + inputs <prefix>status, <prefix>note. */
  ksiSave: 'ksi.save',
  /** { objectiveId, etag, prefix } + inputs <prefix>status, <prefix>note. */
  objectiveSave: 'objective.save',
  /** {} — templates and runs. */
  checklistList: 'checklist.list',
  /** { templateId } + input period. */
  checklistStart: 'checklist.start',
  /** { runId, sectionId? } */
  checklistOpen: 'checklist.open',
  /** { runId, itemId, done: boolean, sectionId } + optional input note_<n>. */
  checklistTick: 'checklist.tick',
  /** { runId } + inputs outcome, outcomeNote. */
  checklistComplete: 'checklist.complete',
} as const;

export type OpsVerb = (typeof OPS_VERBS)[keyof typeof OPS_VERBS];
