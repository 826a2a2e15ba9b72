// The project's stakeholder matrix: each stakeholder role, what it is responsible for, and
// the person filling it (name, contact, location). Shown as the second section of the role
// map. Pre-filled with the roles of the success-planning guidance, people to be announced.
import type { Workspace } from '../workspace';
import { type Actor, type Clock, type OpsRecord, type Outcome, type RecordRepository, type Stamp, invalid, mutate, notFound, okOf, OpsValidationError, slug, textField, validated } from './common';
import { TBA } from './roles';

export const STAKEHOLDER_LIMITS = { role: 80, responsibility: 300, responsibilities: 12, person: 200, stakeholders: 60 } as const;

export interface Stakeholder extends OpsRecord {
  role: string;
  responsibilities: string[];
  /** Name, contact information and location of whoever fills the role; "TBA" until known. */
  person: string;
  order: number;
  updated?: Stamp;
}

export type StakeholderRepository = RecordRepository<Stakeholder>;

const rows: [string, string[]][] = [
  ['Project Executive Sponsor', ['Holds final authority and accountability for the project and its objectives', 'Resolves issues the project lead escalates', 'Sponsors company-wide communication of the project goals', 'Makes the key strategic decisions', 'Secures the resources and budget', 'Leads the quarterly business reviews', 'Drives buy-in for the awareness campaign']],
  ['Project Lead', ['Leads the project team', 'Coordinates partners and working teams', 'Owns the project plans that meet the quarterly key results', 'Resolves cross-functional issues', 'Updates the sponsors regularly', 'Builds adoption into the overall plan', 'Leads the monthly business and operational reviews']],
  ['Collaboration Lead/Architect', ['Carries out the collaboration strategy set by the executives', 'Selects collaboration products that meet business goals', 'Designs operations and the operation and support models', 'Contributes to the monthly and quarterly reviews']],
  ['Consultant', ['Delivers configuration services', 'Contributes to the solution architecture']],
  ['Project Manager', ['Keeps the project plan', 'Delivers to plan and budget', 'Records and manages issues and escalations', 'Runs the weekly stand-up', 'Updates the executive sponsors', 'Defines change management and communication plans with the architect']],
  ['Change Management/Adoption Specialist', ['Shapes adoption and training during discovery', 'Owns the adoption strategy', 'Writes and runs the communication plan', 'Trains users', 'Collects feedback and runs surveys']],
  ['Network Lead', ['Shapes the network design during discovery', 'Takes part in envisioning workshops', 'Coordinates the networking team during the project']],
  ['Security Lead', ['Shapes security design and processes during discovery', 'Takes part in envisioning workshops', 'Coordinates the security team during the project']],
  ['Telephony Lead', ['Shapes the telephony design during discovery', 'Takes part in envisioning workshops', 'Coordinates the telephony team during the project']],
  ['Desktop Lead', ['Shapes the client and update process during discovery', 'Takes part in envisioning workshops', 'Coordinates the desktop team during the project']],
  ['Support/Help Desk Lead', ['Shapes the operational and support models during discovery', 'Takes part in envisioning and support-model planning', 'Coordinates support teams during the project']],
  ['Business Unit Representatives', ['Contribute to adoption guides and materials', 'Contribute to and review the business use cases']],
  ['Deployment Lead', ['Makes sure deployment prerequisites are met', 'Brings in the people needed for onboarding', 'Reviews and reports deployment status']],
  ['IT Admins', ['Help plan and run tests']],
  ['Service Owner', ['Responsible for operating the service as a whole', 'Owns the service']],
  ['Quality Champions', ['Drive quality, reliability and user feedback', 'Spot quality trends and drive remediation with the owning teams', 'Report to leadership through the steering committee', 'Report quality, reliability and user sentiment (call ratings, Net Promoter Score)']],
];

export const DEFAULT_STAKEHOLDERS: readonly Omit<Stakeholder, 'etag'>[] = rows.map(([role, responsibilities], order) => ({ id: slug(role), role, responsibilities, person: TBA, order }));

export interface StakeholderInput {
  role?: unknown;
  /** One responsibility per line, or a list. */
  responsibilities?: unknown;
  person?: unknown;
}

export function validateStakeholderInput(input: StakeholderInput, creating: boolean): Outcome<Partial<Stakeholder>> {
  return validated(() => {
    const out: Partial<Stakeholder> = {};
    if (creating || input.role !== undefined) out.role = textField('Stakeholder role', input.role, STAKEHOLDER_LIMITS.role);
    if (creating || input.person !== undefined) out.person = textField('Name, contact and location', input.person, STAKEHOLDER_LIMITS.person, { optional: true }) || TBA;
    if (creating || input.responsibilities !== undefined) {
      const raw = input.responsibilities ?? [];
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split('\n') : [raw];
      const items = list.map((r, i) => textField(`Responsibility ${i + 1}`, r, STAKEHOLDER_LIMITS.responsibility, { optional: true })).filter(Boolean);
      if (items.length > STAKEHOLDER_LIMITS.responsibilities) throw new OpsValidationError(`A stakeholder has at most ${STAKEHOLDER_LIMITS.responsibilities} responsibilities; this has ${items.length}.`);
      out.responsibilities = items;
    }
    return out;
  });
}

export class StakeholderService {
  constructor(private readonly deps: { stakeholders: StakeholderRepository; clock: Clock; newId: () => string }) {}

  async list(ws: Workspace): Promise<Stakeholder[]> {
    return (await this.deps.stakeholders.list(ws)).sort((a, b) => a.order - b.order || a.role.localeCompare(b.role));
  }

  async add(ws: Workspace, input: StakeholderInput, actor: Actor): Promise<Outcome<Stakeholder>> {
    const fields = validateStakeholderInput(input, true);
    if (!fields.ok) return fields as Outcome<Stakeholder>;
    const all = await this.deps.stakeholders.list(ws);
    if (all.length >= STAKEHOLDER_LIMITS.stakeholders) return invalid(`The stakeholder matrix already has ${all.length} roles, the most it holds.`);
    const s: Stakeholder = {
      id: `${slug(fields.value.role!, 30)}-${this.deps.newId()}`, role: fields.value.role!, responsibilities: fields.value.responsibilities ?? [],
      person: fields.value.person ?? TBA, order: Math.max(-1, ...all.map((x) => x.order)) + 1, updated: { by: actor, at: this.deps.clock().toISOString() },
    };
    const created = await this.deps.stakeholders.create(ws, s);
    return created.created ? okOf(created.record) : invalid('That stakeholder could not be added; try again.');
  }

  async update(ws: Workspace, id: string, input: StakeholderInput, actor: Actor, etag?: string): Promise<Outcome<Stakeholder>> {
    const fields = validateStakeholderInput(input, false);
    if (!fields.ok) return fields as Outcome<Stakeholder>;
    return mutate(this.deps.stakeholders, ws, id, (s) => okOf({ ...s, ...fields.value, updated: { by: actor, at: this.deps.clock().toISOString() } }), { expectedEtag: etag, what: 'This stakeholder' });
  }

  async remove(ws: Workspace, id: string, etag?: string): Promise<Outcome<{ id: string }>> {
    const r = await this.deps.stakeholders.delete(ws, id, etag);
    if (r === 'deleted') return okOf({ id });
    if (r === 'not-found') return notFound('This stakeholder was already removed.');
    return { ok: false, error: 'conflict', message: 'This stakeholder was changed by someone else; reload and retry.' };
  }
}
