// The minutes posted to the project channel when the steering committee's meeting ends: the
// decisions, the actions with their owners (a person the meeting knew is @mentioned) and due
// dates, and who attended. User text goes into TextRuns; the owner's mention text is escaped.
import template from './templates/meeting-minutes.json';
import type { Minutes, MinutesLine } from '../domain/meetings/minutes';
import { personText, withMentionEntities, type MentionEntity } from './mention';
import { clip, fitCard } from './ops-card-parts';
import { expandTemplate } from './template';

export function renderMeetingMinutesCard(minutes: Minutes): Record<string, unknown> {
  let entities: (MentionEntity | undefined)[] = [];
  const card = fitCard((max) => {
    const textMax = max >= 30 ? 500 : 200;
    entities = [];
    const action = (l: MinutesLine) => {
      const who = personText(l.owner, 'No owner');
      entities.push(who.entity);
      return { text: clip(l.text, textMax), owner: `Owner: ${who.text}`, detail: l.dueOn ? `Due ${l.dueOn}` : 'No due date' };
    };
    const lists = [
      { heading: `Decisions (${minutes.decisions.length})`, empty: minutes.decisions.length ? '' : 'No decisions were recorded.', lines: minutes.decisions.slice(0, max).map((l) => ({ text: clip(l.text, textMax), owner: '', detail: '' })) },
      { heading: `Actions (${minutes.actions.length})`, empty: minutes.actions.length ? '' : 'No actions were recorded.', lines: minutes.actions.slice(0, max).map(action) },
    ];
    const cut = minutes.decisions.length > max || minutes.actions.length > max;
    return expandTemplate(template, {
      title: clip(minutes.title, 200),
      held: `${minutes.heldOn} · ${minutes.closedHow === 'meeting-end' ? 'the meeting ended in Teams' : `closed from the side panel by ${minutes.closedBy}`}`,
      attendees: clip(minutes.attendees.map((a) => a.name).join(', '), 2000),
      lists,
      footer: `${cut ? 'Some lines are left out to keep this card small; the agenda tab has them all. ' : ''}Open actions are carried into the next agenda, under "Actions from the last meeting".`,
    });
  }, [30, 15, 8]);
  return withMentionEntities(card, entities);
}
