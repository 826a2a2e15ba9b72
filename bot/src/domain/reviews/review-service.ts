// Management reviews of a workspace: a run starts from its template (on demand, from the tab, or
// at a phase change for the gates) with its people resolved from the stakeholder matrix and the
// role map and its data taken from the live records; it is answered, gets its decisions and
// outputs, and closes on them. One open run per review: starting an open review opens its run.
import type { PhaseChange } from '../governance/phase';
import { PHASE_LABELS } from '../governance/phase';
import type { Actor } from '../ops/common';
import type { Workspace } from '../workspace';
import { formatReviewId, parseReviewId, type ReviewPerson, type ReviewRun, type ReviewTrigger } from './review';
import { type ReviewInputs, takeSnapshot } from './review-inputs';
import { applyReviewAction, periodOf, type ReviewAction, startRun } from './review-rules';
import { type ReviewSummary, summaryAfterRun, summaryEntry } from './review-summary';
import { gatesFor, REVIEW_ROLE_KINDS, type ReviewRoleKind, type ReviewRoleRef, type ReviewTemplate, reviewTemplate } from './review-templates';

export interface ReviewRepository {
  /** The workspace's summary with its ETag (the empty summary, no ETag, before the first run). */
  summary(workspace: Workspace): Promise<{ summary: ReviewSummary; etag?: string }>;
  get(workspace: Workspace, number: number): Promise<ReviewRun | undefined>;
  /** Stores a new run with the summary `summary` replacing the one read with `summaryEtag`; 'conflict' if either moved. */
  create(run: ReviewRun, summary: ReviewSummary, summaryEtag: string | undefined): Promise<ReviewRun | 'conflict'>;
  /** Replaces the run stored with `expectedEtag`; with `summary`, the summary too (read again on a lost race of its own). */
  update(after: ReviewRun, expectedEtag: string, summary?: (current: ReviewSummary) => ReviewSummary): Promise<ReviewRun | 'conflict'>;
}

/** Who fills the stakeholder roles and the operational roles of the workspace. */
export interface ReviewPeople {
  stakeholders(workspace: Workspace): Promise<{ role: string; person: string }[]>;
  roles(workspace: Workspace): Promise<{ name: string; team: string; contact: string; contactId?: string }[]>;
}

export interface ReviewServiceDeps {
  repo: ReviewRepository;
  inputs: ReviewInputs;
  people: ReviewPeople;
  clock: () => Date;
}

export type StartResult = {
  kind: 'started' | 'opened';
  run: ReviewRun;
  template: ReviewTemplate;
  /** The role map's names as this start read them (a started run only), so its card need not read the role map again. */
  roleNames?: string[];
};

export type ReviewActResult =
  | { kind: 'updated'; run: ReviewRun; summary: string }
  | { kind: 'refused'; current: ReviewRun; reason: string }
  | { kind: 'conflict'; current: ReviewRun; message: string }
  | { kind: 'not-found'; message: string };

const CONFLICT = 'Someone else changed this review since you opened it. Here is the latest version: check it and try again.';
const START_ATTEMPTS = 5;
const TBA = 'TBA';
const named = (v: string | undefined) => Boolean(v && v.trim() && v.trim().toUpperCase() !== TBA);
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Who fills each role of the template, from the matrix and the role map as they are now. */
export function resolvePeople(template: ReviewTemplate, stakeholders: readonly { role: string; person: string }[], roles: readonly { name: string; team: string; contact: string; contactId?: string }[]): Record<ReviewRoleKind, ReviewPerson> {
  const one = (ref: ReviewRoleRef): ReviewPerson => {
    if (ref.source === 'stakeholder') {
      const s = stakeholders.find((x) => same(x.role, ref.name));
      return { role: s?.role ?? ref.name, who: named(s?.person) ? s!.person : TBA };
    }
    const r = roles.find((x) => same(x.name, ref.name));
    const who = named(r?.contact) ? r!.contact : named(r?.team) ? r!.team : TBA;
    return { role: r?.name ?? ref.name, who, ...(r?.contactId ? { personId: r.contactId } : {}) };
  };
  return Object.fromEntries(REVIEW_ROLE_KINDS.map((k) => [k, one(template.roles[k])])) as Record<ReviewRoleKind, ReviewPerson>;
}

