// The steering-committee agenda, generated as a pure function of what is open. Sections
// come in a fixed order and each orders its lines by priority; an empty section says so in
// a sentence, so the agenda reads right even before findings and incidents exist.
import type { Workspace } from '../workspace';
import { type AgendaChangeControl, changeLines, problemLines } from '../changes/agenda-part';
import { type AgendaGovernance, GOVERNANCE_AGENDA_SECTIONS, type GovernanceSectionId, governanceLines } from '../governance/agenda-part';
import { type OpsRecord, type Stamp } from './common';
import { formatMeeting } from './cadence';
import { compareByStatus, type Ksi, type Objective, TRACK_STATUS_LABELS } from './okrs';
import { compareRisks, type Risk, RISK_LEVEL_LABELS } from './risks';
import { localAt } from './zoned-date';

// ---- What other features contribute -------------------------------------------------------

/** An open incident as the agenda sees it. Severity 1 is the most severe, then A, B, C, D. */
export interface AgendaIncident {
  srNumber: string;
  title: string;
  severity: string;
  responseGoalMissed: boolean;
  updateOverdue: boolean;
}

/** An open finding as the agenda sees it. */
export interface AgendaFinding {
  id: string;
  title: string;
  status: string;
  /** ISO instant the finding was filed. */
  createdAt: string;
  overdue: boolean;
}

/** A recurring operations task whose occurrence is overdue. */
export interface AgendaTask {
  title: string;
  team: string;
  /** ISO instant it was due. */
  dueAt: string;
}

/** One metric of all internal calls in the latest imported month, against its target. */
export interface AgendaQualityMetric {
  /** "Poor stream rate". */
  metric: string;
  month: string;
  /** Percent. */
  rate: number;
  target: number;
  above: boolean;
  previous?: { month: string; rate: number; change: 'better' | 'worse' | 'same' };
  /** Over the last three months. */
  direction: 'rising' | 'steady' | 'falling';
  streams: number;
}

/** A building or subnet above target in the latest imported month. */
export interface AgendaQualityPlace {
  /** "Building 6 on VPN" (from the imported file: render literally). */
  place: string;
  metric: string;
  rate: number;
  target: number;
  streams: number;
}

/** The measured call quality (imported call-quality data) as the agenda sees it. */
export interface AgendaQualityTrend {
  /** The latest month with measurements. */
  month: string;
  overall: AgendaQualityMetric[];
  /** The places furthest above target, worst first (a few). */
  worst: AgendaQualityPlace[];
  /** How many places are above target in all. */
  aboveCount: number;
}

/** The findings part of the agenda as a summary provides it: the lines it can name, and how many there are in all. */
export interface AgendaFindingDigest {
  /** Open findings overdue at `now` or filed after `since` (every open one without `since`), at least the first of them. */
  findings: AgendaFinding[];
  /** How many belong in the section in all; more than `findings` holds when the summary names only the first. */
  total: number;
  /** The latest month of measured call quality; undefined when nothing was imported. */
  quality?: AgendaQualityTrend;
}

/**
 * What the findings, incidents and reminders features provide to the agenda. Each returns
 * its open records; the agenda picks and orders what belongs on it. Until a feature lands,
 * EMPTY_AGENDA_SOURCES answers with nothing and the sections say so.
 */
export interface AgendaSources {
  incidents(workspace: Workspace, now: Date): Promise<AgendaIncident[]>;
  findings(workspace: Workspace, now: Date): Promise<AgendaFinding[]>;
  overdueTasks(workspace: Workspace, now: Date): Promise<AgendaTask[]>;
  /** The latest month of measured call quality; undefined (or absent) when nothing was imported. */
  qualityTrend?(workspace: Workspace, now: Date): Promise<AgendaQualityTrend | undefined>;
  /**
   * Findings and quality trend from the findings feature's summary, in one read whatever the
   * number of findings; when present the agenda uses it instead of `findings` and `qualityTrend`.
   * `since` is when the last meeting was held.
   */
  findingDigest?(workspace: Workspace, now: Date, since?: string): Promise<AgendaFindingDigest>;
  /** The top open problems and the emergency changes awaiting review, from one summary read. */
  changeControl?(workspace: Workspace, now: Date): Promise<AgendaChangeControl>;
  /** The charter's sections (business outcomes, deliverables, escalations, conflicts, feedback), from the governance record. */
  governance?(workspace: Workspace, now: Date): Promise<AgendaGovernance>;
}

