// Pressing an Action.Execute the way Teams does: the button's data with the card's inputs merged
// in under their ids (an input's value wins over a data key of the same name, as in the
// adaptivecards renderer), every value a string, an empty input left out, and no inputs at all
// for a button with associatedInputs "none".

export interface ExecuteButton {
  verb: string;
  title: string;
  data: Record<string, unknown>;
  associatedInputs?: string;
}

function walk(node: unknown, visit: (n: Record<string, any>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Record<string, any>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every Action.Execute of a card, in document order. */
export function executeButtons(card: unknown): ExecuteButton[] {
  const out: ExecuteButton[] = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute') out.push({ verb: String(n.verb), title: String(n.title ?? ''), data: (n.data ?? {}) as Record<string, unknown>, associatedInputs: n.associatedInputs });
  });
  return out;
}

/** Every input of a card by id, with the element as the card has it. */
export function cardInputs(card: unknown): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out.set(n.id, n);
  });
  return out;
}

/**
 * The `value.action.data` Teams sends when the button titled `title` is pressed after typing or
 * picking `typed` (by input id); the other inputs keep the values the card gave them.
 */
export function pressData(card: unknown, title: string, typed: Record<string, string> = {}): { verb: string; data: Record<string, unknown> } {
  const button = executeButtons(card).find((b) => b.title === title);
  if (!button) throw new Error(`no button "${title}" on the card: ${executeButtons(card).map((b) => b.title).join(', ')}`);
  if (button.associatedInputs === 'none') return { verb: button.verb, data: { ...button.data } };
  const inputs = cardInputs(card);
  for (const id of Object.keys(typed)) if (!inputs.has(id)) throw new Error(`no input "${id}" on the card: ${[...inputs.keys()].join(', ')}`);
  const values: Record<string, string> = {};
  for (const [id, input] of inputs) {
    const value = id in typed ? typed[id]! : input.value === undefined ? '' : String(input.value);
    if (value !== '') values[id] = value;
  }
  return { verb: button.verb, data: { ...button.data, ...values } };
}
