// The escalation conversation, one answer at a time. A draft is plain JSON so the dialog can
// keep it in conversation state, resume after "cancel"/restart and show it on a card. Each
// answer is checked on its own (ok, or a short explanation of what is wrong) and the next
// step is the first one still unanswered, so any step can be revisited from the card.
import { addWallDays, toWallTime, wallToInstant, type WallTime } from '../../platform/zoned-time';
import { type EscalationFacts, TEXT_LIMITS } from './incident';
import { classifyScope, parseScopeAnswer, SCOPE_CATEGORIES, SCOPE_CATEGORY_INFO, type ScopeDecision } from './scope-check';
import { describeCommitment, parseSeverity, SEVERITY_LEVELS, severityLabel, type SeverityLevel, type SeverityPolicy } from './severity';
import { findSites, maskSites } from '../text/site-names';
import {
  defaultEscalationKind, ESCALATION_KIND_DETAILS, ESCALATION_KIND_LABELS, ESCALATION_KINDS, type EscalationKind, isEscalationKind, parseEscalationKind,
} from './escalation-kind';
import { checkFreeText } from '../text/free-text';

export type EscalationStep = 'service' | 'problem' | 'impact' | 'affected' | 'started' | 'severity' | 'scope' | 'kind';
export const ESCALATION_STEPS: readonly EscalationStep[] = ['service', 'problem', 'impact', 'affected', 'started', 'severity', 'scope', 'kind'];

export interface EscalationDraft {
  service?: string;
  problem?: string;
  impact?: string;
  affected?: string;
  /** Number of users named in the "affected" answer, when one was given. */
  affectedUsers?: number;
  affectedEveryone?: boolean;
  startedAt?: string;
  severity?: SeverityLevel;
  scope?: ScopeDecision;
  /** Chosen by the person; without it the routing's suggestion applies (escalation-kind.ts). */
  kind?: EscalationKind;
}

/** The escalation's kind: the one chosen, else the one the routing suggests. */
export const draftKind = (draft: EscalationDraft): EscalationKind | undefined => draft.kind ?? defaultEscalationKind(draft.scope);

export interface StepContext {
  now: Date;
  /** The workspace's IANA time zone, for answers such as "09:15" or "yesterday 14:00". */
  timeZone: string;
  policy: SeverityPolicy;
}

export interface StepPrompt {
  step: EscalationStep;
  question: string;
  hint?: string;
  /** Offered answers (value is what answerStep accepts). */
  choices?: { value: string; title: string; detail?: string }[];
  suggestion?: { value: string; reason: string };
}

export type StepResult = { ok: true; draft: EscalationDraft; next: EscalationStep | 'confirm' } | { ok: false; message: string };

/** A complete escalation, ready to file. */
export type ConfirmedEscalation = EscalationFacts;

export function nextStep(draft: EscalationDraft): EscalationStep | 'confirm' {
  if (!draft.service) return 'service';
  if (!draft.problem) return 'problem';
  if (!draft.impact) return 'impact';
  if (!draft.affected) return 'affected';
  if (!draft.startedAt) return 'started';
  if (!draft.severity) return 'severity';
  if (!draft.scope) return 'scope';
  if (!draftKind(draft)) return 'kind';
  return 'confirm';
}

