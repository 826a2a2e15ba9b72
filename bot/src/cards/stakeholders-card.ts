// The stakeholder matrix, the second section of the role map: a page of stakeholder roles
// with who fills them and what they are responsible for.
import template from './templates/stakeholders.json';
import type { Stakeholder } from '../domain/ops/stakeholders';
import { isNamed } from '../domain/ops/roles';
import { clip, execute, fitCard } from './ops-card-parts';
import { OPS_VERBS } from './ops-verbs';
import { expandTemplate } from './template';

export const STAKEHOLDERS_PER_PAGE = 8;

export function renderStakeholdersCard(input: { stakeholders: readonly Stakeholder[]; offset?: number }): Record<string, unknown> {
  const all = input.stakeholders;
  const offset = Math.min(Math.max(0, input.offset ?? 0), Math.max(0, all.length - 1));
  const named = all.filter((s) => isNamed(s.person)).length;
  return fitCard((perPage) => {
    const page = all.slice(offset, offset + perPage);
    const actions: Record<string, unknown>[] = [];
    if (offset + perPage < all.length) actions.push(execute('Next stakeholders', OPS_VERBS.stakeholdersShow, { offset: offset + perPage }));
    if (offset > 0) actions.push(execute('Previous stakeholders', OPS_VERBS.stakeholdersShow, { offset: Math.max(0, offset - perPage) }));
    actions.push(execute('Role map', OPS_VERBS.rolesShow, {}));
    return expandTemplate(template, {
      summary: all.length ? `${named} of ${all.length} stakeholder roles have a person named. Edit them in the role map tab.` : 'No stakeholders are listed yet.',
      stakeholders: page.map((s) => ({
        role: clip(s.role, 80),
        person: clip(s.person, 200),
        responsibilities: clip(s.responsibilities.map((r) => `• ${r}`).join('\n'), 900),
      })),
      pageText: all.length > page.length ? `Stakeholders ${offset + 1}–${offset + page.length} of ${all.length}.` : '',
      actions,
    });
  }, [STAKEHOLDERS_PER_PAGE, 5, 3, 1]);
}
