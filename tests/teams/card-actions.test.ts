// The card actions' building blocks: the shared readers of card data, and a registry that parses
// before it runs, refuses with the parser's answer, and never takes a verb twice.
import { describe, expect, it } from 'vitest';
import { bool, cardData, field, int, oneOf, str } from '../../bot/src/domain/card-data';
import { type ActionContext, ActionRegistry, badRequest, defineAction, refuse } from '../../bot/src/teams/card-actions';

const ctx: ActionContext = {
  workspace: { tenantId: 't', scope: 'team', scopeId: '19:team' },
  actor: { id: '29:a', name: 'Alex' },
  opId: 'op-1',
  surface: { kind: 'view', view: 'roles', params: {} },
};

describe('card data readers', () => {
  it('read typed values and nothing else', () => {
    expect([str('a'), str(3), str(true), str(null), str({}), str('long', 3)]).toEqual(['a', '3', 'true', undefined, undefined, undefined]);
    expect([int(4), int('6'), int(-1), int(1.5), int('x'), int(undefined)]).toEqual([4, 6, undefined, undefined, undefined, undefined]);
    expect([bool(true), bool('false'), bool('yes'), bool(1)]).toEqual([true, false, undefined, undefined]);
    expect([oneOf('all', ['open', 'all'] as const), oneOf('constructor', ['open', 'all'] as const)]).toEqual(['all', undefined]);
    expect([cardData([1]), cardData(null), cardData({ a: 1 })]).toEqual([{}, {}, { a: 1 }]);
  });

  it('never read a key of Object.prototype', () => {
    const data = JSON.parse('{"__proto__": "x", "note_1": "n"}');
    expect(field(data, 'constructor')).toBeUndefined();
    expect(field(data, 'toString')).toBeUndefined();
    expect(field(data, '__proto__')).toBe('x');
    expect(field(data, 'note_1')).toBe('n');
  });
});

describe('the action registry', () => {
  const ran: unknown[] = [];
  const registry = new ActionRegistry([
    defineAction({
      verb: 'demo.save',
      parse: (d) => (str(d.id) ? { id: str(d.id)! } : badRequest('This card does not name a record.')),
      run: async (p) => (ran.push(p), { message: `Saved ${p.id}.`, done: true }),
    }),
    defineAction({
      verb: 'demo.note',
      parse: (d) => (typeof d.note === 'string' ? { note: d.note } : refuse('Write the note first.')),
      run: async (p) => ({ view: async () => ({ type: 'AdaptiveCard', note: p.note }) }),
    }),
  ]);

  it('runs the domain call with the parsed payload', async () => {
    expect(await registry.get('demo.save')!.perform({ id: 'r1', extra: 'ignored' }, ctx)).toEqual({ message: 'Saved r1.', done: true });
    expect(ran).toEqual([{ id: 'r1' }]);
  });

  it('answers with the parser\'s refusal and runs nothing', async () => {
    expect(await registry.get('demo.save')!.perform({}, ctx)).toEqual({ error: 'This card does not name a record.', status: 400 });
    expect(await registry.get('demo.note')!.perform({ note: 3 }, ctx)).toEqual({ message: 'Write the note first.' });
    expect(ran).toHaveLength(1);
  });

  it('lists its verbs, knows no other, and refuses a verb declared twice', () => {
    expect(registry.list().map((a) => a.verb)).toEqual(['demo.save', 'demo.note']);
    expect(registry.get('constructor')).toBeUndefined();
    const twice = defineAction({ verb: 'demo.x', parse: () => ({}), run: async () => ({ message: 'x' }) });
    expect(() => new ActionRegistry([twice, twice])).toThrow(/declared twice/);
  });
});