export const EMPTY_AGENDA_SOURCES: AgendaSources = {
  incidents: async () => [],
  findings: async () => [],
  overdueTasks: async () => [],
};

/** Combines partial providers (each feature may bring one part) over the empty defaults. */
export function agendaSources(...parts: Partial<AgendaSources>[]): AgendaSources {
  return Object.assign({}, EMPTY_AGENDA_SOURCES, ...parts) as AgendaSources;
}

// ---- The committee's own records ----------------------------------------------------------

export type AgendaItemKind = 'topic' | 'decision';

/** Something a person put on the agenda from chat or the tab: a topic, or a decision request. */
export interface AgendaItem extends OpsRecord {
  text: string;
  kind: AgendaItemKind;
  added: Stamp;
  status: 'open' | 'closed';
  /** The meeting that dealt with it. */
  closedIn?: string;
}

/** An action agreed at a meeting; open actions carry over to every next agenda. */
export interface ActionItem extends OpsRecord {
  text: string;
  owner: string;
  /** "YYYY-MM-DD", optional. */
  dueOn?: string;
  status: 'open' | 'done';
  meetingId: string;
  created: Stamp;
  done?: Stamp;
}

// ---- The agenda ---------------------------------------------------------------------------

export type AgendaSectionId = 'lastActions' | 'carried' | 'incidents' | 'findings' | 'quality' | 'problems' | 'changes' | 'risks' | 'okrs' | 'tasks' | 'decisions' | 'items' | GovernanceSectionId;

export const AGENDA_SECTIONS: readonly { id: AgendaSectionId; title: string; empty: string; counted?: false }[] = [
  { id: 'lastActions', title: 'Actions from the last meeting', empty: 'No actions were agreed at the last recorded meeting.' },
  { id: 'carried', title: 'Carried over from the last meeting', empty: 'No open actions or decisions carried over from a previous meeting.' },
  { id: 'incidents', title: 'High-severity incidents and missed goals', empty: 'No high-severity incidents and no missed response or update goals.' },
  { id: 'findings', title: 'New findings and overdue remediation', empty: 'No new findings since the last meeting and no overdue remediation.' },
  { id: 'quality', title: 'Quality trend', counted: false, empty: 'No call-quality data has been imported yet, so there is no measured trend. Import a Call Quality Dashboard export on the findings board (or with npm run import:cqd).' },
  { id: 'problems', title: 'Top problems', empty: 'No open problems. Link recurring incidents and findings to a problem from their cards.' },
  { id: 'changes', title: 'Emergency changes to review', empty: 'No emergency changes are awaiting review.' },
  { id: 'risks', title: 'Risk register', empty: 'No open risks in the register.' },
  { id: 'okrs', title: 'OKRs and KSIs', empty: 'No OKRs or KSIs are defined yet.' },
  { id: 'tasks', title: 'Overdue recurring tasks', empty: 'No recurring operations tasks are overdue.' },
  { id: 'decisions', title: 'Decisions requested', empty: 'No decisions have been requested.' },
  { id: 'items', title: 'Items added by people', empty: 'Nobody has added an item yet. Add one in chat with: agenda add <text>' },
];

/** The sections in order; the charter's sections only where the workspace has a governance source. */
function sectionDefs(withGovernance: boolean): readonly (typeof AGENDA_SECTIONS)[number][] {
  if (!withGovernance) return AGENDA_SECTIONS;
  const out = [...AGENDA_SECTIONS];
  for (const g of GOVERNANCE_AGENDA_SECTIONS) out.splice(out.findIndex((s) => s.id === g.after) + 1, 0, { id: g.id, title: g.title, empty: g.empty });
  return out;
}

