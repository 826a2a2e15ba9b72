// Teams @mentions in Adaptive Cards: the `<at>Name</at>` text goes in a TextBlock (or a fact) and
// the card's msteams.entities carries { type: "mention", text, mentioned: { id, name } } with the
// very same text. Only a person whose id the product stored (AAD object id or Teams user id) is
// mentioned; a name alone is shown as plain, escaped text, never as a mention that cannot resolve.
import { escapeMarkdown } from './template';

export interface MentionTarget {
  /** AAD object id or Teams user id; absent when only a name is known (e.g. a role map contact). */
  id?: string;
  name: string;
}

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** What a card shows for a person: the text for the card, and the entity when it is a mention. */
export interface PersonText {
  text: string;
  entity?: MentionEntity;
}

const MAX_NAME = 200;

/** Display text of a user-given name inside <at>…</at>: no tag characters, markdown escaped. */
function atName(name: string): string {
  const plain = name.replace(/[<>\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
  return escapeMarkdown(plain || 'Owner');
}

export function personText(person: MentionTarget | undefined, fallback = 'Unassigned'): PersonText {
  if (!person) return { text: escapeMarkdown(fallback) };
  const id = person.id?.trim();
  if (!id) return { text: escapeMarkdown(person.name.trim() || fallback) };
  const text = `<at>${atName(person.name)}</at>`;
  return { text, entity: { type: 'mention', text, mentioned: { id, name: person.name.trim().slice(0, MAX_NAME) || 'Owner' } } };
}

/** Adds mention entities to a rendered card (kept once per text), next to its other msteams settings. */
export function withMentionEntities(card: Record<string, unknown>, entities: readonly (MentionEntity | undefined)[]): Record<string, unknown> {
  const msteams = (card.msteams ?? {}) as Record<string, unknown>;
  const have = Array.isArray(msteams.entities) ? (msteams.entities as MentionEntity[]) : [];
  const merged = [...have];
  for (const e of entities) if (e && !merged.some((m) => m.text === e.text)) merged.push(e);
  if (!merged.length) return card;
  return { ...card, msteams: { ...msteams, entities: merged } };
}

/** Mentions a person at the top of a card, leading into `lead` (Teams notifies them). */
export function withMention(card: Record<string, unknown>, person: MentionTarget, lead: string): Record<string, unknown> {
  const p = personText(person);
  const line = { type: 'TextBlock', text: `${p.text}, ${lead}`, wrap: true };
  return withMentionEntities({ ...card, body: [line, ...((card.body as unknown[]) ?? [])] }, [p.entity]);
}
