// @mentions in the cards that concern a person: the entity's text is exactly the <at> text shown
// in a TextBlock or fact, it names the stored id, and a person known only by name is shown by
// name with no mention at all.
import { describe, expect, it } from 'vitest';
import { renderFindingCard } from '../../bot/src/cards/finding-card';
import { renderIncidentCard } from '../../bot/src/cards/incident-card';
import { renderIncidentReminderCard } from '../../bot/src/cards/incident-reminder-card';
import { personText, withMentionEntities } from '../../bot/src/cards/mention';
import { renderOutageNotificationCard } from '../../bot/src/cards/outage-notification-card';
import { renderReminderDigestCard } from '../../bot/src/cards/reminder-digest-card';
import { reminderKey } from '../../bot/src/domain/incidents/cadence';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../bot/src/domain/incidents/severity';
import { planOccurrence } from '../../bot/src/domain/reminders/schedule';
import { ANA, finding, incident, MARKDOWN_NAME, schedules, WS } from './people-fixtures';

type Card = Record<string, any>;
const now = new Date('2026-03-10T10:50:00Z');

/** Every TextBlock text and fact value of a card, nested containers and show-cards included. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { value: string }[]) out.push(f.value);
    for (const [k, v] of Object.entries(o)) if (k !== 'msteams') texts(v, out);
  }
  return out;
}

/** Checks the Teams rules for each entity and returns the mentioned ids. */
function mentions(card: Card): string[] {
  const entities = (card.msteams?.entities ?? []) as { type: string; text: string; mentioned: { id: string; name: string } }[];
  const shown = texts(card.body);
  for (const e of entities) {
    expect(e.type).toBe('mention');
    expect(e.text).toMatch(/^<at>[^<>]+<\/at>$/);
    expect(e.mentioned.id).toBeTruthy();
    expect(e.mentioned.name).toBeTruthy();
    expect(shown.some((t) => t.includes(e.text)), `"${e.text}" is shown in a TextBlock or fact`).toBe(true);
  }
  // Every <at> tag shown has its entity: no mention Teams could not resolve.
  for (const tag of shown.flatMap((t) => t.match(/<at>.*?<\/at>/g) ?? [])) expect(entities.map((e) => e.text)).toContain(tag);
  return entities.map((e) => e.mentioned.id);
}

describe('personText', () => {
  it('mentions a person with an id, and only names one without', () => {
    expect(personText(ANA)).toEqual({ text: '<at>Ana Owner</at>', entity: { type: 'mention', text: '<at>Ana Owner</at>', mentioned: { id: '29:ana', name: 'Ana Owner' } } });
    expect(personText({ name: 'Ana Owner' })).toEqual({ text: 'Ana Owner' });
    expect(personText({ id: '  ', name: 'Ana Owner' }).entity).toBeUndefined();
    expect(personText(undefined, 'Unassigned (Help Desk)')).toEqual({ text: 'Unassigned \\(Help Desk\\)' });
  });

  it('escapes markdown and drops tag characters inside the mention, keeping the name itself', () => {
    const p = personText({ id: '29:zoe', name: MARKDOWN_NAME });
    expect(p.text).toBe('<at>Zoë \\*Bold\\* \\[x\\]\\(http://evil\\.example\\) b\\_y\\_/b $\\{name\\}</at>');
    expect(p.entity!.text).toBe(p.text);
    expect(p.entity!.mentioned).toEqual({ id: '29:zoe', name: MARKDOWN_NAME });
    expect(personText({ name: MARKDOWN_NAME }).text).not.toContain('<b>');
  });

  it('adds each mention once, next to the card\'s other msteams settings', () => {
    const e = personText(ANA).entity;
    const card = withMentionEntities({ type: 'AdaptiveCard', msteams: { width: 'Full' } }, [e, e, undefined]);
    expect(card.msteams).toEqual({ width: 'Full', entities: [e] });
    expect(withMentionEntities({ type: 'AdaptiveCard' }, [undefined])).toEqual({ type: 'AdaptiveCard' });
  });
});

