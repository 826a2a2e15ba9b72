import { describe, expect, it } from 'vitest';
import { assertEntityLimits, EntityLimitError, MAX_STRING_CHARS } from '../../bot/src/storage/entity-limits';
import { decodeKey, descendingTimeKey, encodeKey, KeyTooLongError } from '../../bot/src/storage/keys';

describe('key encoding', () => {
  it('removes every character Table storage forbids in keys, reversibly', () => {
    const hostile = 'a/b\\c#d?e%f\u0000g\u001fh\u007fi\u0085 ✓ עברית 😀';
    const key = encodeKey(hostile);
    expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
    expect(decodeKey(key)).toBe(hostile);
  });

  it('keeps ordinary ids readable', () => {
    expect(encodeKey('19:abc@thread.tacv2')).toBe('19:abc@thread.tacv2');
  });

  it('refuses keys over the limit with a clear error', () => {
    expect(() => encodeKey('x'.repeat(600))).toThrow(KeyTooLongError);
  });

  it('sorts newer times first', () => {
    expect(descendingTimeKey(2000) < descendingTimeKey(1000)).toBe(true);
  });
});

describe('entity limits', () => {
  it('refuses a string over 32K characters, naming the property', () => {
    try {
      assertEntityLimits({ partitionKey: 'p', rowKey: 'r', note: 'x'.repeat(MAX_STRING_CHARS + 1) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EntityLimitError);
      expect((e as EntityLimitError).property).toBe('note');
    }
  });

  it('refuses more than 252 properties', () => {
    const entity: Record<string, unknown> = { partitionKey: 'p', rowKey: 'r' };
    for (let i = 0; i < 253; i++) entity[`p${i}`] = i;
    expect(() => assertEntityLimits(entity)).toThrow(/253 properties/);
  });

  it('refuses an entity over 1 MiB in total', () => {
    const entity: Record<string, unknown> = { partitionKey: 'p', rowKey: 'r' };
    for (let i = 0; i < 20; i++) entity[`s${i}`] = 'y'.repeat(30_000);
    expect(() => assertEntityLimits(entity)).toThrow(/bytes/);
  });

  it('accepts a normal entity', () => {
    expect(() => assertEntityLimits({ partitionKey: 'p', rowKey: 'r', a: 'b', n: 1 })).not.toThrow();
  });
});
