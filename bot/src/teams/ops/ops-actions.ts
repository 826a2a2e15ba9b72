// The ops card action registry: every ops card verb (cards/ops-verbs.ts), declared once for the
// chat and the tab, in the file of its area: role-actions.ts (role map, stakeholders),
// agenda-actions.ts (agenda, risks, OKRs/KSIs), checklist-actions.ts (review checklists).
import { ActionRegistry } from '../card-actions';
import { AGENDA_ACTIONS } from './agenda-actions';
import { CHECKLIST_ACTIONS } from './checklist-actions';
import type { OpsViews } from './ops-views';
import { ROLE_ACTIONS } from './role-actions';

export function createOpsActions(views: OpsViews): ActionRegistry {
  return new ActionRegistry([...ROLE_ACTIONS, ...AGENDA_ACTIONS, ...CHECKLIST_ACTIONS].map((make) => make(views)));
}
