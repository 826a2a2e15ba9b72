// The risk register: each risk with its likelihood, impact, overall rating and mitigation
// plan. The overall rating is derived, never typed, so the register stays consistent.
import type { Workspace } from '../workspace';
import { type Actor, type Clock, type OpsRecord, type Outcome, type RecordRepository, type Stamp, choiceField, invalid, mutate, notFound, okOf, slug, textField, validated } from './common';

export type RiskLevel = 'low' | 'medium' | 'high';
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export type RiskStatus = 'open' | 'closed';
export const RISK_STATUSES: readonly RiskStatus[] = ['open', 'closed'];
export const RISK_LIMITS = { title: 200, mitigation: 2000, owner: 100, risks: 100 } as const;

/**
 * Overall rating = RISK_MATRIX[likelihood][impact]. The scale scores Low 1, Medium 2,
 * High 3 and takes the rounded geometric mean of the two scores, which gives:
 *
 *   likelihood \ impact   Low      Medium   High
 *   Low                   Low      Low      Medium
 *   Medium                Low      Medium   Medium
 *   High                  Medium   Medium   High
 *
 * It reproduces the register examples of the planning guidance (High/High gives High,
 * High/Medium gives Medium) and never rates a risk above both of its inputs.
 */
export const RISK_MATRIX: Record<RiskLevel, Record<RiskLevel, RiskLevel>> = {
  low: { low: 'low', medium: 'low', high: 'medium' },
  medium: { low: 'low', medium: 'medium', high: 'medium' },
  high: { low: 'medium', medium: 'medium', high: 'high' },
};

export function overallRisk(likelihood: RiskLevel, impact: RiskLevel): RiskLevel {
  return RISK_MATRIX[likelihood][impact];
}

const SCORE: Record<RiskLevel, number> = { low: 1, medium: 2, high: 3 };

export interface Risk extends OpsRecord {
  title: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  /** Derived with overallRisk(); stored for readers of the table. */
  overall: RiskLevel;
  mitigation: string;
  owner: string;
  status: RiskStatus;
  /** True for the guidance's examples, seeded as editable starting points. */
  example?: boolean;
  createdAt: string;
  updated?: Stamp;
}

export type RiskRepository = RecordRepository<Risk>;

/** Priority: open first, then overall, likelihood and impact (highest first), then title. */
export function compareRisks(a: Risk, b: Risk): number {
  return (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1)
    || SCORE[b.overall] - SCORE[a.overall]
    || SCORE[b.likelihood] - SCORE[a.likelihood]
    || SCORE[b.impact] - SCORE[a.impact]
    || a.title.localeCompare(b.title);
}

const SEED_AT = '2025-01-01T00:00:00.000Z';
/** The three example risks of the planning guidance: starting points to edit or remove. */
export const DEFAULT_RISKS: readonly Omit<Risk, 'etag'>[] = [
  { id: 'example-merger', title: 'Example: an upcoming merger adds up to 1,000 people', likelihood: 'high', impact: 'high', mitigation: 'Give the merged companies their own OKRs and project phases (envision, onboard, drive value), kept apart from the existing OKRs.' },
  { id: 'example-number-porting', title: 'Example: porting telephone numbers delays completion', likelihood: 'high', impact: 'high', mitigation: 'Gather what porting needs ahead of time (customer service record, billing details, letter of authorization); allow for porting turnaround in the timeline; use temporary numbers with caller-ID manipulation meanwhile.' },
  { id: 'example-network-redesign', title: 'Example: a network redesign is planned', likelihood: 'high', impact: 'medium', mitigation: 'Assess network readiness for every site in scope before rolling out.' },
].map((r) => ({ ...r, likelihood: r.likelihood as RiskLevel, impact: r.impact as RiskLevel, overall: overallRisk(r.likelihood as RiskLevel, r.impact as RiskLevel), owner: '', status: 'open' as RiskStatus, example: true, createdAt: SEED_AT }));

export interface RiskInput {
  title?: unknown;
  likelihood?: unknown;
  impact?: unknown;
  mitigation?: unknown;
  owner?: unknown;
  status?: unknown;
}

export function validateRiskInput(input: RiskInput, creating: boolean): Outcome<Partial<Risk>> {
  return validated(() => {
    const out: Partial<Risk> = {};
    if (creating || input.title !== undefined) out.title = textField('Risk', input.title, RISK_LIMITS.title);
    if (creating || input.likelihood !== undefined) out.likelihood = choiceField('Likelihood', input.likelihood, RISK_LEVELS, RISK_LEVEL_LABELS);
    if (creating || input.impact !== undefined) out.impact = choiceField('Impact', input.impact, RISK_LEVELS, RISK_LEVEL_LABELS);
    if (creating || input.mitigation !== undefined) out.mitigation = textField('Mitigation plan', input.mitigation, RISK_LIMITS.mitigation, { optional: true, multiline: true });
    if (creating || input.owner !== undefined) out.owner = textField('Owner', input.owner, RISK_LIMITS.owner, { optional: true });
    if (input.status !== undefined) out.status = choiceField('Status', input.status, RISK_STATUSES);
    return out;
  });
}

export class RiskService {
  constructor(private readonly deps: { risks: RiskRepository; clock: Clock; newId: () => string }) {}

  /** The register in priority order. */
  async list(ws: Workspace): Promise<Risk[]> {
    return (await this.deps.risks.list(ws)).sort(compareRisks);
  }

  async add(ws: Workspace, input: RiskInput, actor: Actor): Promise<Outcome<Risk>> {
    const f = validateRiskInput(input, true);
    if (!f.ok) return f as Outcome<Risk>;
    if ((await this.deps.risks.list(ws)).length >= RISK_LIMITS.risks) return invalid(`The register holds at most ${RISK_LIMITS.risks} risks; close and remove old ones first.`);
    const now = this.deps.clock().toISOString();
    const v = f.value as Required<Pick<Risk, 'title' | 'likelihood' | 'impact' | 'mitigation' | 'owner'>>;
    const risk: Risk = { id: `${slug(v.title, 30)}-${this.deps.newId()}`, ...v, overall: overallRisk(v.likelihood, v.impact), status: 'open', createdAt: now, updated: { by: actor, at: now } };
    const created = await this.deps.risks.create(ws, risk);
    return created.created ? okOf(created.record) : invalid('That risk could not be added; try again.');
  }

  async update(ws: Workspace, id: string, input: RiskInput, actor: Actor, etag?: string): Promise<Outcome<Risk>> {
    const f = validateRiskInput(input, false);
    if (!f.ok) return f as Outcome<Risk>;
    return mutate(this.deps.risks, ws, id, (r) => {
      const next: Risk = { ...r, ...f.value, updated: { by: actor, at: this.deps.clock().toISOString() } };
      next.overall = overallRisk(next.likelihood, next.impact);
      delete next.example; // edited: it is the workspace's own risk now
      return okOf(next);
    }, { expectedEtag: etag, what: 'This risk' });
  }

  async remove(ws: Workspace, id: string, etag?: string): Promise<Outcome<{ id: string }>> {
    const r = await this.deps.risks.delete(ws, id, etag);
    if (r === 'deleted') return okOf({ id });
    if (r === 'not-found') return notFound('This risk was already removed.');
    return { ok: false, error: 'conflict', message: 'This risk was changed by someone else; reload and retry.' };
  }
}
