// Reading what a card says and offers, for assertions: texts in document order, and the data
// of the Action.Execute a person would press.

/** Every TextRun/TextBlock text of a card, in document order. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if ((o.type === 'TextRun' || o.type === 'TextBlock') && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The data of the first Action.Execute with `verb` anywhere in a card. */
export function actionData(card: unknown, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.verb === verb) found = o.data as Record<string, unknown>;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
