// The `escalate` dialog: the domain's escalation steps (escalation-draft.ts) as a form the
// FormRunner drives one question at a time. Form id 'escalation', so the runner's verbs are
// escalation.confirm / escalation.discard, the verbs the confirmation card already carries.
// The workspace's time zone and severity policy are read once when the dialog begins and
// travel with the draft, so every question (and the severity commitments it shows) uses the
// targets that will apply when the incident is filed. Text after the command is the one-line
// shortcut (escalation-shortcut.ts): what it answers is not asked again.
import type { DialogInputSpec } from '../../cards/dialog-inputs';
import { renderEscalationDraftCard } from '../../cards/escalation-draft-card';
import {
  answerStep, confirmDraft, draftKind, ESCALATION_STEPS, type EscalationDraft, type EscalationStep, promptFor, type StepContext,
} from '../../domain/incidents/escalation-draft';
import { parseEscalationShortcut } from '../../domain/incidents/escalation-shortcut';
import type { Clock } from '../../domain/incidents/incident';
import { TEXT_LIMITS } from '../../domain/incidents/incident';
import type { IncidentService } from '../../domain/incidents/incident-service';
import { classifyScope } from '../../domain/incidents/scope-check';
import { DEFAULT_SEVERITY_POLICY, describeCommitment, SEVERITY_LEVELS, severityLabel, type SeverityPolicy } from '../../domain/incidents/severity';
import { formatWall, toWallTime } from '../../platform/zoned-time';
import type { FormDefinition, FormStep, Question } from '../dialogs/form';
import type { FiledEscalation } from './incident-views';

export const ESCALATION_FORM_ID = 'escalation';

/** What the dialog session stores: the domain draft plus the settings it is answered under. */
export interface EscalationFormDraft {
  e: EscalationDraft;
  timeZone: string;
  policy: SeverityPolicy;
  /** What the one-line shortcut said that a step could not take, shown with that step's question. */
  notes?: Partial<Record<EscalationStep, string>>;
}

export interface EscalationFormDeps {
  service: IncidentService;
  clock: Clock;
  /** Files the confirmed draft and renders the incident card (shared with the verbs). */
  file(draft: EscalationFormDraft, context: Parameters<FormDefinition<EscalationFormDraft>['submit']>[1]): Promise<FiledEscalation>;
}

/** Each answer's name on the confirmation card, as the card's headings call it. */
const LABELS: Record<EscalationStep, string> = {
  service: 'Affected service', problem: 'What is broken', impact: 'Business impact', affected: 'Who is affected', started: 'Started', severity: 'Severity', scope: 'Vendor or internal team', kind: 'Technical or non-technical',
};

export function escalationForm(deps: EscalationFormDeps): FormDefinition<EscalationFormDraft> {
  const ctx = (d: EscalationFormDraft): StepContext => ({ now: deps.clock(), timeZone: d.timeZone, policy: d.policy });
  const steps: FormStep<EscalationFormDraft>[] = ESCALATION_STEPS.map((step) => ({
    key: step,
    label: LABELS[step],
    ask: (d) => question(step, d, ctx(d)),
    answer(input, d) {
      const r = answerStep(d.e, step, input, ctx(d));
      return r.ok ? { ok: true, draft: withoutNote({ ...d, e: r.draft }, step) } : { ok: false, message: r.message };
    },
    skip: (d) => answered(step, d.e),
  }));

  return {
    id: ESCALATION_FORM_ID,
    noun: 'escalation',
    async begin(args, fc) {
      const { timeZone, policy } = await deps.service.settings(fc.workspace);
      const draft: EscalationFormDraft = { e: {}, timeZone, policy };
      // "escalate Teams meetings", "escalate sev A outage for Exchange": answers up front.
      const shortcut = parseEscalationShortcut(args, ctx(draft));
      if (!shortcut.matched) return { draft };
      const notes: NonNullable<EscalationFormDraft['notes']> = {};
      for (const n of shortcut.notes) notes[n.step] = notes[n.step] ? `${notes[n.step]} ${n.message}` : n.message;
      return { draft: { ...draft, e: shortcut.draft, ...(shortcut.notes.length ? { notes } : {}) } };
    },
    // Typed while another dialog waits, "escalate sev A outage for Exchange" is this command when
    // the line names a severity, or a service and what is wrong with it; "escalate to the network
    // team" is prose. The levels and their names are the same under every workspace's targets.
    startedBy: {
      command: 'escalate',
      takes: (args) => {
        const s = parseEscalationShortcut(args, { now: deps.clock(), timeZone: 'UTC', policy: DEFAULT_SEVERITY_POLICY });
        return s.draft.severity !== undefined || s.notes.some((n) => n.step === 'severity') || (s.draft.service !== undefined && s.draft.problem !== undefined);
      },
    },
    steps,
    confirmCard: (d) => renderEscalationDraftCard({ draft: d.e, policy: d.policy, timeZone: d.timeZone }),
    async submit(d, fc) {
      const c = confirmDraft(d.e);
      if (!c.ok) return { ok: false, retryable: false, message: c.message };
      const filed = await deps.file(d, fc);
      if (filed.kind === 'invalid') return { ok: false, retryable: false, message: `I couldn't file the escalation: ${filed.errors.join(' ')} Type cancel and start again with escalate.` };
      return { ok: true, card: filed.card, text: filed.summary };
    },
  };
}

