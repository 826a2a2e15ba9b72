// Every card: renders from its template, parses and validates in the adaptivecards library
// without errors, is Adaptive Cards 1.5, stays under 25 KB, and shows user text literally.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, expandTemplate, TemplateError } from '../../bot/src/cards/template';
import { CARD_SAMPLES } from './card-samples';

const templatesDir = fileURLToPath(new URL('../../bot/src/cards/templates', import.meta.url));
const MAX_CARD_BYTES = 25 * 1024;

function problems(card: unknown): string[] {
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptive.parse(card as AC.PropertyBag, context);
  const out: string[] = [];
  for (let i = 0; i < context.eventCount; i++) out.push(context.getEventAt(i).message);
  for (const e of adaptive.validateProperties().validationEvents) out.push(e.message);
  return out;
}

describe('card templates', () => {
  it('every template has a sample rendering', () => {
    const templates = readdirSync(templatesDir).filter((f) => f.endsWith('.json'));
    expect(templates.length).toBeGreaterThan(0);
    const sampled = new Set(CARD_SAMPLES.map((s) => s.template));
    expect(templates.filter((t) => !sampled.has(t))).toEqual([]);
  });

  describe.each(CARD_SAMPLES)('$name ($template)', (sample) => {
    const card = sample.render();
    const json = JSON.stringify(card);

    it('is Adaptive Cards 1.5 with every binding resolved', () => {
      expect(card.type).toBe('AdaptiveCard');
      expect(card.version).toBe('1.5');
      expect(json).not.toMatch(/"\$(data|when)"/);
    });

    it('parses and validates in the adaptivecards library without errors', () => {
      expect(problems(card)).toEqual([]);
    });

    it('is under 25 KB serialized', () => {
      expect(Buffer.byteLength(json, 'utf8')).toBeLessThan(MAX_CARD_BYTES);
    });
  });

  const withUserText = CARD_SAMPLES.filter((s) => s.literal?.length);
  if (withUserText.length) {
    it.each(withUserText)('$name shows user text literally', (sample) => {
      const json = JSON.stringify(sample.render());
      for (const text of sample.literal!) expect(json).toContain(JSON.stringify(text).slice(1, -1));
    });
  }

  it('the validity check itself catches a broken card', () => {
    expect(problems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Foo' }] }).length).toBeGreaterThan(0);
  });
});

describe('the template expander', () => {
  const template = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'Hello ${name}' },
      { $data: '${items}', type: 'TextBlock', text: '${label}' },
      { $when: '${show}', type: 'TextBlock', text: 'shown' },
      { $when: '${!show}', type: 'TextBlock', text: 'hidden' },
    ],
    actions: '${actions}',
  };

  it('binds values, repeats $data, honours $when and inserts whole values', () => {
    const out = expandTemplate(template, { name: 'Ana', items: [{ label: 'a' }, { label: 'b' }], show: true, actions: [{ type: 'Action.Submit', title: 'x' }] });
    expect(out).toEqual({
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Hello Ana' },
        { type: 'TextBlock', text: 'a' },
        { type: 'TextBlock', text: 'b' },
        { type: 'TextBlock', text: 'shown' },
      ],
      actions: [{ type: 'Action.Submit', title: 'x' }],
    });
  });

  it('never re-expands bindings that arrive inside user text', () => {
    const out = expandTemplate(template, { name: '${show} {{x}} ${$root.name}', items: [{ label: '${name}' }], show: false, actions: [] });
    expect(JSON.stringify(out)).toContain('Hello ${show} {{x}} ${$root.name}');
    expect(JSON.stringify(out)).toContain('"text":"${name}"');
    expect(JSON.stringify(out)).toContain('"text":"hidden"');
  });

  it('fails loudly on a missing binding instead of rendering blanks', () => {
    expect(() => expandTemplate(template, { items: [], show: true, actions: [] })).toThrow(TemplateError);
  });

  it('escapes the markdown Teams would render', () => {
    expect(escapeMarkdown('[x](http://a) **b** _c_ # d')).toBe('\\[x\\]\\(http://a\\) \\*\\*b\\*\\* \\_c\\_ \\# d');
  });
});
