// Talks to the launched product the way Teams does, in the three kinds of conversation and
// several tenants, and reads what a person would see: the cards, their buttons and inputs.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { cardAction, conversation, type Scope } from '../../support/activities';
import type { LocalConnector } from '../../support/connector';
import type { LaunchedProduct } from './product';

export type Conv = ReturnType<typeof conversation>;

/** What a person must never be shown: error texts, and values that leaked from code. */
const ERROR_TEXT = /went wrong|not (yet )?available|coming soon|not implemented|storage is not answering/i;
const JUNK = /\bundefined\b|\[object Object\]|\bNaN\b/;
export function brokenIn(text: string): string | undefined {
  return ERROR_TEXT.exec(text)?.[0] ?? JUNK.exec(text)?.[0];
}
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export interface Tenant {
  id: string;
  personal: Conv;
  group: Conv;
  channel: Conv;
}

export function tenant(connector: LocalConnector, name: string): Tenant {
  const id = randomUUID();
  const user = { id: `29:${name}-${randomUUID()}`, name: `${name} Champion`, aadObjectId: randomUUID() };
  const conv = (scope: Scope) => conversation({ serviceUrl: connector.serviceUrl, scope, tenantId: id, user });
  return { id, personal: conv('personal'), group: conv('groupChat'), channel: conv('channel') };
}

export const SCOPES = ['personal', 'group', 'channel'] as const;

export interface Reply {
  activities: any[];
  /** Every card attachment of the replies. */
  cards: any[];
  text: string;
}

export class TeamsClient {
  constructor(readonly product: LaunchedProduct, readonly connector: LocalConnector) {}

  async install(conv: Conv): Promise<void> {
    const r = await this.product.send(conv.botAdded());
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  }

  /** Types a message (with the @mention Teams adds outside personal chat); the turn's replies. */
  async say(conv: Conv, text: string): Promise<Reply> {
    const before = this.connector.calls.length;
    const r = await this.product.send(conv.message(text));
    expect(r.status, `"${text}": HTTP ${r.status}`).toBeLessThan(300);
    // The connector has every reply once the turn's HTTP request has been answered.
    const activities = this.connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId).map((c) => c.body);
    return reply(activities);
  }

  /** Presses an Action.Execute button; the invoke response must be a valid one. */
  async press(conv: Conv, verb: string, data: Record<string, unknown>, id?: string): Promise<{ body: any; cards: any[]; text: string }> {
    const r = await this.product.send(cardAction(conv, verb, data, id ? { id } : {}));
    expect(r.status, `${verb}: HTTP ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`).toBe(200);
    expect(r.body?.statusCode, `${verb}: ${JSON.stringify(r.body)?.slice(0, 300)}`).toBe(200);
    expect([ADAPTIVE, 'application/vnd.microsoft.activity.message'], `${verb}: ${JSON.stringify(r.body)?.slice(0, 300)}`).toContain(r.body?.type);
    const cards = r.body.type === ADAPTIVE ? [r.body.value] : [];
    return { body: r.body, cards, text: JSON.stringify(r.body.value) };
  }
}

function reply(activities: any[]): Reply {
  const cards = activities.flatMap((a) => (a?.attachments ?? []).filter((x: any) => x.contentType === ADAPTIVE).map((x: any) => x.content));
  return { activities, cards, text: JSON.stringify(activities) };
}

export interface CardButton {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute on a card, with the values its inputs hold (as Teams merges them). */
export function buttons(card: unknown, inputs: Record<string, unknown> = inputValues(card)): CardButton[] {
  const out: CardButton[] = [];
  walk(card, (node) => {
    if (node.type === 'Action.Execute' && typeof node.verb === 'string') out.push({ verb: node.verb, title: String(node.title ?? ''), data: { ...inputs, ...(node.data ?? {}) } });
  });
  return out;
}

/** The data a press of the `verb` button sends (the first whose data has `match`): the card's own inputs, then `inputs` typed in. */
export function buttonData(cards: readonly unknown[], verb: string, inputs: Record<string, unknown> = {}, match: Record<string, unknown> = {}): Record<string, unknown> {
  const b = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb && Object.entries(match).every(([k, v]) => x.data[k] === v));
  expect(b, `no ${verb} button on ${JSON.stringify(cards).slice(0, 400)}`).toBeDefined();
  return { ...b!.data, ...inputs };
}

/** The value a person would leave in or pick for each input of a card. */
export function inputValues(card: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  walk(card, (node) => {
    if (typeof node.type !== 'string' || !node.type.startsWith('Input.') || typeof node.id !== 'string') return;
    values[node.id] = defaultInput(node);
  });
  return values;
}

function defaultInput(node: any): unknown {
  if (node.value !== undefined && node.value !== '') return node.value;
  switch (node.type) {
    case 'Input.ChoiceSet':
      return node.choices?.[node.choices.length > 1 ? 1 : 0]?.value ?? '';
    case 'Input.Toggle':
      return node.valueOn ?? 'true';
    case 'Input.Number':
      return String(node.min ?? 1);
    case 'Input.Date':
      return new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    case 'Input.Time':
      return '09:30';
    default:
      return `Journey ${String(node.id)} text`;
  }
}

export function walk(node: unknown, visit: (node: any) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** The text a card shows (TextBlock, FactSet, RichTextBlock runs), for reading like a person. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  walk(card, (n) => {
    if (typeof n.text === 'string') parts.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string') parts.push(`${n.title}: ${n.value}`);
  });
  return parts.join('\n');
}
