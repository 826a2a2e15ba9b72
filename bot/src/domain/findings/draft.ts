// A finding being written, one answer at a time. The dialog (teams/) owns the conversation;
// this module owns the rules: which question comes next, what the choices are, and whether an
// answer is acceptable (ok → the new draft; error → a short explanation to re-ask with).
// A draft is plain JSON so the dialog can keep it in conversation state and resume it later.
import {
  AREAS, type AreaId, CATEGORIES, type CategoryId, category as categoryInfo, DEFAULT_ROLE_NAMES, defaultArea, defaultOwningRole,
  findArea, findCategory, findMetric, findNetworkType, METRICS, type MetricId, metric as metricInfo, NETWORK_TYPES, type NetworkTypeId,
  networkType as networkInfo, area as areaInfo,
} from './catalog';
import { hardToTriageWarning, parseSubnet } from './cidr';
import { compareToTarget, formatPercent, type TargetComparison, type TargetRow, QER_TARGETS } from './targets';
import { checkLink, checkText, isSkip, LIMITS, parsePercent } from './text';

export type StepId = 'category' | 'area' | 'building' | 'subnet' | 'networkType' | 'metric' | 'metricName' | 'value' | 'description' | 'evidence' | 'owningRole';
export const STEP_ORDER: readonly StepId[] = ['category', 'area', 'building', 'subnet', 'networkType', 'metric', 'metricName', 'value', 'description', 'evidence', 'owningRole'];

export interface FindingDraft {
  category?: CategoryId;
  area?: AreaId;
  building?: string;
  /** Canonical CIDR. */
  subnet?: string;
  networkType?: NetworkTypeId;
  metric?: MetricId;
  /** Only for metric 'named'. */
  metricName?: string;
  /** Percent for the rate metrics; as typed for a named metric. */
  value?: number;
  unit?: string;
  description?: string;
  evidence?: string;
  owningRole?: string;
  /** Steps answered or skipped; the next question is the first applicable step not in here. */
  done: StepId[];
  startedAt: string;
  updatedAt: string;
}

export interface StepContext {
  /** Role names of the workspace's role map; the standard template's roles when absent. */
  roles?: readonly string[];
  targets?: readonly TargetRow[];
}

export interface Choice { title: string; value: string }
export interface Prompt {
  step: StepId;
  question: string;
  /** Offer as buttons; typing an alias works too. */
  choices: Choice[];
  /** "skip" is accepted. */
  optional: boolean;
  /** What pressing "skip"/the default gives, if anything. */
  defaultValue?: string;
}

export type AnswerResult = { ok: true; draft: FindingDraft; note?: string } | { ok: false; error: string };

