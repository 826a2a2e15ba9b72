// Test harness for the reminder scheduler: private tables in the test Azurite, channel targets
// whose references point at the local connector, a shared fake clock, and N scheduler
// "instances", each with its own Table clients, rate limiter and proactive sender.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { inject } from 'vitest';
import { renderReminderDigestCard } from '../../bot/src/cards/reminder-digest-card';
import type { ConversationTarget } from '../../bot/src/domain/conversation-target';
import { RateLimiter } from '../../bot/src/platform/rate-limiter';
import { ReminderService } from '../../bot/src/domain/reminders/reminder-service';
import type { Sender } from '../../bot/src/domain/sender';
import type { Workspace } from '../../bot/src/domain/workspace';
import { ReminderScheduler, type SchedulerDeps } from '../../bot/src/jobs/scheduler';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import { REMINDER_TABLES, type ReminderStorage, reminderStorage } from '../../bot/src/storage/table-reminder-tables';
import { ProactiveSender, type ProactiveSenderOptions } from '../../bot/src/teams/proactive-sender';
import { uniqueTablePrefix } from '../support/service-ops';
import { SeedMarkers } from '../../bot/src/storage/seed-markers';

export class FakeClock {
  constructor(private ms: number) {}
  now = (): Date => new Date(this.ms);
  set(iso: string | Date): void {
    this.ms = new Date(iso).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Instance {
  id: string;
  scheduler: ReminderScheduler;
  storage: ReminderStorage;
  targets: TableConversationTargetRepository;
  sender: Sender;
  waits: { conversationId: string; ms: number; cause: string }[];
}

export interface Harness {
  prefix: string;
  clock: FakeClock;
  client(name: string): TableClient;
  storage: ReminderStorage;
  targets: TableConversationTargetRepository;
  service: ReminderService;
  addChannel(ws: Workspace, conversationId: string, serviceUrl: string): Promise<ConversationTarget>;
  instance(opts?: { wrapSender?: (s: Sender) => Sender; scheduler?: Partial<SchedulerDeps>; sender?: ProactiveSenderOptions; allowList?: string[] }): Instance;
}

export async function createHarness(start: string, serviceUrl: string): Promise<Harness> {
  const prefix = uniqueTablePrefix();
  const conn = inject('azuriteConnectionString');
  const client = (name: string) => TableClient.fromConnectionString(conn, `${prefix}${name}`, { allowInsecureConnection: true });
  await Promise.all([...REMINDER_TABLES, 'Conversations', 'Seeds'].map((t) => client(t).createTable()));
  const clock = new FakeClock(Date.parse(start));
  const storage = reminderStorage((n) => client(n));
  const targets = new TableConversationTargetRepository(client('Conversations'));
  const service = new ReminderService({ ...storage, clock: clock.now, seeds: new SeedMarkers(client('Seeds')) });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  return {
    prefix,
    clock,
    client,
    storage,
    targets,
    service,
    async addChannel(ws, conversationId, url = serviceUrl) {
      const reference = {
        channelId: 'msteams',
        serviceUrl: url,
        bot: { id: '28:service-ops-bot', name: 'Service Ops' },
        conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: ws.tenantId },
      };
      await targets.upsert({ workspace: ws, conversationId, kind: 'channel', serviceUrl: url, channelId: 'msteams', reference: JSON.stringify(reference), active: true, lastSeenAt: clock.now().toISOString() });
      return (await targets.get(ws, conversationId))!;
    },
    instance(opts = {}) {
      const id = `instance-${randomUUID().slice(0, 8)}`;
      // Each instance has its own clients, like a separate process.
      const own = reminderStorage((n) => client(n));
      const ownTargets = new TableConversationTargetRepository(client('Conversations'));
      const waits: Instance['waits'] = [];
      // The sender's waits pass in virtual time: the instance's view of the clock moves on.
      let skew = 0;
      const senderClock = () => new Date(clock.now().getTime() + skew);
      const proactive = new ProactiveSender(adapter, '', opts.allowList ?? [serviceUrl], new RateLimiter(), senderClock, {
        targets: ownTargets,
        sleep: async (ms) => {
          skew += ms;
        },
        onWait: (w) => waits.push(w),
        retry: { random: () => 0.5 },
        ...opts.sender,
      });
      const sender = opts.wrapSender ? opts.wrapSender(proactive) : proactive;
      const scheduler = new ReminderScheduler({
        ...own,
        targets: ownTargets,
        sender,
        clock: clock.now,
        instanceId: id,
        leaseMs: 5 * 60_000,
        // Tag each card with the occurrences it delivers, so the test can count them at the connector.
        render: (digest, now) => {
          const r = renderReminderDigestCard(digest, now);
          return { card: { ...r.card, testDue: digest.due.map((l) => l.occurrenceId) }, summary: r.summary };
        },
        ...opts.scheduler,
      });
      return { id, scheduler, storage: own, targets: ownTargets, sender, waits };
    },
  };
}

/** Occurrence ids delivered, per the cards the connector received. */
export function deliveredOccurrences(sent: any[]): string[] {
  return sent.flatMap((a) => (a.attachments ?? []).flatMap((att: any) => att.content?.testDue ?? []));
}

export function workspace(): Workspace {
  return { tenantId: randomUUID(), scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` };
}
