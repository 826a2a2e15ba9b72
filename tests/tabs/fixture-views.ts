// Stand-in view providers for the tab benchmark (bench/tabs.ts); the browser tests use the real
// providers the features register (bot/src/api/views/). They keep state in memory (in the server
// process), which is enough to prove the tab's action → API → re-render → reload loop; the real
// providers persist through their repositories. Cards are Adaptive Cards 1.5 like the real ones.
import type { AdaptiveCard, TabViewProvider, TabViewRegistry, TrendChart } from '../../bot/src/api';

const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard => ({
  type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}),
});
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

interface Role { id: string; name: string; description: string; team: string; contact: string; signedOff: boolean }

export function fixtureViews(): TabViewProvider[] {
  const roles: Role[] = [
    { id: 'service-owner', name: 'Service Owner', description: 'Accountable for the service end to end; chairs the steering committee.', team: 'IT Service Management', contact: 'Dana Whitfield', signedOff: true },
    { id: 'quality-champion', name: 'Quality Champion', description: 'Runs the Quality Experience Review and files findings against targets.', team: 'Collaboration Engineering', contact: 'Priya Natarajan', signedOff: true },
    { id: 'network-operations', name: 'Network Operations', description: 'Owns Wi-Fi, wired and WAN remediation for findings by building and subnet.', team: 'Network Operations', contact: 'Marco Bianchi', signedOff: false },
    { id: 'help-desk', name: 'Help Desk', description: 'First contact for users; escalates incidents with severity and business impact.', team: 'Service Desk', contact: 'Lena Vogel', signedOff: true },
  ];
  const checklist = [
    { id: 'qer-1', title: 'Poor stream rate by building reviewed against target', done: true },
    { id: 'qer-2', title: 'Wi-Fi subnets above the 2.4 GHz threshold have an owner', done: true },
    { id: 'qer-3', title: 'Call setup failures investigated for the top 5 subnets', done: false },
    { id: 'qer-4', title: 'Client versions: no build older than the supported N-1', done: false },
    { id: 'qer-5', title: 'User feedback (Rate My Call) trends shared with the Service Owner', done: false },
  ];

  const rolesView: TabViewProvider = {
    id: 'roles', title: 'Operational role map', description: 'Who owns each operational role, their team and contact, and which teams have signed off.',
    async render() {
      return roles.map((r) => card([
        { type: 'ColumnSet', columns: [
          { type: 'Column', width: 'stretch', items: [text(r.name, { size: 'Medium', weight: 'Bolder' }), text(r.description, { isSubtle: true, spacing: 'None' })] },
          { type: 'Column', width: 'auto', items: [text(r.signedOff ? 'Signed off' : 'Sign-off pending', { color: r.signedOff ? 'Good' : 'Warning', size: 'Small', weight: 'Bolder' })] },
        ] },
        { type: 'FactSet', facts: [{ title: 'Team', value: r.team }, { title: 'Contact', value: r.contact }] },
      ], [
        { type: 'Action.ShowCard', title: 'Edit', card: card([
          { type: 'Input.Text', id: 'team', label: 'Team', value: r.team, isRequired: true, maxLength: 80, errorMessage: 'Name the owning team.' },
          { type: 'Input.Text', id: 'contact', label: 'Contact', value: r.contact, maxLength: 80 },
        ], [{ type: 'Action.Execute', title: 'Save', verb: 'role.update', data: { roleId: r.id }, style: 'positive' }]) },
      ]));
    },
    async act(_ctx, verb, data) {
      if (verb !== 'role.update') return { error: `Unknown action ${verb}.` };
      const role = roles.find((r) => r.id === data.roleId);
      if (!role) return { error: 'That role no longer exists.' };
      const team = typeof data.team === 'string' ? data.team.trim() : '';
      if (!team) return { error: 'Name the team that owns this role.' };
      role.team = team;
      if (typeof data.contact === 'string') role.contact = data.contact.trim();
    },
  };

  const checklistView: TabViewProvider = {
    id: 'checklist', title: 'Review checklist', description: 'A review checklist with progress.',
    choices: [{ param: 'checklist', label: 'Checklist', options: [{ id: 'qer', title: 'Quality Experience Review' }, { id: 'release-readiness', title: 'Release Readiness Review' }] }],
    async render(ctx) {
      const done = checklist.filter((i) => i.done).length;
      const name = ctx.params.checklist === 'release-readiness' ? 'Release Readiness Review' : 'Quality Experience Review';
      return [card([
        text(name, { size: 'Large', weight: 'Bolder', style: 'heading' }),
        text(`${done} of ${checklist.length} items done`, { isSubtle: true, spacing: 'None' }),
        { type: 'Container', spacing: 'Medium', items: checklist.map((i) => ({ type: 'Input.Toggle', id: i.id, title: i.title, value: String(i.done), valueOn: 'true', valueOff: 'false', wrap: true })) },
      ], [{ type: 'Action.Execute', title: 'Save progress', verb: 'checklist.save', style: 'positive' }])];
    },
    async act(_ctx, verb, data) {
      if (verb !== 'checklist.save') return { error: `Unknown action ${verb}.` };
      for (const i of checklist) if (typeof data[i.id] === 'string') i.done = data[i.id] === 'true';
    },
  };

  const trend: TrendChart = {
    kind: 'trend', title: 'Audio poor stream rate, all buildings', metric: 'Poor stream rate', target: 3, lowerIsBetter: true,
    points: [['2025-01', 4.6], ['2025-02', 4.1], ['2025-03', 3.9], ['2025-04', 3.4], ['2025-05', 3.6], ['2025-06', 2.9], ['2025-07', 2.7], ['2025-08', 2.4]].map(([month, rate]) => ({ month: String(month), rate: Number(rate) })),
  };
  const findingCard = (no: string, title: string, scope: string, value: string, team: string, status: string, color: string) => card([
    { type: 'ColumnSet', columns: [
      { type: 'Column', width: 'stretch', items: [text(`${no} · ${title}`, { weight: 'Bolder' }), text(scope, { isSubtle: true, spacing: 'None', size: 'Small' })] },
      { type: 'Column', width: 'auto', items: [text(status, { color, weight: 'Bolder', size: 'Small' })] },
    ] },
    { type: 'FactSet', facts: [{ title: 'Measured', value }, { title: 'Remediation', value: team }] },
  ], [{ type: 'Action.Execute', title: 'Accept', verb: 'finding.accept', data: { no } }, { type: 'Action.Execute', title: 'In progress', verb: 'finding.progress', data: { no } }]);
  const findingsView: TabViewProvider = {
    id: 'findings', title: 'Findings board', description: 'Open quality findings and the quality trend against target.',
    async render() {
      return { charts: [trend], cards: [
        findingCard('F-14', 'Wi-Fi 2.4 GHz poor streams', 'Building 7 · subnet 10.20.14.0/24', '6.8 % (target 3 %)', 'Network Operations', 'New', 'Attention'),
        findingCard('F-12', 'Call setup failures', 'Building 2 · wired', '1.9 % (target 0.5 %)', 'Network Operations', 'In progress', 'Warning'),
        findingCard('F-9', 'Outdated desktop clients', 'All sites', '14 % of clients on N-2', 'Client & Endpoints Team', 'Accepted', 'Accent'),
      ] };
    },
    async act() {},
  };

  const agendaView: TabViewProvider = {
    id: 'agenda', title: 'Steering-committee agenda', description: "The next meeting's agenda.",
    async render() {
      const section = (heading: string, items: string[]) => ({ type: 'Container', spacing: 'Medium', items: [text(heading, { weight: 'Bolder' }), ...items.map((i) => text(`• ${i}`, { spacing: 'Small' }))] });
      return [card([
        text('Steering committee · Thursday 11 September, 14:00', { size: 'Large', weight: 'Bolder', style: 'heading' }),
        text('Generated from open incidents, findings, risks and overdue tasks.', { isSubtle: true, spacing: 'None' }),
        section('Open high-severity incidents', ['SR-2025-0142 · Severity A · Audio conferencing dial-in failing in EMEA']),
        section('New and overdue findings', ['F-14 · Wi-Fi 2.4 GHz poor streams in Building 7 (new)', 'F-12 · Call setup failures in Building 2 (overdue 6 days)']),
        section('Risks', ['Network refresh slips past Q4: likelihood medium, impact high']),
        section('Decisions requested', ['Approve the Wi-Fi 5 GHz migration for Buildings 2 and 7']),
      ], [{ type: 'Action.Execute', title: 'Add an item', verb: 'agenda.add' }])];
    },
  };

  const incidentsView: TabViewProvider = {
    id: 'incidents', title: 'Incidents board', description: 'Open incidents by severity.',
    async render() {
      const inc = (no: string, sev: string, style: string, title: string, owner: string, due: string) => card([
        { type: 'Container', style, bleed: true, items: [text(`Severity ${sev} · ${no}`, { weight: 'Bolder', size: 'Small' })] },
        text(title, { size: 'Medium', weight: 'Bolder' }),
        { type: 'FactSet', facts: [{ title: 'Owner', value: owner }, { title: 'Next update', value: due }] },
      ], [{ type: 'Action.Execute', title: 'Acknowledge', verb: 'incident.ack', data: { no } }]);
      return [
        inc('SR-2025-0142', 'A', 'attention', 'Audio conferencing dial-in failing in EMEA', 'Audio Conferencing Operations', 'due in 25 min'),
        inc('SR-2025-0139', 'B', 'warning', 'Meeting recordings not appearing for some users', 'Tenant Admin', 'due in 3 h'),
      ];
    },
  };
  return [rolesView, checklistView, findingsView, agendaView, incidentsView];
}

export function registerFixtureViews(registry: TabViewRegistry): void {
  for (const v of fixtureViews()) registry.register(v);
}