export type Tone = 'attention' | 'warning' | 'good' | 'default';

export interface AgendaLine {
  /** Stable within the agenda (section + record id). */
  key: string;
  /** The main text, often user-entered: render literally. */
  text: string;
  /** A line of facts under it (severity, status, dates). */
  detail: string;
  tone: Tone;
  /** For items people added: the number `agenda remove <n>` takes. */
  number?: number;
  ref?: { kind: 'item' | 'action' | 'decision' | 'risk' | 'ksi' | 'objective' | 'incident' | 'finding' | 'task'; id: string };
}

export interface AgendaSection {
  id: AgendaSectionId;
  title: string;
  lines: AgendaLine[];
  /** Shown when `lines` is empty. */
  empty: string;
  /** Set when a source failed: the section may be incomplete. */
  unavailable?: string;
  /** A sentence under the title (what the lines are based on). */
  intro?: string;
  /** false: the lines are facts, not records, so the title shows no count. */
  counted?: false;
  /** Records in the section in all, when there are more than `lines` names. */
  total?: number;
}

export interface Agenda {
  meetingAt: string;
  meetingLabel: string;
  timeZone: string;
  lastMeetingAt?: string;
  sections: AgendaSection[];
}

export interface AgendaInputs {
  now: Date;
  meetingAt: Date;
  timeZone: string;
  /** The last recorded meeting: findings filed after it are new; its decisions are carried; its actions are shown with their status (with its id). */
  lastMeeting?: { id?: string; heldAt: string; decisions: string[] };
  incidents: AgendaIncident[];
  findings: AgendaFinding[];
  /** How many findings belong in the section when `findings` holds only the first of them. */
  findingsTotal?: number;
  risks: Risk[];
  objectives: Objective[];
  ksis: Ksi[];
  overdueTasks: AgendaTask[];
  /** The measured call quality, when call-quality data was imported. */
  quality?: AgendaQualityTrend;
  /** The top open problems and the emergency changes awaiting review. */
  changeControl?: AgendaChangeControl;
  /** The charter's sections, when the workspace has a governance record source. */
  governance?: AgendaGovernance;
  /** Open items people added (topics and decision requests). */
  items: AgendaItem[];
  /** Actions from earlier meetings: the open ones carry over; the last meeting's are shown done or not. */
  actions: ActionItem[];
  /** Sections whose source failed, with why. */
  unavailable?: Partial<Record<AgendaSectionId, string>>;
}

const SEVERITY_RANK: Record<string, number> = { '1': 0, A: 1, B: 2, C: 3, D: 4 };
const severityRank = (s: string) => SEVERITY_RANK[s.trim().toUpperCase()] ?? 9;
/** Severity 1 and A are the incidents that threaten availability. */
export const isHighSeverity = (s: string) => severityRank(s) <= 1;

const pct = (n: number) => `${Number(n.toFixed(2))} %`;

const localDay = (iso: string, tz: string) => {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const d = localAt(t, tz);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};

/** Open chat-added items in agenda order (decision requests, then topics; oldest first), numbered from 1. */
export function numberedItems(items: readonly AgendaItem[]): { number: number; item: AgendaItem }[] {
  const open = items.filter((i) => i.status === 'open');
  const byTime = (a: AgendaItem, b: AgendaItem) => a.added.at.localeCompare(b.added.at) || a.id.localeCompare(b.id);
  return [...open.filter((i) => i.kind === 'decision').sort(byTime), ...open.filter((i) => i.kind === 'topic').sort(byTime)].map((item, i) => ({ number: i + 1, item }));
}

