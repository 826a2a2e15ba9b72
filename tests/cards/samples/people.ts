// Sample renderings of the My work card: typical with a record highlighted, nothing to do, and
// the worst case (every section over its limit, long user text).
import { renderMyWorkCard } from '../../../bot/src/cards/my-work-card';
import { selectMyWork } from '../../../bot/src/domain/people/my-work';
import type { CardSample } from '../card-samples';
import { ANA, BEN, finding, incident, MARKDOWN_NAME, role, schedules, WS } from '../people-fixtures';

const links = { tabEndpoint: 'https://serviceops.example.net', teamsAppId: '0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b' };
const roles = [role('Service Owner', ANA.name), role('Network Operations', ANA.name), role('Help Desk', 'TBA')];
const me = { ids: [ANA.id], name: ANA.name };
const LONG = `${MARKDOWN_NAME} ${'x'.repeat(3000)}`;

export const samples: CardSample[] = [
  {
    template: 'my-work.json', name: 'my work with one of each, a finding highlighted',
    render: () => renderMyWorkCard({ work: selectMyWork(WS, me, { findings: [finding(1), finding(2, { by: BEN })], incidents: [incident(1)], schedules: schedules(2), roles }), name: ANA.name, links, highlight: 'finding:QF-0001' }),
  },
  {
    template: 'my-work.json', name: 'my work with nothing to do, for a name that looks like markdown',
    render: () => renderMyWorkCard({ work: selectMyWork(WS, { ids: ['29:nobody'], name: MARKDOWN_NAME }, { findings: [finding(1)], incidents: [incident(1)], schedules: schedules(3), roles }), name: MARKDOWN_NAME, links: { tabEndpoint: links.tabEndpoint } }),
    literal: [MARKDOWN_NAME],
  },
  {
    template: 'my-work.json', name: 'my work, worst case: every section full of long text',
    render: () => renderMyWorkCard({
      work: selectMyWork(WS, me, {
        findings: Array.from({ length: 40 }, (_, i) => finding(i + 1, { description: LONG, owningRole: 'Network Operations' })),
        incidents: Array.from({ length: 40 }, (_, i) => incident(i + 1, { problem: LONG, service: LONG.slice(0, 200) })),
        schedules: schedules(40).map((s) => ({ ...s, role: 'Service Owner', title: LONG.slice(0, 300) })),
        roles: Array.from({ length: 60 }, (_, i) => role(i === 0 ? 'Service Owner' : i === 1 ? 'Network Operations' : `Role ${i} ${'y'.repeat(60)}`, ANA.name)),
      }),
      name: LONG.slice(0, 300), links,
    }),
  },
];
