// Phrasings of the management reviews offer the `reviews` command, before the checklists.
import { describe, expect, it } from 'vitest';
import { matchIntents } from '../../../bot/src/domain/intents';

const first = (text: string) => matchIntents(text)[0]?.command;

describe('review phrasings', () => {
  it.each([
    'show me the management reviews',
    'where is the release readiness review?',
    'what did the operational health review decide',
    'go/no-go',
  ])('seed 002: "%s" offers reviews', (text) => {
    expect(first(text)).toBe('reviews');
  });

  it('the Quality Experience Review stays a checklist', () => {
    expect(first('show the quality experience review')).toBe('checklists');
  });
});
