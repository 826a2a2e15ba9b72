import { describe, expect, it } from 'vitest';
import { closestCommand, COMMANDS, parseCommand } from '../../bot/src/domain/commands';

describe('parseCommand', () => {
  it.each([
    ['help', 'help', ''],
    ['  HELP  ', 'help', ''],
    ['/findings team:Network', 'findings', 'team:Network'],
    ['finding VPN: poor audio in Building 6, PSR 4.1%', 'finding', 'VPN: poor audio in Building 6, PSR 4.1%'],
    ['agenda add Budget for Wi-Fi survey', 'agenda', 'add Budget for Wi-Fi survey'],
    ['hello', 'help', ''],
  ])('%s → %s', (text, name, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', name, args });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('treats %s as an unknown word, not as something of Object.prototype', (word) => {
    expect(parseCommand(word)).toMatchObject({ kind: 'unknown', text: word });
  });

  it('treats empty text as empty and unknown words as unknown, with a suggestion for typos', () => {
    expect(parseCommand('   ')).toEqual({ kind: 'empty' });
    expect(parseCommand('finidngs')).toEqual({ kind: 'unknown', text: 'finidngs', suggestion: 'findings', args: '' });
    expect(parseCommand('finidngs wifi overdue')).toEqual({ kind: 'unknown', text: 'finidngs wifi overdue', suggestion: 'findings', args: 'wifi overdue' });
    expect(parseCommand('what is the weather')).toEqual({ kind: 'unknown', text: 'what is the weather', suggestion: undefined, args: 'is the weather' });
  });

  it('suggests nothing for short or far-off words', () => {
    expect(closestCommand('ab')).toBeUndefined();
    expect(closestCommand('zzzzzz')).toBeUndefined();
    expect(closestCommand('agnda')).toBe('agenda');
    // Short words are not typos of a two-letter command.
    for (const word of ['why', 'may', 'any', 'me']) expect(closestCommand(word)).toBeUndefined();
  });

  it('lists the commands of the product once each', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['help', 'finding', 'escalate', 'findings', 'incidents', 'roles', 'agenda', 'checklists', 'reminders', 'my', 'problems', 'changes', 'charter', 'reviews', 'pack', 'ola', 'runbook']);
  });

  it('reads "my work" as the my command with "work" after it', () => {
    expect(parseCommand('my work')).toEqual({ kind: 'command', name: 'my', args: 'work' });
    expect(parseCommand('My Work')).toMatchObject({ kind: 'command', name: 'my', args: 'Work' });
  });
});