export function buildAgenda(inputs: AgendaInputs): Agenda {
  const tz = inputs.timeZone;
  const today = localDay(inputs.now.toISOString(), tz);
  const items = itemLines(inputs.items, tz);
  const lines: Record<AgendaSectionId, AgendaLine[]> = {
    lastActions: lastActionLines(inputs.actions, inputs.lastMeeting?.id, today, tz),
    carried: carriedLines(inputs.actions.filter((a) => !inputs.lastMeeting?.id || a.meetingId !== inputs.lastMeeting.id), inputs.lastMeeting, today, tz),
    incidents: incidentLines(inputs.incidents),
    findings: findingLines(inputs.findings, inputs.lastMeeting?.heldAt, tz),
    quality: qualityLines(inputs.quality),
    problems: problemLines(inputs.changeControl),
    changes: changeLines(inputs.changeControl),
    risks: riskLines(inputs.risks),
    okrs: okrLines(inputs.objectives, inputs.ksis),
    tasks: taskLines(inputs.overdueTasks, tz),
    decisions: items.decisions,
    items: items.topics,
    ...governanceLines(inputs.governance, today),
  };
  const q = inputs.quality;
  return {
    meetingAt: inputs.meetingAt.toISOString(),
    meetingLabel: formatMeeting(inputs.meetingAt, tz),
    timeZone: tz,
    ...(inputs.lastMeeting ? { lastMeetingAt: inputs.lastMeeting.heldAt } : {}),
    sections: sectionDefs(inputs.governance !== undefined).map((s) => ({
      id: s.id,
      title: s.title,
      lines: lines[s.id],
      empty: s.empty,
      ...(s.counted === false ? { counted: false as const } : {}),
      ...(s.id === 'findings' && inputs.findingsTotal !== undefined && inputs.findingsTotal > lines.findings.length ? { total: inputs.findingsTotal } : {}),
      ...(s.id === 'problems' && inputs.changeControl && inputs.changeControl.problemsTotal > lines.problems.length ? { total: inputs.changeControl.problemsTotal } : {}),
      ...(s.id === 'changes' && inputs.changeControl && inputs.changeControl.changesTotal > lines.changes.length ? { total: inputs.changeControl.changesTotal } : {}),
      ...(s.id === 'quality' && q ? { intro: `Measured in the call-quality data imported for ${q.month}, against the Quality Experience Review targets.` } : {}),
      ...(inputs.unavailable?.[s.id] ? { unavailable: inputs.unavailable[s.id] } : {}),
    })),
  };
}

/** Carried over: open actions (overdue first, then by due date, undated last), then the last meeting's decisions. */
function carriedLines(actions: readonly ActionItem[], lastMeeting: AgendaInputs['lastMeeting'], today: string, tz: string): AgendaLine[] {
  const lines: AgendaLine[] = [];
  const open = actions.filter((a) => a.status === 'open').sort((a, b) =>
    (a.dueOn ?? '9999') .localeCompare(b.dueOn ?? '9999') || a.created.at.localeCompare(b.created.at) || a.id.localeCompare(b.id));
  for (const a of open) {
    const overdue = a.dueOn !== undefined && a.dueOn < today;
    const facts = ['Action', a.owner ? `owner ${a.owner}` : 'no owner yet', a.dueOn ? `${overdue ? 'overdue since' : 'due'} ${a.dueOn}` : 'no due date'];
    lines.push({ key: `action:${a.id}`, text: a.text, detail: facts.join(' · '), tone: overdue ? 'attention' : 'default', ref: { kind: 'action', id: a.id } });
  }
  (lastMeeting?.decisions ?? []).forEach((d, i) => {
    lines.push({ key: `decided:${i}`, text: d, detail: `Decided at the meeting of ${localDay(lastMeeting!.heldAt, tz)}`, tone: 'default' });
  });
  return lines;
}

