import { describe, expect, it } from 'vitest';
import { answerStep, countAffectedUsers, namedSites, nextStep, type StepContext } from '../../../bot/src/domain/incidents/escalation-draft';
import { parseEscalationShortcut, splitServiceAndProblem } from '../../../bot/src/domain/incidents/escalation-shortcut';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import { findSites } from '../../../bot/src/domain/text/site-names';

const ctx: StepContext = { now: new Date('2024-03-31T10:00:00Z'), timeZone: 'Europe/London', policy: DEFAULT_SEVERITY_POLICY };
const parse = (text: string) => parseEscalationShortcut(text, ctx);

describe('the one-line escalation', () => {
  it('seed 003 "A Critical": "escalate sev A outage for Exchange" pre-fills severity, service and description', () => {
    const r = parse('escalate sev A outage for Exchange');
    expect(r).toEqual({ matched: true, draft: { severity: 'A', service: 'Exchange', problem: 'outage for Exchange' }, notes: [] });
    // Only what the line did not say is asked, in the dialog's order.
    expect(nextStep(r.draft)).toBe('impact');
  });

  it('seed 003 "B Urgent": "escalate severity B for SharePoint: slow search" splits service and description at the colon', () => {
    expect(parse('escalate severity B for SharePoint: slow search').draft).toEqual({ severity: 'B', service: 'SharePoint', problem: 'slow search' });
  });

  it('seed 003 "1 Catastrophic … can only be declared by Microsoft": "escalate sev 1 Teams meetings down" keeps service and description and asks the severity, saying why', () => {
    const r = parse('escalate sev 1 Teams meetings down');
    expect(r.draft).toEqual({ service: 'Teams meetings', problem: 'Teams meetings down' });
    expect(r.notes).toEqual([{ step: 'severity', message: expect.stringMatching(/^Only the vendor can declare severity 1 Catastrophic\. Choose A/) }]);
    expect(nextStep(r.draft)).toBe('impact');
  });

  it('seed 003 levels 1, A, B, C, D and their names: reads the ways people write a severity, anywhere in the line', () => {
    const severity = (line: string) => parse(line).draft.severity;
    expect(severity('sev. b Exchange down')).toBe('B');
    expect(severity('sevC Exchange down')).toBe('C');
    expect(severity('severity: D test tenant Teams broken')).toBe('D');
    expect(severity('severity critical Exchange down')).toBe('A');
    expect(severity('sev A Critical: Teams meetings fail for everyone')).toBe('A');
    expect(severity('Exchange down sev A')).toBe('A');
    expect(parse('Exchange down sev A').draft.service).toBe('Exchange');
  });

  it('seed 003 has no severity E: an unknown level is not invented but asked, and is not taken as the service', () => {
    const r = parse('sev E Exchange down');
    expect(r.draft).toEqual({ service: 'Exchange', problem: 'Exchange down' });
    expect(r.notes).toEqual([{ step: 'severity', message: '"sev E" is not one of the severities (1, A, B, C, D), so I\'ll ask.' }]);
    // Words that merely start with "sev" are not a severity.
    expect(parse('several users cannot sign in to Teams').draft).toEqual({ problem: 'several users cannot sign in to Teams' });
  });

  it('design brief §2 "the affected service": named before the symptom and after "for", but not a head count or a duration', () => {
    expect(splitServiceAndProblem('Exchange is down for all users')).toEqual({ service: 'Exchange', problem: 'Exchange is down for all users' });
    expect(splitServiceAndProblem('Teams calls drop for 2 hours now')).toEqual({ service: 'Teams calls', problem: 'Teams calls drop for 2 hours now' });
    expect(splitServiceAndProblem('problems with calls for Teams')).toEqual({ service: 'Teams', problem: 'problems with calls for Teams' });
    expect(splitServiceAndProblem('Teams calling')).toEqual({ service: 'Teams calling' });
    expect(splitServiceAndProblem('the payroll app refuses every login since the update this morning')).toEqual({ problem: 'the payroll app refuses every login since the update this morning' });
  });

  it('design brief §2 "the affected service and users": a site is kept whole and out of the service name, and the "affected" question hears of it', () => {
    const r = parse('escalate sev B outage for Exchange Online in Warehouse 2');
    expect(r.draft).toEqual({ severity: 'B', service: 'Exchange Online', problem: 'outage for Exchange Online in Warehouse 2' });
    expect(r.notes).toEqual([{ step: 'affected', message: 'You named Warehouse 2.' }]);
    expect(parse('escalate Exchange in Branch Paris').draft).toEqual({ service: 'Exchange' });
    expect(parse('sev A Teams meetings fail for everyone in HQ Building 2').notes).toEqual([{ step: 'affected', message: 'You named HQ Building 2.' }]);
  });

  it('the "What is broken?" rule (at least 10 characters) applies to the line too: a too-short description is asked for, quoting it', () => {
    const r = parse('escalate sev c down');
    expect(r.draft).toEqual({ severity: 'C' });
    expect(r.notes).toEqual([{ step: 'problem', message: 'You wrote "down". Please tell me what is broken (at least 10 characters).' }]);
    expect(nextStep(r.draft)).toBe('service');
    expect(parse('escalate')).toEqual({ matched: false, draft: {}, notes: [] });
    expect(parse('   ')).toMatchObject({ matched: false });
  });
});

