// A role's contact as a person: the role keeps the person's id next to the name, the schedules
// routed through the role map carry it, and the reminder digest @mentions that person once,
// however many of their tasks are due, with the name shown literally. A typed contact is text.
import { describe, expect, it } from 'vitest';
import { renderReminderDigestCard } from '../../bot/src/cards/reminder-digest-card';
import { renderRoleEditCard } from '../../bot/src/cards/role-map-card';
import { applyRolePatch, contactPerson } from '../../bot/src/domain/ops/roles';
import { applyTaskAction } from '../../bot/src/domain/reminders/actions';
import { type DigestLine, planOccurrence, type ReminderSchedule, seedSchedules } from '../../bot/src/domain/reminders/schedule';
import { ANA, BEN, MARKDOWN_NAME, role, WS } from './people-fixtures';

type Card = Record<string, any>;
const now = new Date('2026-03-10T10:50:00Z');
const actor = { id: 'aad-alex', name: 'Alex' };

function routed(contactFor: (role: string) => { id: string; name: string } | undefined): ReminderSchedule[] {
  return seedSchedules(WS, {
    routeForRole: (r) => ({ team: `${r} team`, conversationId: '19:ops@thread.tacv2', ...(contactFor(r) ? { contact: contactFor(r)! } : {}) }),
    fallbackConversationId: '19:setup@thread.tacv2', timeZone: 'Europe/Berlin', now: new Date('2026-03-01T00:00:00Z'), ctx: { deploymentMode: false },
  });
}

function lineOf(s: ReminderSchedule): DigestLine {
  const p = planOccurrence(s, s.nextDueAt!, new Date(Date.parse(s.nextDueAt!) + 60_000), { deploymentMode: false });
  if (p.stale) throw new Error('stale');
  return p.line;
}

const digestOf = (lines: DigestLine[]) => renderReminderDigestCard({ workspace: WS, targetConversationId: '19:ops@thread.tacv2', due: lines, carried: [] }, now).card as Card;
const bodyText = (card: Card) => JSON.stringify(card.body);

describe('the role contact person', () => {
  it('is kept with its name, dropped when other contact details are typed, and missing on old rows', () => {
    const person = applyRolePatch(role('Help Desk', 'TBA'), { contact: ANA.name, contactId: ANA.id }, actor, now);
    expect(contactPerson(person)).toEqual(ANA);
    // Saving the edit card with the contact unchanged keeps the person.
    expect(contactPerson(applyRolePatch(person, { contact: ANA.name, team: 'Desk' }, actor, now))).toEqual(ANA);
    const typed = applyRolePatch(person, { contact: 'desk@contoso.example' }, actor, now);
    expect(typed.contactId).toBeUndefined();
    expect(contactPerson(role('Help Desk', 'desk@contoso.example'))).toBeUndefined();
  });

  it('the edit card offers "Make me the contact" and says who the person is', () => {
    const card = renderRoleEditCard({ role: { ...role('Help Desk', ANA.name), contactId: ANA.id } });
    expect(JSON.stringify(card)).toContain('"verb":"role.makeContact","data":{"roleId":"help-desk"}');
    expect(JSON.stringify(card)).toContain('Ana Owner is the contact person');
    expect(JSON.stringify(renderRoleEditCard({}))).not.toContain('role.makeContact');
  });
});

describe('the reminder digest', () => {
  it('mentions the contact person of each task\'s role, one entity per person', () => {
    const all = routed((r) => (r === 'Service Owner' ? ANA : r === 'Network Operations' ? BEN : undefined));
    const ana = all.filter((s) => s.role === 'Service Owner').slice(0, 2);
    const ben = all.find((s) => s.role === 'Network Operations')!;
    const nobody = all.find((s) => s.role !== 'Service Owner' && s.role !== 'Network Operations')!;
    expect(ana).toHaveLength(2);
    const card = digestOf([...ana, ben, nobody].map(lineOf));
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Ana Owner</at>', mentioned: ANA },
      { type: 'mention', text: '<at>Ben Desk</at>', mentioned: BEN },
    ]);
    expect(bodyText(card).match(/Owner: <at>Ana Owner<\/at>/g)).toHaveLength(2);
  });

  it('shows a name that looks like markdown or a tag literally inside the mention', () => {
    const [s] = routed(() => ({ id: 'aad-zoe', name: MARKDOWN_NAME }));
    const card = digestOf([lineOf(s!)]);
    const [entity] = card.msteams.entities;
    expect(entity.mentioned).toEqual({ id: 'aad-zoe', name: MARKDOWN_NAME });
    expect(entity.text).not.toMatch(/<b>|\*Bold\*/);
    expect(bodyText(card)).toContain(JSON.stringify(entity.text).slice(1, -1));
  });

  it('mentions nobody for roles without a contact person, and reassigning to another role drops it', () => {
    const [s] = routed(() => ANA);
    expect(digestOf(routed(() => undefined).slice(0, 3).map(lineOf)).msteams?.entities).toBeUndefined();
    const moved = applyTaskAction(s!, { verb: 'reassign', occurrenceId: `${s!.id}@x`, by: 'Alex', reassignTo: { role: 'Help Desk', conversationId: '19:desk@thread.tacv2' } }, now, { deploymentMode: false });
    expect(moved.outcome).toBe('applied');
    expect(moved.outcome === 'applied' && moved.schedule.contact).toBeUndefined();
  });
});
