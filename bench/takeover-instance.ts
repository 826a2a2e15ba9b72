// One Service Ops scheduler instance for the takeover bench, as its own process: the product's
// scheduler, sender and rate limiter with production settings, against the shared storage.
import { ConfigurationBotFrameworkAuthentication, CloudAdapter } from 'botbuilder';
import { TableClient } from '@azure/data-tables';
import { RateLimiter } from '../bot/src/platform/rate-limiter';
import { ReminderScheduler } from '../bot/src/jobs/scheduler';
import { TableConversationTargetRepository } from '../bot/src/storage/table-conversation-target-repository';
import { reminderStorage } from '../bot/src/storage/table-reminder-tables';
import { ProactiveSender } from '../bot/src/teams/proactive-sender';

const { CONN, PREFIX, SERVICE_URL, INSTANCE } = process.env as Record<string, string>;
const client = (n: string) => TableClient.fromConnectionString(CONN!, PREFIX + n, { allowInsecureConnection: true });
const targets = new TableConversationTargetRepository(client('Conversations'));
const sender = new ProactiveSender(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '', [SERVICE_URL!], new RateLimiter(), () => new Date(), { targets });
const scheduler = new ReminderScheduler({ ...reminderStorage((n) => client(n)), targets, sender, clock: () => new Date(), instanceId: INSTANCE! });
// The product's interval (reminders-feature.ts: SCHEDULER_INTERVAL_MS, not exported, so repeated
// here), lease and concurrency (scheduler defaults, read back from the instance for the report).
const INTERVAL_MS = 60_000;
scheduler.start(INTERVAL_MS);
const { concurrency, leaseMs } = scheduler as unknown as { concurrency: number; leaseMs: number };
process.send?.({ started: true, intervalMs: INTERVAL_MS, concurrency, leaseMs });
process.on('SIGTERM', () => void scheduler.stop().then(() => process.exit(0)));
