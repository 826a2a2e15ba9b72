// Problem and change records for tests: a workspace, a person, and records at any status.
import type { ChangeRequest } from '../../../bot/src/domain/changes/change';
import { newChange } from '../../../bot/src/domain/changes/change-rules';
import type { Problem } from '../../../bot/src/domain/problems/problem';
import { newProblem } from '../../../bot/src/domain/problems/problem-rules';
import type { Workspace } from '../../../bot/src/domain/workspace';

export const WS: Workspace = { tenantId: 'tenant-a', scope: 'team', scopeId: '19:ops@thread.tacv2' };
export const ANA = { id: 'aad-ana', name: 'Ana Ops' };
export const NOW = new Date('2026-11-30T10:00:00Z');
export const ROLES = ['Service Owner', 'Network Operations', 'Help Desk'];

export function problem(n = 1, over: Partial<Problem> = {}): Problem {
  const made = newProblem({ title: `Calls drop in Building ${n}` }, { workspace: WS, id: `PRB-${String(n).padStart(4, '0')}`, number: n, actor: ANA, now: NOW, roles: ROLES });
  if (!made.ok) throw new Error(made.message);
  return { ...made.value, ...over };
}

export function change(n = 1, over: Partial<ChangeRequest> = {}): ChangeRequest {
  const made = newChange(
    { title: `Open the new Teams IP ranges ${n}`, reason: 'The service published new ranges', risk: 'low', urgency: 'high', impact: 'medium', category: 'normal' },
    { workspace: WS, id: `RFC-${String(n).padStart(4, '0')}`, number: n, source: { kind: 'manual' }, actor: ANA, now: NOW },
  );
  if (!made.ok) throw new Error(made.message);
  return { ...made.value, ...over };
}
