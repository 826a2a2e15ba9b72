// The views a tab can show, and the contract a feature implements to fill one. The tab API
// knows nothing about roles, agendas or findings: it authenticates, authorizes the workspace,
// finds the provider by id and returns what the provider renders; a card action on a view goes
// to the feature's action registry the view names (tab-actions.ts).
import type { Workspace } from '../domain/workspace';
import type { TabActions } from './tab-actions';
import type { TabIdentity } from './tab-auth';

/** An Adaptive Card 1.5 (JSON), rendered by the cards/ module. */
export type AdaptiveCard = Record<string, unknown>;

/**
 * A trend the page draws as a chart (inline SVG), not as a table: a rate per month against a
 * target. `lowerIsBetter` (default true) says which side of the target is good, e.g. a poor-call
 * rate above its target is bad.
 */
export interface TrendChart {
  kind: 'trend';
  title: string;
  /** What the rate measures, shown on the axis and read out, e.g. "Poor call rate". */
  metric: string;
  /** The target in the same unit as the rates (percent). */
  target: number;
  lowerIsBetter?: boolean;
  /** Oldest first; month as YYYY-MM, rate in percent. At most 36 points. */
  points: { month: string; rate: number }[];
}
export type TabChart = TrendChart;

export interface TabViewContent {
  cards: AdaptiveCard[];
  charts?: TabChart[];
  /** What the page shows when there are no cards: say what is missing and what to do. */
  empty?: { title: string; text: string };
}

export interface TabViewContext {
  identity: TabIdentity;
  /** Authorized already: the caller may see this workspace. */
  workspace: Workspace;
  /** The view's own options from the tab's content URL (e.g. { checklist: 'qer' }). */
  params: Readonly<Record<string, string>>;
  clock: () => Date;
}

/** A choice the config page offers for a view (e.g. which checklist), saved in the content URL. */
export interface TabViewChoice {
  param: string;
  label: string;
  options: { id: string; title: string }[];
}

export interface TabViewProvider {
  id: string;
  title: string;
  description: string;
  choices?: TabViewChoice[];
  render(ctx: TabViewContext): Promise<TabViewContent | AdaptiveCard[]>;
  /** The card actions its cards send, answered by the feature's action registry (tab-actions.ts). */
  actions?: TabActions;
  /**
   * For a provider without `actions`: handles an Action.Execute/Submit from a card in the tab.
   * Return nothing when the change is done (the view is re-rendered), { error } for bad input
   * (shown to the user, nothing changed, the view re-rendered), or { cards } to show those cards next in place of the view (e.g. the
   * edit card after "Edit", a record opened from a list); the page offers a way back to the view.
   */
  act?(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult>;
}

export type TabActionResult = void | { error: string } | { cards: AdaptiveCard[] };

export const VIEW_IDS = ['roles', 'agenda', 'checklist', 'findings', 'incidents', 'reminders'] as const;

export class TabViewRegistry {
  private readonly providers = new Map<string, TabViewProvider>();

  /** Adds a view, or replaces the provider registered for the same id (placeholders first). */
  register(provider: TabViewProvider): this {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(provider.id)) throw new Error(`tab view id ${JSON.stringify(provider.id)} must be lowercase letters, digits or dashes`);
    this.providers.set(provider.id, provider);
    return this;
  }

  get(id: string): TabViewProvider | undefined {
    return this.providers.get(id);
  }

  list(): TabViewProvider[] {
    return [...this.providers.values()];
  }
}

export function normalizeContent(content: TabViewContent | AdaptiveCard[]): TabViewContent {
  return Array.isArray(content) ? { cards: content } : content;
}