describe('cards that name an owner', () => {
  it('the incident card mentions the owner in its Owner fact, and names an unowned case\'s team', () => {
    expect(mentions(renderIncidentCard({ incident: incident(1), etag: 'e', policy, timeZone: 'UTC', now }))).toEqual(['29:ana']);
    const unowned = renderIncidentCard({ incident: incident(2, { owner: undefined, scope: { route: 'internal', reason: 'excluded', matched: [], owningRole: 'Help Desk' } as never }), etag: 'e', policy, timeZone: 'UTC', now });
    expect(mentions(unowned)).toEqual([]);
    expect(texts(unowned.body)).toContain('Unassigned \\(Help Desk\\)');
  });

  it('the incident reminder mentions the person reminded at the top', () => {
    const decision = { incidentId: 'SR-202603-0001', kind: 'update-due' as const, dueAt: '2026-03-10T11:00:00.000Z', key: reminderKey('update-due', '2026-03-10T11:00:00.000Z') };
    const card: Card = renderIncidentReminderCard({ incident: incident(1), etag: 'e', decision, policy, timeZone: 'UTC', now, remind: { person: ANA, lead: 'the next status update is due soon.' } });
    expect(mentions(card)).toEqual(['29:ana']);
    expect(card.body[0].text).toBe('<at>Ana Owner</at>, the next status update is due soon.');
  });

  it('the outage notification mentions the incident owner, and shows "Unassigned" without one', () => {
    const notice = { incidentId: 'SR-202603-0001', key: 'declared', event: 'declared' as const, at: '2026-03-10T09:00:00.000Z' };
    const card = renderOutageNotificationCard({ incident: incident(1), notice, policy, timeZone: 'UTC' });
    expect(mentions(card)).toEqual(['29:ana']);
    expect(texts(card.body)).toContain('Incident owner: <at>Ana Owner</at>');
    const none = renderOutageNotificationCard({ incident: incident(2, { owner: undefined }), notice, policy, timeZone: 'UTC' });
    expect(mentions(none)).toEqual([]);
    expect(texts(none.body)).toContain('Incident owner: Unassigned');
  });

  it('the finding card mentions the owning team\'s contact when their id is known, else names them', () => {
    expect(mentions(renderFindingCard({ finding: finding(1), now, contact: ANA }))).toEqual(['29:ana']);
    const named = renderFindingCard({ finding: finding(1), now, contact: { name: 'desk@contoso.example' } });
    expect(mentions(named)).toEqual([]);
    expect(texts(named.body)).toContain('Owning-team contact: desk@contoso\\.example');
    expect(texts(renderFindingCard({ finding: finding(1), now }).body).join('\n')).not.toContain('Owning-team contact');
  });

  it('the reminder digest mentions a task owner known by id on the task\'s line, names one known by name', () => {
    const lines = schedules(0).slice(0, 3).map((s) => {
      const p = planOccurrence(s, s.nextDueAt!, new Date(Date.parse(s.nextDueAt!) + 60_000), { deploymentMode: false });
      if (p.stale) throw new Error('stale');
      return p.line;
    });
    const digest = { workspace: WS, targetConversationId: '19:ops@thread.tacv2', due: lines, carried: [] };
    const roles = [...new Set(lines.map((l) => l.role))];
    const { card } = renderReminderDigestCard(digest, now, { owners: { [roles[0]!]: ANA, ...(roles[1] ? { [roles[1]]: { name: 'Network desk' } } : {}) } });
    expect(mentions(card)).toEqual(['29:ana']);
    expect(texts(card.body)).toContain('Owner: <at>Ana Owner</at>');
    // Without owners (what the scheduler knows today: roles and teams, no person ids) nobody is mentioned.
    expect(mentions(renderReminderDigestCard(digest, now).card)).toEqual([]);
  });
});