/** The last meeting's actions with their status: open and overdue first (by due date), then done. */
function lastActionLines(actions: readonly ActionItem[], meetingId: string | undefined, today: string, tz: string): AgendaLine[] {
  if (!meetingId) return [];
  const rank = (a: ActionItem) => (a.status === 'done' ? 1 : 0);
  return actions.filter((a) => a.meetingId === meetingId).sort((a, b) =>
    rank(a) - rank(b) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id.localeCompare(b.id)).map((a) => {
    const overdue = a.status === 'open' && a.dueOn !== undefined && a.dueOn < today;
    const status = a.status === 'done' ? `Done${a.done ? ` (${a.done.by.name}, ${localDay(a.done.at, tz)})` : ''}` : overdue ? `Overdue since ${a.dueOn}` : 'Open';
    const facts = [status, a.owner ? `owner ${a.owner}` : 'no owner yet', ...(a.dueOn && !overdue ? [`due ${a.dueOn}`] : [])];
    const tone: Tone = a.status === 'done' ? 'good' : overdue ? 'attention' : 'default';
    return { key: `last-action:${a.id}`, text: a.text, detail: facts.join(' · '), tone, ...(a.status === 'open' ? { ref: { kind: 'action' as const, id: a.id } } : {}) };
  });
}

/** Incidents: severity 1/A, or any severity whose response or update goal was missed. */
function incidentLines(incidents: readonly AgendaIncident[]): AgendaLine[] {
  return incidents.filter((i) => isHighSeverity(i.severity) || i.responseGoalMissed || i.updateOverdue).sort((a, b) =>
    severityRank(a.severity) - severityRank(b.severity)
    || Number(b.responseGoalMissed) - Number(a.responseGoalMissed)
    || Number(b.updateOverdue) - Number(a.updateOverdue)
    || a.srNumber.localeCompare(b.srNumber)).map((i) => {
    const facts = [`${i.srNumber}`, `severity ${i.severity}`];
    if (i.responseGoalMissed) facts.push('initial response goal missed');
    if (i.updateOverdue) facts.push('status update overdue');
    return { key: `incident:${i.srNumber}`, text: i.title, detail: facts.join(' · '), tone: isHighSeverity(i.severity) || i.responseGoalMissed ? 'attention' : 'warning', ref: { kind: 'incident', id: i.srNumber } };
  });
}

