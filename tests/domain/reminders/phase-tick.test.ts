// The reminder tick with the project phase, with the product's reminders wiring: the phase is read
// once per workspace and only in a tick where a usage task is due; a usage task out of its phase
// passes quietly to its next occurrence and never reaches the digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhaseReader, ProjectPhase } from '../../../bot/src/domain/governance/phase';
import type { Feature } from '../../../bot/src/features/feature';
import { createOpsFeature } from '../../../bot/src/features/ops-feature';
import { type BuiltReminders, buildReminders, registerReminders, REMINDERS_FEATURE_TABLES } from '../../../bot/src/features/reminders-feature';
import { cardTexts } from '../../support/card-inspect';
import { startConnector, type LocalConnector } from '../../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf } from '../../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../../support/service-ops';

let nowMs = Date.parse('2026-06-01T07:00:00Z'); // a Monday
let phase: ProjectPhase | undefined = 'drive-value';
const phaseReads: string[] = [];
const phases: PhaseReader = {
  async phaseOf(ws) {
    phaseReads.push(ws.scopeId);
    return phase;
  },
};
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let reminders: BuiltReminders;
let conv: Conv;

beforeAll(async () => {
  connector = await startConnector();
  const feature: Feature<BuiltReminders> = {
    name: 'reminders',
    tables: REMINDERS_FEATURE_TABLES,
    register(ctx) {
      const built = buildReminders(ctx, { phases });
      registerReminders(ctx, built);
      return built;
    },
  };
  bot = await startServiceOps({}, { features: [createOpsFeature(), feature], clock: () => new Date(nowMs) });
  reminders = bot.app.servicesOf(feature);
  conv = await new WorkspaceSeeder(bot, connector).installedChannel();
  await bot.send(conv.message('reminders'));
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const ONBOARDING_USAGE = 'Measure and assess usage while sites are being onboarded';
const lastDigest = () => cardTexts(connector.sent(conv.targetId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1)).join('\n');
const schedule = async (id: string) => (await reminders.service.list(workspaceOf(conv))).find((s) => s.id === id)!;

describe('usage tasks follow the project phase in the tick', () => {
  it('reference catalog: in the drive-value phase the weekly onboarding usage task passes quietly to next Monday; the phase is read once', async () => {
    nowMs = Date.parse('2026-06-01T09:00:05Z');
    const report = await reminders.scheduler.tick(new Date(nowMs));
    expect(report.digestsSent).toBe(1);
    expect(phaseReads).toEqual([conv.teamId]);
    expect(lastDigest()).toContain('Watch the health of the service');
    expect(lastDigest()).not.toContain(ONBOARDING_USAGE);
    const usage = await schedule('cat-usage-onboarding');
    expect(usage.open).toBeUndefined();
    expect(usage.nextDueAt).toBe('2026-06-08T09:00:00.000Z');
  });

  it('a tick where no usage task is due does not read the phase', async () => {
    nowMs = Date.parse('2026-06-02T09:00:05Z');
    expect((await reminders.scheduler.tick(new Date(nowMs))).digestsSent).toBe(1);
    expect(phaseReads).toHaveLength(1);
  });

  it('reference catalog: while onboarding the weekly usage task reminds on its Monday', async () => {
    phase = 'onboard';
    nowMs = Date.parse('2026-06-08T09:00:05Z');
    await reminders.scheduler.tick(new Date(nowMs));
    expect(phaseReads).toHaveLength(2);
    expect(lastDigest()).toContain(ONBOARDING_USAGE);
    expect((await schedule('cat-usage-onboarding')).open).toBeDefined();
  });
});