describe('sites kept whole', () => {
  it('design brief §2 "the affected scope (building, subnet, site)": finds "HQ Building 2", "Warehouse 2" and "Branch Paris" whole; seed 002 "SharePoint sites" are not places', () => {
    const names = (t: string) => findSites(t).map((s) => s.name);
    expect(names('about 300 users in HQ Building 2 and Warehouse 2')).toEqual(['HQ Building 2', 'Warehouse 2']);
    expect(names('Branch Paris')).toEqual(['Branch Paris']);
    expect(names('In HQ Building 2')).toEqual(['HQ Building 2']);
    expect(names('Lyon office and North Campus B')).toEqual(['Lyon office', 'North Campus B']);
    expect(names('calls fail at Site A and Site B')).toEqual(['Site A', 'Site B']);
    expect(names('in bldg 12, drop 3,5 %')).toEqual(['Bldg 12']);
    expect(names('all users at HQ')).toEqual(['HQ']);
    expect(names('the SharePoint site is slow from the office')).toEqual([]);
    const text = 'everyone at Warehouse 2 today';
    const [w] = findSites(text);
    expect(text.slice(w!.start, w!.end)).toBe('Warehouse 2');
  });

  it('design brief §2 "the affected service and users": a site\'s number is not a head count; people and bare numbers are', () => {
    expect(countAffectedUsers('everyone at Warehouse 2')).toBeUndefined();
    expect(countAffectedUsers('HQ Building 2')).toBeUndefined();
    expect(countAffectedUsers('about 300 users in HQ Building 2')).toBe(300);
    expect(countAffectedUsers('Warehouse 2, about 40 people')).toBe(40);
    expect(countAffectedUsers('All 1,200 users at Berlin and Lyon')).toBe(1200);
    expect(countAffectedUsers('300 in Lyon')).toBe(300);
    expect(countAffectedUsers('all users, 3 sites')).toBeUndefined();
    expect(countAffectedUsers('40 calls an hour are lost')).toBeUndefined();
  });

  it('the "Who is affected: how many users, which sites?" answer keeps the sites it names and counts only people', () => {
    const r = answerStep({}, 'affected', 'the 12 agents in Warehouse 2 and Branch Paris', ctx);
    expect(r.ok && r.draft).toMatchObject({ affected: 'the 12 agents in Warehouse 2 and Branch Paris', affectedUsers: 12 });
    const only = answerStep({}, 'affected', 'everyone in HQ Building 2', ctx);
    expect(only.ok && only.draft).toMatchObject({ affectedUsers: undefined, affectedEveryone: true });
    if (!r.ok) return;
    expect(namedSites({ ...r.draft, problem: 'Calls drop in warehouse 2 since noon' })).toEqual(['Warehouse 2', 'Branch Paris']);
  });
});