/** Findings: overdue remediation first (oldest first), then new ones filed since the last meeting. */
function findingLines(findings: readonly AgendaFinding[], since: string | undefined, tz: string): AgendaLine[] {
  return findings.filter((f) => f.overdue || !since || f.createdAt > since).sort((a, b) =>
    Number(b.overdue) - Number(a.overdue) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((f) => {
    const facts = [f.id, f.status, `filed ${localDay(f.createdAt, tz)}`, f.overdue ? 'remediation overdue' : 'new since the last meeting'];
    return { key: `finding:${f.id}`, text: f.title, detail: facts.join(' · '), tone: f.overdue ? 'attention' : 'default', ref: { kind: 'finding', id: f.id } };
  });
}

/** Quality trend: each metric of all internal calls (reliability first), then the places furthest above target. */
function qualityLines(q: AgendaQualityTrend | undefined): AgendaLine[] {
  const lines: AgendaLine[] = [];
  for (const m of q?.overall ?? []) {
    const facts = ['All internal calls'];
    if (m.previous) facts.push(m.previous.change === 'same' ? `same as ${m.previous.month} (${pct(m.previous.rate)})` : `${m.previous.change} than ${m.previous.month} (${pct(m.previous.rate)})`);
    facts.push(`${m.direction} over the last months`, `${m.streams.toLocaleString('en-US')} streams`);
    lines.push({
      key: `quality:${m.metric}`, text: `${m.metric} ${pct(m.rate)} in ${m.month}: ${m.above ? 'above' : 'within'} the ${pct(m.target)} target`,
      detail: facts.join(' · '), tone: m.above ? 'attention' : 'good',
    });
  }
  for (const [i, w] of (q?.worst ?? []).entries()) {
    lines.push({
      key: `quality-place:${i}`, text: `${w.place}: ${w.metric.toLowerCase()} ${pct(w.rate)}`,
      detail: `Above target in ${q!.month} · target ${pct(w.target)} · ${w.streams.toLocaleString('en-US')} streams`, tone: 'warning',
    });
  }
  if (q && q.aboveCount > q.worst.length) {
    const n = q.aboveCount - q.worst.length;
    lines.push({ key: 'quality-more', text: `${n} more building${n === 1 ? '' : 's'} or subnet${n === 1 ? '' : 's'} above target in ${q.month}`, detail: 'The findings board lists them all.', tone: 'default' });
  }
  return lines;
}

/** Risks: open ones, highest overall rating first. */
function riskLines(risks: readonly Risk[]): AgendaLine[] {
  return risks.filter((x) => x.status === 'open').sort(compareRisks).map((r) => {
    const facts = [`Overall ${RISK_LEVEL_LABELS[r.overall]}`, `likelihood ${RISK_LEVEL_LABELS[r.likelihood].toLowerCase()}`, `impact ${RISK_LEVEL_LABELS[r.impact].toLowerCase()}`];
    if (r.owner) facts.push(`owner ${r.owner}`);
    facts.push(r.mitigation ? `mitigation: ${r.mitigation}` : 'no mitigation plan yet');
    return { key: `risk:${r.id}`, text: r.title, detail: facts.join(' · '), tone: r.overall === 'high' ? 'attention' : r.overall === 'medium' ? 'warning' : 'default', ref: { kind: 'risk', id: r.id } };
  });
}

/** OKRs and KSIs together: off track, at risk, not started, on track; objectives before KSIs of the same status. */
function okrLines(objectives: readonly Objective[], ksis: readonly Ksi[]): AgendaLine[] {
  const tracked = [
    ...objectives.map((o) => ({ status: o.status, order: o.order, kindRank: 0, line: { key: `objective:${o.id}`, text: o.objective, detail: ['Objective', TRACK_STATUS_LABELS[o.status], o.keyResult && `key result: ${o.keyResult}`, o.period, o.note].filter(Boolean).join(' · '), ref: { kind: 'objective' as const, id: o.id } } })),
    ...ksis.map((k) => ({ status: k.status, order: k.order, kindRank: 1, line: { key: `ksi:${k.id}`, text: k.question, detail: ['KSI', TRACK_STATUS_LABELS[k.status], k.successCriteria && `target: ${k.successCriteria}`, k.responsible, k.note].filter(Boolean).join(' · '), ref: { kind: 'ksi' as const, id: k.id } } })),
  ].sort((a, b) => compareByStatus({ status: a.status, order: 0 }, { status: b.status, order: 0 }) || a.kindRank - b.kindRank || a.order - b.order);
  return tracked.map((t) => ({ ...t.line, tone: t.status === 'off-track' ? 'attention' : t.status === 'at-risk' ? 'warning' : t.status === 'on-track' ? 'good' : 'default' }));
}

/** Overdue tasks: the longest overdue first. */
function taskLines(tasks: readonly AgendaTask[], tz: string): AgendaLine[] {
  return [...tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.title.localeCompare(b.title)).map((t) => (
    { key: `task:${t.team}:${t.title}:${t.dueAt}`, text: t.title, detail: `${t.team || 'no team'} · due ${localDay(t.dueAt, tz)}`, tone: 'warning', ref: { kind: 'task', id: t.title } }
  ));
}

/** What people added: decision requests, then topics, oldest first, numbered for `agenda remove <n>`. */
function itemLines(items: readonly AgendaItem[], tz: string): { decisions: AgendaLine[]; topics: AgendaLine[] } {
  const decisions: AgendaLine[] = [];
  const topics: AgendaLine[] = [];
  for (const { number, item } of numberedItems(items)) {
    const line: AgendaLine = { key: `item:${item.id}`, text: item.text, detail: `#${number} · added by ${item.added.by.name} on ${localDay(item.added.at, tz)}`, tone: 'default', number, ref: { kind: item.kind === 'decision' ? 'decision' : 'item', id: item.id } };
    (item.kind === 'decision' ? decisions : topics).push(line);
  }
  return { decisions, topics };
}
