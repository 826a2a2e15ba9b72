// The `finding` dialog: the domain's draft steps (draft.ts) run by the form runner, one
// question at a time, with the one-line shortcut as a prefill and an idempotent submit.
import type { DialogInputSpec } from '../../cards/dialog-inputs';
import { renderFindingDraftCard } from '../../cards/finding-draft-card';
import { renderQuestionCard } from '../../cards/question-card';
import { answer, confirmDraft, type FindingDraft, newDraft, type Prompt, promptFor, type StepId, STEP_ORDER, stepApplies } from '../../domain/findings/draft';
import { LIMITS } from '../../domain/findings/text';
import type { FindingService } from '../../domain/findings/finding-service';
import { parseFindingShortcut } from '../../domain/findings/shortcut';
import type { FormDefinition, FormStep, Question } from '../dialogs/form';
import type { FindingPresenter } from './finding-presenter';
import type { OwningTeamPoster } from './owning-team-poster';

export const FINDING_FORM_ID = 'finding';

/** The draft as the dialog keeps it: the domain draft plus what to tell the person next. */
export type FindingFormDraft = FindingDraft & {
  /** A remark on the last answer (e.g. "4.1 % is above the 2.0 % target"), shown with the next question. */
  note?: string;
  /** What the one-line shortcut could not read; shown on the confirmation card. */
  warnings?: string[];
};

/** Shortcut problems the dialog resolves itself by asking. */
const ASKED_ANYWAY = new Set(['I could not tell the category.', 'There was no description.']);

export interface FindingFormDeps {
  service: FindingService;
  presenter: FindingPresenter;
  poster: OwningTeamPoster;
  clock: () => Date;
}

/** One question of the finding dialog: asked, skipped or changed as the draft so far allows. */
/** Each answer's name on the confirmation card, as the card's facts call it. */
const LABELS: Record<StepId, string> = {
  category: 'Category', area: 'Review area', building: 'Building / site', subnet: 'Subnet', networkType: 'Network', metric: 'Metric',
  metricName: 'Metric name', value: 'Value seen', description: 'What was seen', evidence: 'Evidence link', owningRole: 'Owning team',
};

function findingStep(step: (typeof STEP_ORDER)[number], clock: () => Date): FormStep<FindingFormDraft> {
  return {
    key: step,
    label: LABELS[step],
    skip: (d) => !stepApplies(d, step) || d.done.includes(step),
    changeable: (d) => stepApplies(d, step),
    ask: (d) => {
      const p = promptFor(d, step);
      const input = inputFor(step, d, p);
      const hasSkip = p.choices.some((c) => c.value === 'skip');
      // A choice list keeps its "Not sure" / "No metric" entry; a text answer gets a Skip button instead.
      const q: Question = { text: p.question, choices: input.kind === 'choice' ? p.choices : [], input };
      if (input.kind !== 'choice' && (hasSkip || (p.optional && p.defaultValue === undefined))) q.allowSkip = true;
      if (step === 'area' && p.defaultValue) q.hint = 'The usual one for this kind of problem is selected.';
      if (d.note) q.hint = q.hint ? `${d.note} ${q.hint}` : d.note;
      return q;
    },
    answer: (input, d) => {
      const r = answer(d, step, input, clock());
      if (!r.ok) return { ok: false, message: r.error };
      const draft: FindingFormDraft = { ...r.draft };
      if (r.note) draft.note = r.note;
      else delete draft.note;
      return { ok: true, draft };
    },
  };
}

/** The input each question is answered with on its card, holding the answer so far (or the usual one). */
function inputFor(step: StepId, d: FindingFormDraft, p: Prompt): DialogInputSpec {
  const answered = d.done.includes(step);
  const text = (value: string | undefined, placeholder: string, maxLength: number, kind: 'text' | 'multiline' = 'text'): DialogInputSpec => ({ kind, placeholder, maxLength, value: value ?? '' });
  switch (step) {
    case 'category': return { kind: 'choice', placeholder: 'Choose the kind of problem', value: d.category ?? '' };
    case 'area': return { kind: 'choice', value: d.area ?? p.defaultValue ?? '' };
    case 'networkType': return { kind: 'choice', value: d.networkType ?? (answered ? 'skip' : '') };
    case 'metric': return { kind: 'choice', placeholder: 'Choose the metric', value: d.metric ?? (answered ? 'skip' : '') };
    case 'owningRole': return { kind: 'choice', value: d.owningRole ?? p.defaultValue ?? '' };
    case 'building': return text(d.building, 'Building 6, or a site name', LIMITS.shortText);
    // The longest CIDR is an IPv6 one: 39 characters, a slash and 3 digits.
    case 'subnet': return text(d.subnet, '10.20.30.0/24', 43);
    case 'metricName': return text(d.metricName, 'Jitter, round-trip time, …', LIMITS.shortText);
    case 'value': {
      const value = d.value === undefined ? '' : String(d.value);
      if (d.metric === 'named') return text(d.value === undefined ? undefined : `${value}${d.unit ? ` ${d.unit}` : ''}`, '250 ms', 40);
      return { kind: 'number', placeholder: 'Percent, such as 4.1', value };
    }
    case 'description': return text(d.description, 'What people see, where and since when', LIMITS.description, 'multiline');
    case 'evidence': return text(d.evidence, 'https://…', LIMITS.evidence);
  }
}

export function findingForm(deps: FindingFormDeps): FormDefinition<FindingFormDraft> {
  const steps: FormStep<FindingFormDraft>[] = STEP_ORDER.map((step) => findingStep(step, deps.clock));

  return {
    id: FINDING_FORM_ID,
    noun: 'finding',
    begin(args, fc) {
      if (!args.trim()) return { draft: newDraft(fc.now) };
      const shortcut = parseFindingShortcut(args, fc.now);
      if (!shortcut.matched) return { draft: newDraft(fc.now) };
      const warnings = shortcut.problems.filter((p) => !ASKED_ANYWAY.has(p));
      return { draft: warnings.length ? { ...shortcut.draft, warnings } : shortcut.draft };
    },
    // "finding VPN: …" is the shortcut when it names a category; other text after the word is prose.
    startedBy: { command: 'finding', takes: (args) => parseFindingShortcut(args, deps.clock()).draft.category !== undefined },
    steps,
    confirmCard(d, fc) {
      const checked = confirmDraft(d);
      if (!checked.ok) {
        // Only reachable if the rules changed under a saved draft: say why, offer to drop it.
        return renderQuestionCard({ dialog: FINDING_FORM_ID, progress: 'New finding', question: `This draft can't be filed: ${checked.error}`, choices: [{ title: 'Discard', value: 'discard' }] });
      }
      return renderFindingDraftCard({ draft: checked.value, draftId: fc.draftId, warnings: d.warnings ?? [] });
    },
    async submit(d, fc) {
      const actor = { id: fc.actor.id, name: fc.actor.name };
      const created = await deps.service.create(fc.workspace, d, actor, { idempotencyKey: fc.idempotencyKey, source: 'chat' });
      if (!created.ok) return { ok: false, retryable: false, message: `I can't file this finding: ${created.error} Type cancel and start again.` };
      const card = await deps.presenter.card(created.finding, { actorId: actor.id });
      let text = `Filed ${created.finding.id} for ${created.finding.owningRole}.`;
      // A redelivered confirmation returns the finding filed the first time: announce it once.
      if (created.created && (await deps.poster.post(created.finding, card, fc.conversationId)) === 'posted') {
        text += ` Posted to ${created.finding.owningRole}'s channel.`;
      }
      return { ok: true, card, text };
    },
  };
}