export function newDraft(now: Date): FindingDraft {
  return { done: [], startedAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** Location matters for network problems; a headset or client finding may be fleet-wide. */
const needsPlace = (d: FindingDraft) => !d.category || categoryInfo(d.category).kind === 'network';

export function stepApplies(d: FindingDraft, step: StepId): boolean {
  if (step === 'metricName') return d.metric === 'named';
  if (step === 'value') return d.metric !== undefined;
  return true;
}

export function nextStep(d: FindingDraft): StepId | 'confirm' {
  return STEP_ORDER.find((s) => stepApplies(d, s) && !d.done.includes(s)) ?? 'confirm';
}

/** Steps answered so far that apply, for "step 3 of 9" progress. */
export function progress(d: FindingDraft): { answered: number; total: number } {
  const applicable = STEP_ORDER.filter((s) => stepApplies(d, s));
  return { answered: applicable.filter((s) => d.done.includes(s)).length, total: applicable.length };
}

/** Stale drafts are offered as "resume or discard" rather than silently continued. */
export function isStale(d: FindingDraft, now: Date, afterMinutes = 30): boolean {
  return now.getTime() - Date.parse(d.updatedAt) > afterMinutes * 60_000;
}

/** Opens a step again (editing from the confirmation card); later steps keep their answers. */
export function reopen(d: FindingDraft, step: StepId): FindingDraft {
  return { ...d, done: d.done.filter((s) => s !== step) };
}

const roleList = (ctx: StepContext) => (ctx.roles && ctx.roles.length ? ctx.roles : DEFAULT_ROLE_NAMES);

export function promptFor(d: FindingDraft, step: StepId, ctx: StepContext = {}): Prompt {
  switch (step) {
    case 'category':
      return { step, question: 'Which kind of problem is it?', choices: CATEGORIES.map((c) => ({ title: c.short, value: c.id })), optional: false };
    case 'area': {
      const def = defaultArea(d.category ?? 'other', d.metric);
      return { step, question: 'Which part of the quality review found it?', choices: AREAS.map((a) => ({ title: a.label, value: a.id })), optional: true, defaultValue: def };
    }
    case 'building':
      return { step, question: needsPlace(d) ? 'Which building or site is affected? (or "skip" if you only know the subnet)' : 'Which building or site is affected? ("skip" if it is not tied to a place)', choices: [{ title: 'Skip', value: 'skip' }], optional: true };
    case 'subnet':
      return { step, question: 'Which subnet, in CIDR form like 10.20.30.0/24?', choices: needsPlace(d) && !d.building ? [] : [{ title: 'Skip', value: 'skip' }], optional: !(needsPlace(d) && !d.building) };
    case 'networkType': {
      const choices = NETWORK_TYPES.map((n) => ({ title: n.label, value: n.id }));
      return { step, question: 'Which network were the calls on?', choices: [...choices, { title: 'Not sure', value: 'skip' }], optional: true };
    }
    case 'metric':
      return { step, question: 'Which metric shows the problem?', choices: [...METRICS.map((m) => ({ title: m.id === 'named' ? 'Another metric' : `${m.label} (${m.short})`, value: m.id })), { title: 'No metric', value: 'skip' }], optional: true };
    case 'metricName':
      return { step, question: 'What is the metric called?', choices: [], optional: false };
    case 'value':
      return { step, question: d.metric === 'named' ? `What value did you see for ${d.metricName ?? 'it'}?` : `What ${metricInfo(d.metric ?? 'poor-stream-rate').label.toLowerCase()} did you see, in percent?`, choices: [{ title: 'Not known', value: 'skip' }], optional: true };
    case 'description':
      return { step, question: 'What did you see? Describe the problem in a few sentences.', choices: [], optional: false };
    case 'evidence':
      return { step, question: 'A link to the evidence (a dashboard report, a screenshot)? Or "skip".', choices: [{ title: 'Skip', value: 'skip' }], optional: true };
    case 'owningRole': {
      const roles = roleList(ctx);
      const def = defaultOwningRole(d.category ?? 'other', roles);
      const ordered = [def, ...roles.filter((r) => r !== def)];
      return { step, question: `Which team must remediate it? The usual owner is ${def}.`, choices: ordered.map((r) => ({ title: r, value: r })), optional: true, defaultValue: def };
    }
  }
}

function done(d: FindingDraft, step: StepId, patch: Partial<FindingDraft>, now: Date, note?: string): AnswerResult {
  const draft = { ...d, ...patch, done: d.done.includes(step) ? d.done : [...d.done, step], updatedAt: now.toISOString() };
  return note ? { ok: true, draft, note } : { ok: true, draft };
}

const choiceHint = (names: string[]) => `Choose one of: ${names.join(', ')}.`;

/** Validates one answer. The answer is the button value or what the person typed. */
export function answer(d: FindingDraft, step: StepId, input: string, now: Date, ctx: StepContext = {}): AnswerResult {
  if (!stepApplies(d, step)) return { ok: false, error: 'That question does not apply to this finding.' };
  const text = input.trim();
  const skip = isSkip(text);
  switch (step) {
    case 'category': {
      const c = findCategory(text);
      if (!c) return { ok: false, error: `I don't know the category "${text.slice(0, 60)}". ${choiceHint(CATEGORIES.map((x) => x.short))}` };
      return done(d, step, { category: c.id }, now);
    }
    case 'area': {
      if (skip || /^(default|ok|yes)$/i.test(text)) return done(d, step, { area: defaultArea(d.category ?? 'other', d.metric) }, now);
      const a = findArea(text);
      if (!a) return { ok: false, error: `"${text.slice(0, 60)}" is not a review area. ${choiceHint(AREAS.map((x) => x.label))}` };
      return done(d, step, { area: a.id }, now);
    }
    case 'building': {
      if (skip) return done(d, step, { building: undefined }, now);
      const t = checkText('The building name', text, LIMITS.shortText);
      if (!t.ok) return t;
      return done(d, step, { building: t.value }, now);
    }
    case 'subnet':
      return answerSubnet(d, text, skip, now);
    case 'networkType': {
      if (skip) return done(d, step, { networkType: undefined }, now);
      const n = findNetworkType(text);
      if (!n) return { ok: false, error: `"${text.slice(0, 60)}" is not a network type I know. ${choiceHint(NETWORK_TYPES.map((x) => x.label))}, or "not sure".` };
      return done(d, step, { networkType: n.id }, now);
    }
    case 'metric':
      return answerMetric(d, text, skip, now);
    case 'metricName': {
      const t = checkText('The metric name', text, LIMITS.shortText);
      if (!t.ok) return t;
      return done(d, step, { metricName: t.value }, now);
    }
    case 'value':
      return answerValue(d, text, skip, now, ctx);
    case 'description': {
      const t = checkText('The description', input, LIMITS.description, { multiline: true });
      if (!t.ok) return t;
      return done(d, step, { description: t.value }, now);
    }
    case 'evidence': {
      if (skip) return done(d, step, { evidence: undefined }, now);
      const l = checkLink(text);
      if (!l.ok) return l;
      return done(d, step, { evidence: l.value }, now);
    }
    case 'owningRole':
      return answerOwningRole(d, text, skip, now, ctx);
  }
}

function answerOwningRole(d: FindingDraft, text: string, skip: boolean, now: Date, ctx: StepContext): AnswerResult {
  const roles = roleList(ctx);
  if (skip || /^(default|ok|yes)$/i.test(text)) return done(d, 'owningRole', { owningRole: defaultOwningRole(d.category ?? 'other', roles) }, now);
  const found = roles.find((r) => r.toLowerCase() === text.toLowerCase());
  if (!found) return { ok: false, error: `"${text.slice(0, 60)}" is not a team in the role map. ${choiceHint([...roles])}` };
  return done(d, 'owningRole', { owningRole: found }, now);
}

function answerSubnet(d: FindingDraft, text: string, skip: boolean, now: Date): AnswerResult {
  if (skip) {
    if (needsPlace(d) && !d.building) return { ok: false, error: 'I need a building or a subnet so the owning team knows where to look. Send the subnet in CIDR form, like 10.20.30.0/24.' };
    return done(d, 'subnet', { subnet: undefined }, now);
  }
  const s = parseSubnet(text);
  if (!s.ok) return s;
  return done(d, 'subnet', { subnet: s.value.canonical }, now, hardToTriageWarning(s.value));
}

function answerMetric(d: FindingDraft, text: string, skip: boolean, now: Date): AnswerResult {
  if (skip) return done(d, 'metric', { metric: undefined, metricName: undefined, value: undefined, unit: undefined }, now);
  const m = findMetric(text);
  if (!m) return { ok: false, error: `"${text.slice(0, 60)}" is not a metric I know. ${choiceHint(METRICS.map((x) => x.id === 'named' ? 'another metric' : `${x.label} (${x.short})`))}, or "no metric".` };
  // Changing the metric invalidates a value given for the old one.
  const changed = m.id !== d.metric;
  const cleared = changed ? { value: undefined, unit: undefined, metricName: undefined } : {};
  const next = { ...d, done: changed ? d.done.filter((s) => s !== 'value' && s !== 'metricName') : d.done };
  return done(next, 'metric', { metric: m.id, ...cleared }, now);
}

function answerValue(d: FindingDraft, text: string, skip: boolean, now: Date, ctx: StepContext): AnswerResult {
  if (skip) return done(d, 'value', { value: undefined, unit: undefined }, now);
  if (d.metric === 'named') {
    const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*(.{0,20})$/.exec(text);
    if (!m) return { ok: false, error: `"${text.slice(0, 40)}" is not a number. Send the value, optionally with its unit, like 250 ms.` };
    const unit = m[2]!.trim();
    const u = unit ? checkText('The unit', unit, 20) : { ok: true as const, value: '' };
    if (!u.ok) return u;
    return done(d, 'value', { value: Number(m[1]!.replace(',', '.')), unit: u.value || undefined }, now);
  }
  const p = parsePercent(text);
  if (!p.ok) return p;
  const next = { ...d, value: p.value, unit: '%' };
  const cmp = draftTargetCheck(next, ctx);
  return done(d, 'value', { value: p.value, unit: '%' }, now, cmp?.summary);
}

/** Is the observed value above the target for this network? Undefined without a rate metric and value. */
export function draftTargetCheck(d: Pick<FindingDraft, 'metric' | 'value' | 'networkType'>, ctx: StepContext = {}): TargetComparison | undefined {
  if (d.value === undefined || !d.metric || d.metric === 'named') return undefined;
  return compareToTarget(d.value, { metric: d.metric, networkType: d.networkType }, ctx.targets ?? QER_TARGETS);
}

/** A draft whose every field has been checked: the fields a finding cannot do without are set. */
export type ConfirmedDraft = Omit<FindingDraft, 'done' | 'startedAt' | 'updatedAt' | 'category' | 'area' | 'description' | 'owningRole'> &
  Required<Pick<FindingDraft, 'category' | 'area' | 'description' | 'owningRole'>>;

/**
 * Final check before anything is saved (the confirmation card, the import, the tab API all end
 * here): every field is validated again, so card data or API input cannot bypass the dialog's rules.
 */
export function confirmDraft(d: Partial<FindingDraft>, ctx: StepContext = {}): { ok: true; value: ConfirmedDraft } | { ok: false; error: string } {
  if (!d.category || !CATEGORIES.some((c) => c.id === d.category)) return { ok: false, error: 'The finding has no category yet.' };
  const description = checkText('The description', d.description ?? '', LIMITS.description, { multiline: true });
  if (!description.ok) return description;
  const out: ConfirmedDraft = { category: d.category, area: d.area && AREAS.some((a) => a.id === d.area) ? d.area : defaultArea(d.category, d.metric), description: description.value, owningRole: '' };
  if (d.building !== undefined && d.building !== '') {
    const b = checkText('The building name', d.building, LIMITS.shortText);
    if (!b.ok) return b;
    out.building = b.value;
  }
  if (d.subnet !== undefined && d.subnet !== '') {
    const s = parseSubnet(d.subnet);
    if (!s.ok) return s;
    out.subnet = s.value.canonical;
  }
  if (needsPlace(d as FindingDraft) && !out.building && !out.subnet) return { ok: false, error: 'A network finding needs a building/site or a subnet.' };
  if (d.networkType !== undefined) {
    if (!NETWORK_TYPES.some((n) => n.id === d.networkType)) return { ok: false, error: `Unknown network type ${String(d.networkType)}.` };
    out.networkType = d.networkType;
  }
  if (d.metric !== undefined) {
    if (!METRICS.some((m) => m.id === d.metric)) return { ok: false, error: `Unknown metric ${String(d.metric)}.` };
    out.metric = d.metric;
    if (d.metric === 'named') {
      const n = checkText('The metric name', d.metricName ?? '', LIMITS.shortText);
      if (!n.ok) return n;
      out.metricName = n.value;
    }
    if (d.value !== undefined) {
      if (typeof d.value !== 'number' || !Number.isFinite(d.value)) return { ok: false, error: 'The metric value is not a number.' };
      if (d.metric !== 'named' && (d.value < 0 || d.value > 100)) return { ok: false, error: 'A rate must be between 0 and 100 %.' };
      out.value = d.value;
      if (d.unit) {
        const u = checkText('The unit', d.unit, 20);
        if (!u.ok) return u;
        out.unit = u.value;
      }
    }
  }
  if (d.evidence !== undefined && d.evidence !== '') {
    const l = checkLink(d.evidence);
    if (!l.ok) return l;
    out.evidence = l.value;
  }
  const roles = roleList(ctx);
  if (d.owningRole) {
    const role = roles.find((r) => r.toLowerCase() === d.owningRole!.toLowerCase());
    if (!role) return { ok: false, error: `"${d.owningRole.slice(0, 60)}" is not a team in the role map.` };
    out.owningRole = role;
  } else out.owningRole = defaultOwningRole(d.category, roles);
  return { ok: true, value: out };
}

/** Label/value lines for the confirmation card and chat summaries (values are user text: render literally). */
export function describeFields(d: Partial<ConfirmedDraft>): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  if (d.category) rows.push({ label: 'Category', value: categoryInfo(d.category).label });
  if (d.area) rows.push({ label: 'Review area', value: areaInfo(d.area).label });
  if (d.building) rows.push({ label: 'Building / site', value: d.building });
  if (d.subnet) rows.push({ label: 'Subnet', value: d.subnet });
  if (d.networkType) rows.push({ label: 'Network', value: networkInfo(d.networkType).label });
  if (d.metric) {
    const name = d.metric === 'named' ? d.metricName ?? 'Metric' : metricInfo(d.metric).label;
    const value = d.value === undefined ? 'not known' : d.metric === 'named' ? `${d.value}${d.unit ? ' ' + d.unit : ''}` : formatPercent(d.value);
    rows.push({ label: name, value });
  }
  if (d.owningRole) rows.push({ label: 'Owning team', value: d.owningRole });
  return rows;
}
