// The message extension's dialogs: pre-filled from a message, checked field by field with the
// chat dialogs' rules, every problem named, nothing confirmed while one remains.
import { describe, expect, it } from 'vitest';
import { checkEscalationFields, escalationFields, escalationPrefill } from '../../../bot/src/domain/message-extension/escalation-submission';
import { checkFindingFields, findingFields, findingPrefill } from '../../../bot/src/domain/message-extension/finding-submission';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';

const now = new Date('2026-11-20T09:00:00Z');
const ctx = { now, timeZone: 'Europe/Paris', policy: DEFAULT_SEVERITY_POLICY };

describe('file a finding from a message', () => {
  it('pre-fills what the message says, the whole message as the description and its link as evidence', () => {
    const v = findingPrefill('VPN: poor audio in Building 6, PSR 4.1%', now, { link: 'https://teams.microsoft.com/l/message/19:a/1' });
    expect(v).toMatchObject({ category: 'vpn', building: 'Building 6', metric: 'poor-stream-rate', value: '4.1', owningRole: 'Network Operations', evidence: 'https://teams.microsoft.com/l/message/19:a/1' });
    expect(v.description).toBe('VPN: poor audio in Building 6, PSR 4.1%');
  });

  it('a pre-filled form files as it is', () => {
    const r = checkFindingFields(findingPrefill('VPN: poor audio in Building 6, PSR 4.1%', now), now);
    expect(r.ok && r.draft).toMatchObject({ category: 'vpn', building: 'Building 6', metric: 'poor-stream-rate', value: 4.1, unit: '%', owningRole: 'Network Operations' });
  });

  it('names every wrong field at once', () => {
    const fields = findingFields({ category: 'nonsense', subnet: '10.1.2.300/24', metric: 'poor-stream-rate', value: '140', description: '', evidence: 'not a link', owningRole: 'Nobody' });
    const r = checkFindingFields(fields, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(['category', 'description', 'evidence', 'owningRole', 'subnet', 'value'].sort());
  });

  it('a network finding without a place is refused on the place', () => {
    const r = checkFindingFields(findingFields({ category: 'wifi', description: 'Calls break up on the third floor.' }), now);
    expect(r).toEqual({ ok: false, errors: [{ field: 'building', message: 'A network finding needs a building/site or a subnet.' }] });
  });

  it('a value without a metric is a mistake, not ignored', () => {
    const r = checkFindingFields(findingFields({ category: 'audio-devices', description: 'Built-in microphones everywhere.', value: '3' }), now);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['value']);
  });

  it('reads only own string fields of untrusted data', () => {
    const data = JSON.parse('{"__proto__":{"category":"vpn"},"description":7,"building":["x"]}');
    expect(findingFields(data)).toMatchObject({ category: '', description: '7', building: '' });
  });
});

describe('escalate from a message', () => {
  it('pre-fills the service and severity the message names, the message as what is broken', () => {
    const v = escalationPrefill('sev B Teams meetings: calls drop every few minutes for the Lyon office', ctx);
    expect(v.service).toBe('Teams meetings');
    expect(v.severity).toBe('B');
    expect(v.problem).toBe('calls drop every few minutes for the Lyon office');
    expect(v.started).toBe('now');
  });

  it('a complete form is a confirmed escalation with the scope suggested from the answers', () => {
    const r = checkEscalationFields(escalationFields({ service: 'Teams meetings', problem: 'Calls drop every few minutes over the VPN.', impact: 'Sales calls with customers fail.', affected: '300 users in Lyon', started: '40 minutes ago', severity: 'B' }), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.escalation).toMatchObject({ service: 'Teams meetings', severity: 'B', startedAt: new Date(now.getTime() - 40 * 60_000).toISOString() });
    expect(r.escalation.scope).toMatchObject({ route: 'internal', owningRole: 'Network Operations' });
  });

  it('names every wrong field; severity 1 is the vendor\'s to declare', () => {
    const r = checkEscalationFields(escalationFields({ service: 'T', problem: 'short', impact: '', affected: 'everyone', started: 'tomorrow 25:99', severity: '1' }), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['service', 'problem', 'impact', 'started', 'severity']);
    expect(r.errors.find((e) => e.field === 'severity')!.message).toMatch(/Only the vendor/);
  });
});
