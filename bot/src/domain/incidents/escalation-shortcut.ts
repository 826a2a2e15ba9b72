// The one-line escalation: `escalate sev A outage for Exchange`, `escalate sev 1 Teams meetings
// down`, `escalate severity B for SharePoint: slow search`. What the line says becomes answers
// of the escalation draft, each checked by the same step rules as a typed answer; what it does
// not say (or says in a way the rules refuse) is left for the dialog to ask.
import { answerStep, type EscalationDraft, type EscalationStep, type StepContext } from './escalation-draft';
import { TEXT_LIMITS } from './incident';
import { parseSeverity, SEVERITY_LEVELS, type SeverityLevel } from './severity';
import { findSites } from '../text/site-names';

export interface EscalationShortcut {
  /** false when nothing followed the command word: the dialog asks everything. */
  matched: boolean;
  draft: EscalationDraft;
  /** What the line said that could not be used, by the step that will ask for it. */
  notes: { step: EscalationStep; message: string }[];
}

// "sev A", "sev. b", "severity: C", "sev 1", "severity critical", "sev A Critical", and the
// level letter run on ("sevA", "sev1"). The levels and names are the policy's (severity.ts).
const LEVEL_CHARS = SEVERITY_LEVELS.join('');
const SEVERITY_CLAUSE = new RegExp(String.raw`(?<![\p{L}\p{N}])sev(?:erity)?(?:\.?[\s:#-]+([\p{L}\p{N}]+)|([${LEVEL_CHARS}]))(?![\p{L}\p{N}])(?:\s*[-–]?\s*(\p{L}+))?`, 'iud');
// Words that say what is wrong: the service is named before them ("Teams meetings down").
const SYMPTOM = /(?<![\p{L}\p{N}])(?:(?:is|are|has|have|keeps?)\s+)?(down|outages?|slow|sluggish|degraded|unavailable|unreachable|broken|failing|fails?|failed|failures?|errors?|crash(?:es|ing|ed)?|hangs?|hanging|intermittent(?:ly)?|drops?|dropping|dropped|not working|isn't working|aren't working|stopped|timing out|times out|cannot|can't|can not|unable|no (?:calls|mail|email|access|audio|video|sign-?in))(?![\p{L}\p{N}])/iu;
// "… for Exchange", "… affecting Teams", "problem with SharePoint": the service comes after
// the last such word ("problems with calls for Teams" is about Teams).
const SERVICE_AFTER = /^(.*\S)\s+(?:for|affecting)\s+(.+)$/isu;
const SERVICE_WITH = /^(.*\S)\s+with\s+(.+)$/isu;
const MAX_SERVICE_WORDS = 6;
// After "for", a head count or a duration is not a service: "down for all users", "for 2 hours".
const NOT_A_SERVICE = /^(?:all|every|everyone|everybody|some|most|many|several|the whole|\p{N}|about|around|over|more than|users?|people|staff|hours?|minutes?|days?|since)(?![\p{L}])/iu;
const LEADING_LINK = /^(?:for|on|about|re:?|regarding|[-–:,;])\s*/i;
const PLACE_PREPOSITION = /\s+(?:in|at|from|across)\s*$/i;

/** `text` is what followed the command word (a leading "escalate" is ignored). */
export function parseEscalationShortcut(text: string, ctx: StepContext): EscalationShortcut {
  let draft: EscalationDraft = {};
  const notes: EscalationShortcut['notes'] = [];
  let rest = text.replace(/^\s*\/?escalate(?![\p{L}\p{N}])[\s:]*/iu, '').trim();
  if (!rest) return { matched: false, draft, notes };

  const sev = severityClause(rest, ctx);
  if (sev) {
    if (sev.level) {
      const r = answerStep(draft, 'severity', sev.level, ctx);
      if (r.ok) draft = r.draft;
      else notes.push({ step: 'severity', message: r.message });
    } else {
      const levels = SEVERITY_LEVELS.map((l) => ctx.policy.rules[l].level).join(', ');
      notes.push({ step: 'severity', message: `"${sev.text}" is not one of the severities (${levels}), so I'll ask.` });
    }
    rest = tidy(rest.slice(0, sev.start) + ' ' + rest.slice(sev.end));
  }
  rest = rest.replace(LEADING_LINK, '').trim();
  if (!rest) return { matched: true, draft, notes };

  const { service, problem } = splitServiceAndProblem(rest);
  if (service !== undefined) {
    const r = answerStep(draft, 'service', service, ctx);
    if (r.ok) draft = r.draft;
    else notes.push({ step: 'service', message: r.message });
  }
  if (problem !== undefined) {
    const r = answerStep(draft, 'problem', problem, ctx);
    if (r.ok) draft = r.draft;
    // Too short to stand as the description ("down"): the question asks for more, quoting it.
    else notes.push({ step: 'problem', message: `You wrote "${problem}". ${r.message}` });
  }
  // The sites the line names are part of who is affected: the question says they were heard.
  const sites = [...new Set(findSites(rest).map((site) => site.name))];
  if (sites.length) notes.push({ step: 'affected', message: `You named ${sites.join(' and ')}.` });
  return { matched: true, draft, notes };
}

/**
 * The severity clause of the line: where it is and the level it names (undefined for a level
 * the policy does not have, such as "sev E"). A long word after "severity" that is no level
 * ("severity unclear") is not taken as a clause at all.
 */
function severityClause(line: string, ctx: StepContext): { level?: SeverityLevel; text: string; start: number; end: number } | undefined {
  const m = SEVERITY_CLAUSE.exec(line);
  if (!m) return undefined;
  const token = m[1] ?? m[2]!;
  const tokenEnd = m.indices![1]?.[1] ?? m.indices![2]![1];
  const name = m[3];
  // "sev A Critical" names the level twice; in "sev A outage" the next word is the problem.
  if (name) {
    const both = parseSeverity(`${token} ${name}`, ctx.policy);
    if (both) return { level: both, text: m[0], start: m.index, end: m.index + m[0].length };
  }
  const level = parseSeverity(token, ctx.policy);
  if (!level && token.length > 2) return undefined;
  return { level, text: line.slice(m.index, tokenEnd), start: m.index, end: tokenEnd };
}

/**
 * Splits the line into the affected service and the description of the problem:
 * - "SharePoint: slow search": the service before the colon, the description after it;
 * - "outage for Exchange": the service after "for" / "affecting" / "with";
 * - "Teams meetings down": the service before the first word that says what is wrong;
 * - anything else is the service alone ("escalate Teams calling"), or, too long to be a
 *   service name, the description alone.
 * Where the line is one phrase, that phrase as written is the description. A site named in it
 * ("in HQ Building 2") stays in the description and is not part of the service.
 */
export function splitServiceAndProblem(line: string): { service?: string; problem?: string } {
  const colon = /^(.+?):\s+(.+)$/su.exec(line);
  if (colon && looksLikeServiceName(colon[1]!)) return { service: serviceName(colon[1]!), problem: colon[2]!.trim() };
  const after = SERVICE_AFTER.exec(line) ?? SERVICE_WITH.exec(line);
  if (after && !NOT_A_SERVICE.test(after[2]!)) {
    const service = serviceName(withoutSites(after[2]!));
    if (looksLikeServiceName(service)) return { service, problem: line };
  }
  const symptom = SYMPTOM.exec(line);
  if (symptom) {
    const service = serviceName(withoutSites(line.slice(0, symptom.index)));
    // "several users cannot sign in": who, not what; "down" alone: no service named.
    if (looksLikeServiceName(service) && !NOT_A_SERVICE.test(service)) return { service, problem: line };
    return { problem: line };
  }
  // One phrase with nothing wrong in it names the service, less any site named with it.
  const whole = serviceName(withoutSites(line));
  return looksLikeServiceName(whole) ? { service: whole } : { problem: line };
}

/** A service is named in a few words ("Exchange Online", "the payroll app"), not a sentence. */
function looksLikeServiceName(text: string): boolean {
  const t = text.trim();
  return t.length >= 2 && t.length <= TEXT_LIMITS.service && t.split(/\s+/).length <= MAX_SERVICE_WORDS;
}

/** The text with site mentions (and the "in"/"at" before them) cut out. */
function withoutSites(text: string): string {
  let out = text;
  for (const s of [...findSites(text)].reverse()) out = out.slice(0, s.start).replace(PLACE_PREPOSITION, '') + ' ' + out.slice(s.end);
  return tidy(out);
}

function serviceName(text: string): string {
  return text.replace(LEADING_LINK, '').replace(/\s+(?:is|are|has|have)$/i, '').replace(/^(?:the|our)\s+/i, '').replace(/[\s,;:.-]+$/, '').trim();
}

function tidy(text: string): string {
  return text.replace(/\s+([,;:.])/g, '$1').replace(/\s{2,}/g, ' ').replace(/^[\s,;:-]+|[\s,;-]+$/g, '').trim();
}