function withoutNote(d: EscalationFormDraft, step: EscalationStep): EscalationFormDraft {
  if (!d.notes?.[step]) return d;
  const { [step]: _, ...rest } = d.notes;
  const { notes: __, ...draft } = d;
  return Object.keys(rest).length ? { ...draft, notes: rest } : draft;
}

function answered(step: EscalationStep, e: EscalationDraft): boolean {
  // The routing suggests the kind, so it is asked only when a routing suggests none (and never
  // counted among the questions to go before the routing is known); it stays changeable on the confirmation card.
  if (step === 'kind') return !e.scope || draftKind(e) !== undefined;
  const key = step === 'started' ? 'startedAt' : step;
  return e[key] !== undefined;
}

/** One question card's content. The severity and scope steps carry their explanations. */
function question(step: EscalationStep, d: EscalationFormDraft, ctx: StepContext): Question {
  const q = plainQuestion(step, d, ctx);
  const note = d.notes?.[step];
  return note ? { ...q, hint: q.hint ? `${note}\n\n${q.hint}` : note } : q;
}

/** The free-text questions' inputs: the answer so far, and room for the longest one kept. */
const TEXT_INPUTS: Record<'service' | 'problem' | 'impact' | 'affected', (e: EscalationDraft) => DialogInputSpec> = {
  service: (e) => ({ kind: 'text', placeholder: 'Teams meetings, Exchange Online, …', maxLength: TEXT_LIMITS.service, value: e.service ?? '' }),
  problem: (e) => ({ kind: 'multiline', placeholder: 'Error messages, what fails and what still works', maxLength: TEXT_LIMITS.problem, value: e.problem ?? '' }),
  impact: (e) => ({ kind: 'multiline', placeholder: 'What the business cannot do, and what it costs', maxLength: TEXT_LIMITS.impact, value: e.impact ?? '' }),
  affected: (e) => ({ kind: 'text', placeholder: 'About 300 users in Berlin and Lyon', maxLength: TEXT_LIMITS.affected, value: e.affected ?? '' }),
};

function plainQuestion(step: EscalationStep, d: EscalationFormDraft, ctx: StepContext): Question {
  const p = promptFor(step, d.e, ctx);
  if (step === 'severity') return severityQuestion(p, d);
  if (step === 'scope') {
    const s = classifyScope([d.e.service, d.e.problem, d.e.impact, d.e.affected]);
    // The suggested area is offered first, as "Yes"; its value is the area itself, as is an area picked from the list.
    const suggested = s.route === 'internal' ? s.category : undefined;
    const current = d.e.scope ? (d.e.scope.route === 'vendor' ? 'vendor' : d.e.scope.category) : suggested ?? 'vendor';
    return {
      text: p.question,
      hint: 'The vendor does not accept cases about our own network, hardware, on-premises or third-party software, operating procedures, architecture, or process, configuration and human errors; those go to the internal owning team instead.',
      choices: [
        ...(s.route === 'internal' ? [{ title: `Yes: route to ${s.owningRole}`, value: s.category }] : []),
        ...(p.choices ?? []).filter((c) => c.value !== suggested).map((c) => ({ title: c.value === 'vendor' ? "It's the vendor's service" : c.title, value: c.value })),
      ],
      input: { kind: 'choice', value: current },
    };
  }
  if (step === 'kind') {
    const suggested = p.suggestion?.value;
    return { text: p.question, hint: p.hint, choices: (p.choices ?? []).map((c) => ({ title: c.value === suggested ? `${c.title} (the routing suggests it)` : c.title, value: c.value })), input: { kind: 'choice', value: draftKind(d.e) ?? '' } };
  }
  if (step === 'started') {
    // Prefilled with the answer so far, or now: "Next" then means "it started just now".
    const at = d.e.startedAt ? new Date(d.e.startedAt) : ctx.now;
    return { text: p.question, hint: `Pick the date and time (${ctx.timeZone}), or type "40 minutes ago" or "yesterday 14:00".`, input: { kind: 'date', withTime: true, value: formatWall(toWallTime(at, ctx.timeZone)) } };
  }
  return { text: p.question, hint: p.hint, input: TEXT_INPUTS[step](d.e) };
}

/**
 * What each severity commits to is shown before anyone picks one. Severity 1 is listed (so the
 * agent knows it exists) but offered as no choice: only the vendor declares it.
 */
function severityQuestion(p: ReturnType<typeof promptFor>, d: EscalationFormDraft): Question {
  const commitments = SEVERITY_LEVELS.map((level) => describeCommitment(d.policy, level)).join('\n\n');
  const suggested = p.suggestion?.value as keyof SeverityPolicy['rules'] | undefined;
  return {
    text: p.question,
    hint: `What each severity commits to:\n\n${commitments}`,
    choices: [
      ...(suggested ? [{ title: `Yes: ${severityLabel(d.policy.rules[suggested])}`, value: suggested }] : []),
      ...SEVERITY_LEVELS.filter((l) => d.policy.rules[l].declaredBy !== 'vendor' && l !== suggested).map((l) => ({ title: severityLabel(d.policy.rules[l]), value: l })),
    ],
    input: { kind: 'choice', value: d.e.severity ?? suggested ?? '' },
  };
}
