// The features wired to each other (features/wiring.ts), seen from chat: an incident filed with
// `escalate` and findings filed with `finding` appear on the steering-committee agenda the
// `agenda` command shows, each in its section and in priority order; and a finding is announced
// in the channel the role map names for its owning team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnector, type LocalConnector } from '../support/connector';
import { readFileSync } from 'node:fs';
import { invoke, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { cardTexts } from '../support/card-inspect';

let now = new Date('2026-03-02T09:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;

beforeAll(async () => {
  connector = await startConnector();
  // The real composition: every default feature, wired (no features option).
  bot = await startServiceOps({}, { clock: () => now });
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const texts = cardTexts;

describe('the agenda in chat lists what the other features filed', () => {
  it('shows a filed incident and findings in their sections, in priority order', async () => {
    const conv = await seed.installedChannel();
    // An overdue finding (filed in January: a new finding must be accepted within 7 days) and a fresh one.
    now = new Date('2026-01-12T09:00:00Z');
    const old = await seed.fileFinding(conv, 'finding VPN: poor audio in Building 7, PSR 3.4%');
    now = new Date('2026-03-10T08:00:00Z');
    const fresh = await seed.fileFinding(conv, 'finding VPN: poor audio in Building 6, PSR 4.1%');
    // Severity B filed at 08:00 whose first response (1 hour) is missed by 10:00, and severity A at 09:30.
    const b = await seed.fileIncident(conv, { service: 'Teams calling', problem: 'Calls drop every few minutes in Lyon', impact: 'Sales calls drop', affected: 'the Lyon site', started: '30 minutes ago', severity: 'B' });
    now = new Date('2026-03-10T09:30:00Z');
    const a = await seed.fileIncident(conv, { service: 'Teams meetings', problem: 'Meetings fail to start with error 500', impact: 'No customer meetings', affected: 'all users', started: '20 minutes ago', severity: 'A' });
    now = new Date('2026-03-10T10:00:00Z');

    await bot.send(conv.message('agenda'));
    const card = connector.sent(conv.conversationId).at(-1)?.attachments?.[0]?.content;
    const lines = texts(card);
    const at = (pred: (t: string) => boolean) => lines.findIndex(pred);
    const incidents = at((t) => t.startsWith('High-severity incidents and missed goals'));
    const findings = at((t) => t.startsWith('New findings and overdue remediation'));
    const risks = at((t) => t.startsWith('Risk register'));
    expect(lines[incidents]).toBe('High-severity incidents and missed goals (2)');
    expect(lines[findings]).toBe('New findings and overdue remediation (2)');

    // Incidents: severity A before B; B is there because its response goal was missed.
    const lineA = at((t) => t === 'Teams meetings: Meetings fail to start with error 500');
    const lineB = at((t) => t === 'Teams calling: Calls drop every few minutes in Lyon');
    expect(incidents).toBeLessThan(lineA);
    expect(lineA).toBeLessThan(lineB);
    expect(lineB).toBeLessThan(findings);
    expect(lines[lineA + 1]).toBe(`${a} · severity A`);
    expect(lines[lineB + 1]).toBe(`${b} · severity B · initial response goal missed`);

    // Findings: the overdue one first, then the new one.
    const lineOld = at((t) => t === 'poor audio in Building 7');
    const lineNew = at((t) => t === 'poor audio in Building 6');
    expect(findings).toBeLessThan(lineOld);
    expect(lineOld).toBeLessThan(lineNew);
    expect(lineNew).toBeLessThan(risks);
    expect(lines[lineOld + 1]).toBe(`${old} · New · filed 2026-01-12 · remediation overdue`);
    expect(lines[lineNew + 1]).toBe(`${fresh} · New · filed 2026-03-10 · new since the last meeting`);
  });

  it('shows the quality trend of imported call-quality data, and says none was imported before', async () => {
    const conv = await seed.installedChannel();
    now = new Date('2026-03-10T10:00:00Z');
    const agendaLines = async () => {
      await bot.send(conv.message('agenda'));
      return texts(connector.sent(conv.conversationId).at(-1)?.attachments?.[0]?.content);
    };
    const before = await agendaLines();
    const i = before.indexOf('Quality trend');
    expect(i).toBeGreaterThan(before.indexOf('New findings and overdue remediation'));
    expect(before[i + 1]).toMatch(/^No call-quality data has been imported yet/);

    // Import the sample through the tab API (local mode, development identity); nothing is filed.
    const csv = readFileSync(new URL('../fixtures/cqd-sample.csv', import.meta.url), 'utf8');
    const res = await fetch(`${bot.url}/api/tab/import/cqd?workspace=${encodeURIComponent(workspaceParam(workspaceOf(conv)))}`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-dev-identity': 'local' }, body: csv });
    expect(res.status).toBe(200);

    const after = await agendaLines();
    const q = after.indexOf('Quality trend');
    const risks = after.findIndex((t) => t.startsWith('Top problems'));
    const section = after.slice(q, risks);
    expect(section).toEqual([
      'Quality trend',
      'Measured in the call-quality data imported for 2025-02, against the Quality Experience Review targets.',
      'Setup failure rate 0.43 % in 2025-02: within the 0.5 % target', 'All internal calls · worse than 2025-01 (0.16 %) · rising over the last months · 5,100 streams',
      'Drop failure rate 0.87 % in 2025-02: within the 2 % target', 'All internal calls · worse than 2025-01 (0.45 %) · rising over the last months · 5,100 streams',
      'Poor stream rate 1.73 % in 2025-02: within the 2 % target', 'All internal calls · worse than 2025-01 (1.43 %) · rising over the last months · 5,100 streams',
      'Building 6 on VPN: poor stream rate 5 %', 'Above target in 2025-02 · target 2 % · 500 streams',
      'Subnet 10.60.1.0/24 (Building 6) on VPN: poor stream rate 5 %', 'Above target in 2025-02 · target 2 % · 500 streams',
      // The chat card shows five lines per section (the third place and "1 more" are in the tab).
      '…and 2 more; open the agenda tab to see them all.',
    ]);
  });

  it('announces a filed finding in the channel the role map names for the owning team', async () => {
    const conv = await seed.installedChannel();
    // The network team's channel: the bot is installed there too, and the role map points to it.
    const network = conversation2(conv);
    await bot.send(network.botAdded());
    const edit = await bot.send(invoke(network, 'role.edit', { roleId: 'network-operations' }));
    expect(edit.status).toBe(200);
    const saved = await bot.send(invoke(network, 'role.save', { roleId: 'network-operations', name: 'Network Operations', description: 'Runs the LAN, WAN, Wi-Fi and internet access.', team: 'Network team', contact: 'net@contoso.example', useThisChannel: 'true' }));
    expect(JSON.stringify(saved.body)).toContain('updated Network Operations');

    const id = await seed.fileFinding(conv, 'finding VPN: poor audio in Building 9, PSR 5%');
    await expect.poll(() => connector.sent(network.targetId).some((a) => JSON.stringify(a).includes(id))).toBe(true);
  });
});

/** Another channel of the same team (its own conversation id), as the network team's channel. */
function conversation2(conv: ReturnType<WorkspaceSeeder['installedChannel']> extends Promise<infer C> ? C : never) {
  const channelId = `19:network-${Date.now()}@thread.tacv2`;
  const base = conv.message('');
  const withChannel = (a: any) => ({
    ...a,
    conversation: { ...a.conversation, id: channelId },
    channelData: { ...a.channelData, team: { id: conv.teamId, name: 'Service Ops project' }, channel: { id: channelId, name: 'Network' } },
  });
  return {
    ...conv,
    conversationId: channelId,
    targetId: channelId,
    message: (text: string, extra: Record<string, unknown> = {}) => withChannel(conv.message(text, extra)),
    botAdded: () => withChannel({ ...base, type: 'conversationUpdate', text: undefined, membersAdded: [{ id: conv.botId }] }),
  };
}
