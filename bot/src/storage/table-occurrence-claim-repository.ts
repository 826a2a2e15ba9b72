import { RestError, type TableClient } from '@azure/data-tables';
import type { ClaimState, OccurrenceClaim, OccurrenceClaimRepository } from '../domain/reminders/repositories';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { chunk, transactUpdates } from './table-reminder-batch';
import { isNotFound } from './table-store';
import { getRow } from './checked-query';
import { transactionEtags } from './etag';

type ClaimEntity = {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  scope: string;
  scopeId: string;
  occurrenceId: string;
  scheduleId: string;
  dueAt: string;
  targetConversationId: string;
  state: string;
  owner: string;
  leaseUntil: string;
  attempts: number;
  sentAt: string;
  note: string;
  etag?: string;
};

const occKey = (occurrenceId: string) => encodeKey(`occ|${occurrenceId}`);

/**
 * Claims of occurrences (one row per occurrence and recipient) in the workspace's partition.
 * A claim is a conditional insert (409 = someone else has it); takeover of an expired lease and
 * "sent" are ETag-conditional replaces, so exactly one instance wins each step.
 */
export class TableOccurrenceClaimRepository implements OccurrenceClaimRepository {
  constructor(readonly table: TableClient) {}

  async claim(claims: readonly Omit<OccurrenceClaim, 'etag'>[]): Promise<{ won: OccurrenceClaim[]; taken: string[] }> {
    const won: OccurrenceClaim[] = [];
    const taken: string[] = [];
    // One group per workspace and channel: a channel's digest is claimed whole or not at all,
    // so two instances never split one channel's run into two digests.
    const groups = new Map<string, Omit<OccurrenceClaim, 'etag'>[]>();
    for (const c of claims) {
      const k = `${workspaceKey(c.workspace)}|${c.targetConversationId}`;
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    await Promise.all([...groups.values()].flatMap((list) => chunk(list).map(async (part) => {
      if (part.length > 1) {
        try {
          const r = await this.table.submitTransaction(part.map((c) => ['create', toEntity(c)] as ['create', ClaimEntity]));
          const etags = transactionEtags(r.subResponses, part.map((c) => occKey(c.occurrenceId)));
          for (const [i, c] of part.entries()) {
            const etag = etags[i] ?? (await this.get(c.workspace, c.occurrenceId))?.etag;
            won.push({ ...c, ...(etag ? { etag } : {}) });
          }
        } catch (e) {
          if (!(e instanceof RestError && e.statusCode === 409)) throw e;
          // Someone holds at least one of them: the caller inspects each (lease, state).
          for (const c of part) taken.push(c.occurrenceId);
        }
        return;
      }
      for (const c of part) {
        try {
          const r = await this.table.createEntity(toEntity(c));
          won.push({ ...c, ...(r.etag ? { etag: r.etag } : {}) });
        } catch (e) {
          if (e instanceof RestError && e.statusCode === 409) taken.push(c.occurrenceId);
          else throw e;
        }
      }
    })));
    return { won, taken };
  }

  async get(workspace: Workspace, occurrenceId: string): Promise<OccurrenceClaim | undefined> {
    try {
      return fromEntity(await getRow<ClaimEntity>(this.table, encodeKey(workspaceKey(workspace)), occKey(occurrenceId)), workspace);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async update(claim: OccurrenceClaim): Promise<OccurrenceClaim | 'conflict'> {
    if (!claim.etag) throw new Error('update needs the ETag of the claim that was read');
    try {
      const r = await this.table.updateEntity(toEntity(claim), 'Replace', { etag: claim.etag });
      return { ...claim, ...(r.etag ? { etag: r.etag } : {}) };
    } catch (e) {
      if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 404)) return 'conflict';
      throw e;
    }
  }

  async updateMany(claims: readonly OccurrenceClaim[]): Promise<OccurrenceClaim[] | 'conflict'> {
    return transactUpdates(this.table, claims, toEntity);
  }

  async claimOnce(workspace: Workspace, key: string, at: string): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: encodeKey(workspaceKey(workspace)), rowKey: encodeKey(`once|${key}`), at });
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 409) return false;
      throw e;
    }
  }
}

function toEntity(c: Omit<OccurrenceClaim, 'etag'>): ClaimEntity {
  const e: ClaimEntity = {
    partitionKey: encodeKey(workspaceKey(c.workspace)),
    rowKey: occKey(c.occurrenceId),
    tenantId: c.workspace.tenantId,
    scope: c.workspace.scope,
    scopeId: c.workspace.scopeId,
    occurrenceId: c.occurrenceId,
    scheduleId: c.scheduleId,
    dueAt: c.dueAt,
    targetConversationId: c.targetConversationId,
    state: c.state,
    owner: c.owner,
    leaseUntil: c.leaseUntil,
    attempts: c.attempts,
    sentAt: c.sentAt ?? '',
    note: (c.note ?? '').slice(0, 1000),
  };
  assertEntityLimits(e as unknown as Record<string, unknown>);
  return e;
}

function fromEntity(e: ClaimEntity, workspace: Workspace): OccurrenceClaim {
  return {
    workspace,
    occurrenceId: e.occurrenceId,
    scheduleId: e.scheduleId,
    dueAt: e.dueAt,
    targetConversationId: e.targetConversationId,
    state: e.state as ClaimState,
    owner: e.owner,
    leaseUntil: e.leaseUntil,
    attempts: e.attempts,
    ...(e.sentAt ? { sentAt: e.sentAt } : {}),
    ...(e.note ? { note: e.note } : {}),
    ...(e.etag ? { etag: e.etag } : {}),
  };
}
