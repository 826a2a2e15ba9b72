import { category as categoryInfo } from '../domain/findings/catalog';
import { hardToTriageWarning, parseSubnet } from '../domain/findings/cidr';
import { type ConfirmedDraft, describeFields, draftTargetCheck } from '../domain/findings/draft';
import type { TargetRow } from '../domain/findings/targets';
import template from './templates/finding-draft.json';
import { expandTemplate } from './template';
import { clip } from './finding-verbs';

export interface FindingDraftCardInput {
  /** From confirmDraft(draft): what will be filed. */
  draft: ConfirmedDraft;
  /** The dialog's id for this draft, echoed in finding.confirm / finding.discard data. */
  draftId: string;
  /** Extra lines (e.g. what the shortcut could not read). */
  warnings?: readonly string[];
  targets?: readonly TargetRow[];
}

export function renderFindingDraftCard(input: FindingDraftCardInput): Record<string, unknown> {
  const d = input.draft;
  const cmp = draftTargetCheck(d, { targets: input.targets });
  const warnings = [...(input.warnings ?? [])];
  if (d.subnet) {
    const s = parseSubnet(d.subnet);
    const w = s.ok ? hardToTriageWarning(s.value) : undefined;
    if (w) warnings.push(w);
  }
  const facts = describeFields(d).filter((x) => x.label !== 'Category').map((x) => ({ label: x.label, value: clip(x.value, 800) }));
  if (d.evidence) facts.push({ label: 'Evidence', value: clip(d.evidence, 2500) });
  return expandTemplate(template, {
    categoryLabel: categoryInfo(d.category).label,
    description: clip(d.description, 9000),
    facts,
    comparison: cmp?.summary ?? '',
    comparisonColor: cmp?.above ? 'Attention' : 'Good',
    warnings: warnings.map((text) => ({ text: clip(text, 600) })),
    confirmData: { draftId: input.draftId },
  });
}
