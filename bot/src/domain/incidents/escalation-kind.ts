// Whether an incident's escalation is technical or non-technical. Seed 003 has the service
// delivery manager's monthly service review cover "technical and nontechnical escalations
// related to operation incidents" without defining them, so this product reads them as:
// - technical: the incident is handed to a resolver to fix what is broken: the vendor's
//   Technical Support Team (which "accepts escalations for service-related support issues"), or
//   our own team for a fault in our network, hardware, software, architecture or configuration;
// - non-technical: the escalation is about how the service is run rather than a fault in it:
//   our operational procedures, communication, commitments, or the handling of the case.
// The routing suggests the kind and the person filing can change it; an incident stored before
// the kind was recorded has none, and the figures count it as "not recorded".
import type { ScopeDecision } from './scope-check';

export type EscalationKind = 'technical' | 'non-technical';
export const ESCALATION_KINDS: readonly EscalationKind[] = ['technical', 'non-technical'];

export const ESCALATION_KIND_LABELS: Record<EscalationKind, string> = {
  technical: 'Technical',
  'non-technical': 'Non-technical',
};

export const ESCALATION_KIND_DETAILS: Record<EscalationKind, string> = {
  technical: 'A resolver is to fix what is broken (the vendor\'s support team or our own owning team).',
  'non-technical': 'It is about how the service is run: procedures, communication, commitments or the handling of the case.',
};

export const isEscalationKind = (v: unknown): v is EscalationKind => v === 'technical' || v === 'non-technical';

/**
 * The kind the routing suggests. Everything the vendor accepts is a technical escalation to its
 * Technical Support Team; of what it excludes, only "your operational procedures" is about how
 * the service is run, so that one is non-technical and every other area (a fault to be fixed by
 * our own team) is technical.
 */
export function defaultEscalationKind(scope: ScopeDecision | undefined): EscalationKind | undefined {
  if (!scope) return undefined;
  if (scope.route === 'vendor') return 'technical';
  return scope.category === 'operating-procedures' ? 'non-technical' : 'technical';
}

/** "technical", "tech", "non-technical", "nontechnical", "non tech", "1"/"2" → the kind. */
export function parseEscalationKind(answer: string): EscalationKind | undefined {
  const t = answer.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (['technical', 'tech', 't', '1'].includes(t)) return 'technical';
  if (['nontechnical', 'nontech', 'n', '2', 'not technical'.replace(/\s/g, '')].includes(t)) return 'non-technical';
  return undefined;
}

/** Counts of the month's escalations by kind; incidents without a recorded kind are counted apart. */
export interface EscalationKindCounts {
  technical: number;
  nonTechnical: number;
  notRecorded: number;
}

export function countEscalationKinds(kinds: readonly (EscalationKind | undefined)[]): EscalationKindCounts {
  const c: EscalationKindCounts = { technical: 0, nonTechnical: 0, notRecorded: 0 };
  for (const k of kinds) {
    if (k === 'technical') c.technical++;
    else if (k === 'non-technical') c.nonTechnical++;
    else c.notRecorded++;
  }
  return c;
}