export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  async summary(ws: Workspace): Promise<ReviewSummary> {
    return (await this.deps.repo.summary(ws)).summary;
  }

  async get(ws: Workspace, id: string): Promise<ReviewRun | undefined> {
    const n = parseReviewId(id);
    return n === undefined ? undefined : this.deps.repo.get(ws, n);
  }

  /** The review's data and the people its roles resolve to, as they are now. */
  private readInputs(ws: Workspace, template: ReviewTemplate, now: Date) {
    return Promise.all([
      takeSnapshot(this.deps.inputs, ws, template.inputs, now),
      this.deps.people.stakeholders(ws).catch(() => []),
      // Undefined when it could not be read: the people fall back to TBA, the card reads it again.
      this.deps.people.roles(ws).catch(() => undefined),
    ]);
  }

  /** Starts a run of the review, or opens the one already open. */
  async start(ws: Workspace, templateId: string, actor: Actor, trigger: ReviewTrigger): Promise<StartResult | undefined> {
    const template = reviewTemplate(templateId);
    if (!template) return undefined;
    // The live data is read once: a retry after a conflict on the summary reuses it.
    let taken: { now: Date; parts: Awaited<ReturnType<ReviewService['readInputs']>> } | undefined;
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const { summary, etag } = await this.deps.repo.summary(ws);
      const entry = summaryEntry(summary, template.id);
      const open = entry.open ? await this.get(ws, entry.open.runId) : undefined;
      if (open) return { kind: 'opened', run: open, template };
      const now = taken?.now ?? this.deps.clock();
      taken ??= { now, parts: await this.readInputs(ws, template, now) };
      const [snapshot, stakeholders, roles] = taken.parts;
      const transition = trigger.kind === 'phase' ? `${trigger.from ? `${PHASE_LABELS[trigger.from as keyof typeof PHASE_LABELS] ?? trigger.from} → ` : ''}${PHASE_LABELS[trigger.to as keyof typeof PHASE_LABELS] ?? trigger.to}` : undefined;
      const run = startRun({
        template, workspace: ws, id: formatReviewId(summary.nextNumber), number: summary.nextNumber, period: periodOf(template, now, transition),
        trigger, people: resolvePeople(template, stakeholders, roles ?? []), snapshot, carried: entry.carry, actor, now,
      });
      const stored = await this.deps.repo.create(run, summaryAfterRun(summary, run), etag);
      if (stored !== 'conflict') return { kind: 'started', run: stored, template, ...(roles ? { roleNames: roles.map((r) => r.name) } : {}) };
    }
    throw new Error(`the reviews of this workspace kept changing; the ${template.name} review did not start`);
  }

  /** Starts the gate reviews of a phase change (opening those already open). */
  async startGates(change: PhaseChange): Promise<StartResult[]> {
    const out: StartResult[] = [];
    for (const template of gatesFor(change.from, change.to)) {
      const r = await this.start(change.workspace, template.id, change.actor, { kind: 'phase', ...(change.from ? { from: change.from } : {}), to: change.to });
      if (r) out.push(r);
    }
    return out;
  }

  /** One action on the version the person saw (`expectedEtag`); without one, on the latest. */
  async act(ws: Workspace, id: string, action: ReviewAction, actor: Actor, expectedEtag?: string): Promise<ReviewActResult> {
    const current = await this.get(ws, id);
    if (!current) return { kind: 'not-found', message: `There is no review ${id} in this team.` };
    const template = reviewTemplate(current.templateId);
    if (!template) return { kind: 'not-found', message: `Review ${id} follows a review this version does not know.` };
    if (expectedEtag !== undefined && expectedEtag !== current.etag) return { kind: 'conflict', current, message: CONFLICT };
    const applied = applyReviewAction(current, template, action, actor, this.deps.clock());
    if (!applied.ok) return { kind: 'refused', current, reason: applied.message };
    if (applied.value.run === current) return { kind: 'updated', run: current, summary: applied.value.summary };
    const after = applied.value.run;
    const statusChanged = after.status !== current.status;
    const saved = await this.deps.repo.update(after, current.etag ?? '', statusChanged ? (s) => summaryAfterRun(s, after) : undefined);
    if (saved === 'conflict') {
      const latest = await this.get(ws, id);
      return latest ? { kind: 'conflict', current: latest, message: CONFLICT } : { kind: 'not-found', message: `There is no review ${id} in this team.` };
    }
    return { kind: 'updated', run: saved, summary: applied.value.summary };
  }
}
