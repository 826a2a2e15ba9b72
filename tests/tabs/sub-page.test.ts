// A deep link's subEntityId names a record as "kind:id"; the boards take it as their own
// ?finding= / ?incident= option, My work as ?record=.
import { describe, expect, it } from 'vitest';
import { parseSubPage, recordParams } from '../../tabs/src/sub-page';

describe('recordParams', () => {
  it('opens the findings and incidents boards at the record the link names', () => {
    const sub = parseSubPage('w=t%7Cteam%7C19%3Aa%40thread.tacv2&r=finding%3AQF-0001');
    expect(recordParams('findings', sub?.record)).toEqual({ finding: 'QF-0001' });
    expect(recordParams('incidents', 'incident:SR-202611-0001')).toEqual({ incident: 'SR-202611-0001' });
  });

  it('ignores a record of the other kind on a board, and passes it to My work as it is', () => {
    expect(recordParams('findings', 'incident:SR-202611-0001')).toEqual({});
    expect(recordParams('incidents', 'finding:')).toEqual({});
    expect(recordParams('my-work', 'task:usr-1')).toEqual({ record: 'task:usr-1' });
    expect(recordParams('findings', undefined)).toEqual({});
  });
});
