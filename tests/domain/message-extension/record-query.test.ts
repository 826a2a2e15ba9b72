// Reading the search box: record numbers, statuses, words.
import { describe, expect, it } from 'vitest';
import { parseRecordQuery } from '../../../bot/src/domain/message-extension/record-query';

describe('parseRecordQuery', () => {
  it('an empty box lists the newest records', () => {
    expect(parseRecordQuery('')).toEqual({ kind: 'recent' });
    expect(parseRecordQuery('   ')).toEqual({ kind: 'recent' });
  });

  it.each([
    ['QF-0001', 'QF-0001'],
    ['qf-1', 'QF-0001'],
    ['qf 12', 'QF-0012'],
    ['QF0042', 'QF-0042'],
  ])('reads the finding number %s as %s', (typed, id) => {
    expect(parseRecordQuery(typed)).toEqual({ kind: 'finding-id', id });
  });

  it('reads a service request number', () => {
    expect(parseRecordQuery('sr-202611-0007')).toEqual({ kind: 'incident-id', id: 'SR-202611-0007' });
  });

  it('another prefix is text, not a number', () => {
    expect(parseRecordQuery('AB-12')).toEqual({ kind: 'filter', words: ['ab-12'] });
  });

  it('a status on its own filters both kinds by what it means for each', () => {
    expect(parseRecordQuery('accepted')).toEqual({ kind: 'filter', findingStatuses: ['accepted'], incidentStates: [], words: [] });
    expect(parseRecordQuery('Resolved')).toEqual({ kind: 'filter', findingStatuses: [], incidentStates: ['resolved'], words: [] });
    expect(parseRecordQuery('won\u2019t fix')).toEqual({ kind: 'filter', findingStatuses: ['wont-fix'], incidentStates: [], words: [] });
    const open = parseRecordQuery('open');
    expect(open).toMatchObject({ findingStatuses: ['new', 'accepted', 'in-remediation', 'remediated'], incidentStates: ['recorded', 'classified', 'investigating'] });
  });

  it('status: with words searches those words among records of that status', () => {
    expect(parseRecordQuery('VPN status:new Building 6')).toEqual({ kind: 'filter', findingStatuses: ['new'], incidentStates: ['recorded'], words: ['vpn', 'building', '6'] });
    expect(parseRecordQuery("status:won't fix headsets")).toEqual({ kind: 'filter', findingStatuses: ['wont-fix'], incidentStates: [], words: ['headsets'] });
  });

  it('a status word inside other text is just a word', () => {
    expect(parseRecordQuery('new headsets')).toEqual({ kind: 'filter', words: ['new', 'headsets'] });
  });

  it('keeps a bounded number of words', () => {
    const q = parseRecordQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '));
    expect(q.kind === 'filter' && q.words.length).toBe(8);
  });
});