/** Severity suggested from the answers; never 1, which only the vendor declares. */
export function suggestSeverity(draft: EscalationDraft): { level: SeverityLevel; reason: string } {
  const text = [draft.problem, draft.impact, draft.affected].filter(Boolean).join('\n').toLowerCase();
  if (/\b(non-?production|test(ing)? (tenant|environment|system)|dev(elopment)? (tenant|environment)|staging|sandbox|lab)\b/.test(text))
    return { level: 'D', reason: 'it concerns a non-production environment' };
  const single = draft.affectedUsers === 1 || /\b(single user|one user|only me|just me|a single person|one person)\b/.test(text);
  const widespread = draft.affectedEveryone || (draft.affectedUsers ?? 0) >= 100 || /\b(all users|everyone|everybody|whole (company|organi[sz]ation)|company-wide|all (sites|offices|locations)|nobody|no one)\b/.test(text);
  const down = /\b(down|outage|unavailable|nobody can|no one can|cannot|can't|can not|unable|not working|stopped|fail(s|ing|ed)?|no (calls|mail|email|access))\b/.test(text);
  const degraded = /\b(slow|degraded|intermittent(ly)?|sometimes|delay(s|ed)?|partial(ly)?|some users|poor quality|drops?)\b/.test(text);
  if (single) return { level: 'C', reason: 'a single user is affected' };
  if (down && widespread) return { level: 'A', reason: 'the service is down or unusable for many people' };
  if (down || degraded || (draft.affectedUsers ?? 0) > 1) return { level: 'B', reason: 'people can work, but the service is impaired' };
  return { level: 'C', reason: 'the answers describe little current impact' };
}

export function promptFor(step: EscalationStep, draft: EscalationDraft, ctx: StepContext): StepPrompt {
  switch (step) {
    case 'service':
      return { step, question: 'Which service is affected?', hint: 'For example: Teams meetings, Exchange Online, the payroll app.' };
    case 'problem':
      return { step, question: 'What is broken? Describe what people see.', hint: 'Error messages, what fails and what still works.' };
    case 'impact':
      return { step, question: 'What is the business impact?', hint: 'What can the business not do, and what does that cost? This statement justifies the severity.' };
    case 'affected':
      return { step, question: 'Who is affected: how many users, which sites?', hint: 'For example: "about 300 users in Berlin and Lyon", "all users", "one user".' };
    case 'started':
      return { step, question: 'When did it start?', hint: `"now", "40 minutes ago", "09:15", "yesterday 14:00" or "2024-03-05 08:30" (${ctx.timeZone}).` };
    case 'severity': {
      const s = suggestSeverity(draft);
      return {
        step,
        question: `Which severity? I suggest ${severityLabel(ctx.policy.rules[s.level])} because ${s.reason}.`,
        choices: SEVERITY_LEVELS.map((level) => ({ value: level, title: severityLabel(ctx.policy.rules[level]), detail: describeCommitment(ctx.policy, level) })),
        suggestion: { value: s.level, reason: s.reason },
      };
    }
    case 'scope': {
      const s = classifyScope([draft.service, draft.problem, draft.impact, draft.affected]);
      return {
        step,
        question:
          s.route === 'internal'
            ? `${s.reason} Reply "yes" to route it to ${s.owningRole}, "vendor" if the problem really is in the vendor's service, or pick another area.`
            : 'Is the problem in one of the areas the vendor does not accept? Reply "vendor" if it is in the vendor\'s service, or pick the area.',
        choices: [
          { value: 'vendor', title: "The vendor's service", detail: 'Escalate to the vendor.' },
          ...SCOPE_CATEGORIES.map((c) => ({ value: c, title: SCOPE_CATEGORY_INFO[c].label, detail: `Route to ${SCOPE_CATEGORY_INFO[c].defaultRole}.` })),
        ],
        suggestion: { value: s.route === 'internal' ? s.category : 'vendor', reason: s.reason },
      };
    }
    case 'kind':
      return {
        step,
        question: 'Is this a technical or a non-technical escalation?',
        hint: 'The monthly service review counts both kinds.',
        choices: ESCALATION_KINDS.map((k) => ({ value: k, title: ESCALATION_KIND_LABELS[k], detail: ESCALATION_KIND_DETAILS[k] })),
        ...(defaultEscalationKind(draft.scope) ? { suggestion: { value: defaultEscalationKind(draft.scope)!, reason: 'the routing suggests it' } } : {}),
      };
  }
}

/** One answer under the product's one free-text rule; too short is asked again in the dialog's words. */
function text(answer: string, what: string, max: number, min: number): string | { error: string } {
  const r = checkFreeText(answer, { label: `${what.charAt(0).toUpperCase()}${what.slice(1)}`, max, min, whenMissing: `Please tell me ${what}${min > 1 ? ` (at least ${min} characters)` : ''}.` });
  return r.ok ? r.value : { error: r.error };
}

/** Applies one answer. Invalid answers leave the draft as it was and say why. */
export function answerStep(draft: EscalationDraft, step: EscalationStep, answer: string, ctx: StepContext): StepResult {
  if (typeof answer !== 'string') return { ok: false, message: 'Please answer with text.' };
  let next: EscalationDraft;
  switch (step) {
    case 'service': {
      const t = text(answer, 'the affected service', TEXT_LIMITS.service, 2);
      if (typeof t !== 'string') return { ok: false, message: t.error };
      next = { ...draft, service: t };
      break;
    }
    case 'problem': {
      const t = text(answer, 'what is broken', TEXT_LIMITS.problem, 10);
      if (typeof t !== 'string') return { ok: false, message: t.error };
      next = { ...draft, problem: t };
      break;
    }
    case 'impact': {
      const t = text(answer, 'the business impact', TEXT_LIMITS.impact, 10);
      if (typeof t !== 'string') return { ok: false, message: t.error };
      next = { ...draft, impact: t };
      break;
    }
    case 'affected': {
      const t = text(answer, 'who is affected', TEXT_LIMITS.affected, 2);
      if (typeof t !== 'string') return { ok: false, message: t.error };
      const lower = t.toLowerCase();
      const count = countAffectedUsers(t);
      const everyone = /\b(all|everyone|everybody|entire|whole)\b/.test(lower);
      const single = /\b(one|single|a) (user|person)\b|\bonly me\b|\bjust me\b/.test(lower);
      next = { ...draft, affected: t, affectedUsers: single ? 1 : count, affectedEveryone: everyone || undefined };
      break;
    }
    case 'started': {
      const r = parseStartedAt(answer, ctx.now, ctx.timeZone);
      if ('error' in r) return { ok: false, message: r.error };
      next = { ...draft, startedAt: r.at.toISOString() };
      break;
    }
    case 'severity': {
      const t = answer.trim().toLowerCase();
      const level = ['yes', 'ok', 'suggested', 'accept'].includes(t) ? suggestSeverity(draft).level : parseSeverity(answer, ctx.policy);
      if (!level) return { ok: false, message: 'Please choose a severity: A, B, C or D (or "yes" for my suggestion).' };
      const rule = ctx.policy.rules[level];
      if (rule.declaredBy === 'vendor')
        return { ok: false, message: `Only the vendor can declare severity ${severityLabel(rule)}. Choose A if the impact is critical; the severity is changed to 1 if the vendor declares it.` };
      next = { ...draft, severity: level };
      break;
    }
    case 'scope':
    case 'kind': {
      const r = routingAnswer(draft, step, answer);
      if (typeof r === 'string') return { ok: false, message: r };
      next = r;
      break;
    }
  }
  return { ok: true, draft: next, next: nextStep(next) };
}

/** Where the case goes and what kind of escalation it is: the draft with the answer, or what is wrong with it. */
function routingAnswer(draft: EscalationDraft, step: 'scope' | 'kind', answer: string): EscalationDraft | string {
  if (step === 'kind') {
    const kind = parseEscalationKind(answer);
    return kind ? { ...draft, kind } : 'Please answer "technical" or "non-technical".';
  }
  const decision = parseScopeAnswer(answer, classifyScope([draft.service, draft.problem, draft.impact, draft.affected]));
  return decision ? { ...draft, scope: decision } : `Please answer "yes", "vendor", or one of: ${SCOPE_CATEGORIES.join(', ')}.`;
}

/** The draft as a complete escalation, or the first step that still needs an answer. */
export function confirmDraft(draft: EscalationDraft): { ok: true; escalation: ConfirmedEscalation } | { ok: false; step: EscalationStep; message: string } {
  const step = nextStep(draft);
  if (step !== 'confirm') return { ok: false, step, message: `The escalation is not complete yet: the "${step}" question has no answer.` };
  const { service, problem, impact, affected, startedAt, severity, scope } = draft as Required<EscalationDraft>;
  return { ok: true, escalation: { service, problem, impact, affected, startedAt, severity, scope, escalationKind: draftKind(draft)! } };
}

/** Checks a confirmed escalation that arrived from outside (card data, resumed state). */
export function validateEscalation(e: unknown, ctx: StepContext): { ok: true; escalation: ConfirmedEscalation } | { ok: false; errors: string[] } {
  if (!e || typeof e !== 'object') return { ok: false, errors: ['No escalation was given.'] };
  const d = e as Record<string, unknown>;
  let draft: EscalationDraft = {};
  const errors: string[] = [];
  for (const step of ['service', 'problem', 'impact', 'affected'] as const) {
    const r = answerStep(draft, step, typeof d[step] === 'string' ? (d[step] as string) : '', ctx);
    if (r.ok) draft = r.draft;
    else errors.push(r.message);
  }
  const started = typeof d.startedAt === 'string' ? Date.parse(d.startedAt) : NaN;
  if (Number.isNaN(started) || started > ctx.now.getTime() + 5 * 60_000) errors.push('The start time is missing or in the future.');
  const sev = d.severity;
  if (typeof sev !== 'string' || !parseSeverity(sev, ctx.policy) || ctx.policy.rules[parseSeverity(sev, ctx.policy)!].declaredBy === 'vendor') errors.push('The severity must be A, B, C or D.');
  const scope = d.scope as ScopeDecision | undefined;
  const scopeOk = scope && (scope.route === 'vendor' || (scope.route === 'internal' && SCOPE_CATEGORIES.includes(scope.category) && typeof scope.owningRole === 'string'));
  if (!scopeOk) errors.push('The scope check is missing.');
  // Optional from outside (a dialog draft calls it `kind`): absent, the routing's suggestion applies.
  const givenKind = d.escalationKind ?? d.kind;
  if (givenKind !== undefined && !isEscalationKind(givenKind)) errors.push('The escalation must be technical or non-technical.');
  if (errors.length) return { ok: false, errors };
  const decided = scope!.route === 'vendor' ? { route: 'vendor' as const, reason: String(scope!.reason ?? ''), matched: [] } : scope!;
  const escalationKind = isEscalationKind(givenKind) ? givenKind : defaultEscalationKind(decided);
  return {
    ok: true,
    escalation: {
      service: draft.service!,
      problem: draft.problem!,
      impact: draft.impact!,
      affected: draft.affected!,
      startedAt: new Date(started).toISOString(),
      severity: parseSeverity(sev as string, ctx.policy)!,
      scope: decided,
      ...(escalationKind ? { escalationKind } : {}),
    },
  };
}

const PEOPLE = /^(users?|people|persons?|staff|employees|agents|seats|colleagues|members|mailboxes)$/;
// Words that may follow a bare head count ("300 in Lyon", "about 40 affected").
const AFTER_COUNT = /^(in|at|on|across|from|of|and|or|are|is|were|affected|impacted|can|cannot|can't|have|has|so|total)$/;

/**
 * The number of users an "affected" answer names: a number followed by a word for people, else
 * a bare number. Numbers that belong to a site ("Warehouse 2", "HQ Building 2") or count
 * something else ("3 sites", "40 calls an hour") are not head counts.
 */
export function countAffectedUsers(answer: string): number | undefined {
  const masked = maskSites(answer).toLowerCase();
  let bare: number | undefined;
  for (const m of masked.matchAll(/(?<![\p{L}\p{N}.,])(\d[\d,.']*)(?:\s+|(?=[^\p{L}])|$)(\p{L}[\p{L}']*)?/gu)) {
    const n = Number(m[1]!.replace(/[,.']+$/, '').replace(/[,.']/g, ''));
    if (!Number.isSafeInteger(n)) continue;
    const word = m[2];
    if (word && PEOPLE.test(word)) return n;
    if (bare === undefined && (!word || AFTER_COUNT.test(word))) bare = n;
  }
  return bare;
}

/** Sites the answers name, each kept whole ("HQ Building 2", "Warehouse 2", "Branch Paris"). */
export function namedSites(draft: Pick<EscalationDraft, 'problem' | 'affected'>): string[] {
  const names = [draft.problem, draft.affected].flatMap((t) => (t ? findSites(t).map((s) => s.name) : []));
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}

const MAX_AGE_DAYS = 365;

/** "now", "40 minutes ago", "2 hours ago", "09:15", "today 09:15", "yesterday 14:00", "2024-03-05 08:30", ISO with offset. */
export function parseStartedAt(answer: string, now: Date, timeZone: string): { at: Date } | { error: string } {
  const t = answer.trim().toLowerCase();
  let at: Date | undefined;
  let m: RegExpExecArray | null;
  const today = toWallTime(now, timeZone);
  const wallAt = (w: WallTime) => wallToInstant(w, timeZone);
  if (['now', 'just now', 'right now'].includes(t)) at = now;
  else if ((m = /^(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)\s+ago$/.exec(t))) {
    const n = Number(m[1]);
    const unit = m[2]!.startsWith('m') ? 60_000 : m[2]!.startsWith('h') ? 3_600_000 : 86_400_000;
    at = new Date(now.getTime() - n * unit);
  } else if ((m = /^(?:(today|yesterday)\s+(?:at\s+)?)?(\d{1,2})[:.](\d{2})$/.exec(t))) {
    const hour = Number(m[2]);
    const minute = Number(m[3]);
    if (hour > 23 || minute > 59) return { error: `${answer.trim()} is not a time of day.` };
    const base = m[1] === 'yesterday' ? addWallDays(today, -1) : today;
    at = wallAt({ year: base.year, month: base.month, day: base.day, hour, minute });
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})[ t](\d{2}):(\d{2})$/.exec(t))) {
    try {
      at = wallAt({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]) });
    } catch {
      return { error: `${answer.trim()} is not a valid date and time.` };
    }
  } else if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(answer.trim());
    if (!Number.isNaN(ms)) at = new Date(ms);
  }
  if (!at) return { error: 'I did not understand that time. Try "now", "40 minutes ago", "09:15", "yesterday 14:00" or "2024-03-05 08:30".' };
  if (at.getTime() > now.getTime() + 5 * 60_000) return { error: 'That time is in the future; when did the problem start?' };
  if (at.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000) return { error: `That is more than ${MAX_AGE_DAYS} days ago; please check the date.` };
  return { at };
}
