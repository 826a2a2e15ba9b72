// The app's own links to a record on a tab view.
import { describe, expect, it } from 'vitest';
import { parseRecordLink, recordLink } from '../../../bot/src/domain/message-extension/record-link';

describe('record links', () => {
  it('build and read back', () => {
    const f = recordLink('https://ops.contoso.com', { kind: 'finding', id: 'QF-0007' });
    expect(f).toBe('https://ops.contoso.com/tabs/index.html?view=findings&finding=QF-0007');
    expect(parseRecordLink(f)).toEqual({ kind: 'finding', id: 'QF-0007' });
    const i = recordLink('https://ops.contoso.com/', { kind: 'incident', id: 'SR-202611-0003' });
    expect(parseRecordLink(i)).toEqual({ kind: 'incident', id: 'SR-202611-0003' });
  });

  it('reads a tab link with its other options (the workspace a link names is never trusted: the record is looked up where it is pasted)', () => {
    expect(parseRecordLink('https://ops.contoso.com/tabs/index.html?view=findings&finding=QF-0003&workspace=t%7Cteam%7C19%3Ax')).toEqual({ kind: 'finding', id: 'QF-0003' });
  });

  it('normalises the number as typed', () => {
    expect(parseRecordLink('https://ops.contoso.com/tabs/index.html?view=findings&finding=qf-7')).toEqual({ kind: 'finding', id: 'QF-0007' });
  });

  it.each([
    'https://ops.contoso.com/tabs/index.html?view=roles',
    'https://ops.contoso.com/tabs/index.html?view=findings',
    'https://ops.contoso.com/tabs/index.html?view=findings&finding=SR-202611-0003',
    'https://ops.contoso.com/tabs/index.html?view=incidents&incident=QF-0001',
    'https://ops.contoso.com/other.html?view=findings&finding=QF-0001',
    'javascript:alert(1)//tabs/index.html?view=findings&finding=QF-0001',
    'not a url',
  ])('is nothing for %s', (url) => {
    expect(parseRecordLink(url)).toBeUndefined();
  });
});
