// How the governance record renders for chat and the tab: the charter card (with the stakeholder
// matrix for the member picker) and the business case card (with the workspace's KSIs). One
// place, so the command, the card actions and the tab agree.
import { type BusinessCaseCardInput, renderBusinessCaseCard } from '../../cards/business-case-card';
import { type CharterCardInput, renderCharterCard } from '../../cards/charter-card';
import type { Governance } from '../../domain/governance/governance';
import type { GovernanceService } from '../../domain/governance/governance-service';
import type { Workspace } from '../../domain/workspace';

export type Card = Record<string, unknown>;
export type CharterNote = Omit<CharterCardInput, 'record' | 'stakeholders' | 'today'>;
export type BusinessCaseNote = Omit<BusinessCaseCardInput, 'record' | 'ksis' | 'today'>;

export class GovernanceViews {
  constructor(readonly service: GovernanceService, private readonly clock: () => Date) {}

  private today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** The charter card; `record` when the caller has just read or saved it. */
  async charterCard(ws: Workspace, note: CharterNote = {}, record?: Governance): Promise<Card> {
    const [g, stakeholders] = await Promise.all([record ?? this.service.get(ws), this.service.stakeholders(ws)]);
    return renderCharterCard({ record: g, stakeholders, today: this.today(), ...note });
  }

  async businessCaseCard(ws: Workspace, note: BusinessCaseNote = {}, record?: Governance): Promise<Card> {
    const [g, ksis] = await Promise.all([record ?? this.service.get(ws), this.service.ksis(ws)]);
    return renderBusinessCaseCard({ record: g, ksis, today: this.today(), ...note });
  }
}
