// Whether the vendor will take a case. The support service description lists what the vendor
// will not accept; such problems belong to an internal team from the operational role map
// (role names as in seed 000). Classification is by keywords in the answers, shown to the
// agent as a suggestion they can overrule in the scope step.

export type ScopeCategory =
  | 'network'
  | 'hardware'
  | 'on-premises-software'
  | 'third-party-software'
  | 'operating-procedures'
  | 'architecture'
  | 'process-configuration-human-error';

export const SCOPE_CATEGORIES: readonly ScopeCategory[] = [
  'network',
  'hardware',
  'on-premises-software',
  'third-party-software',
  'operating-procedures',
  'architecture',
  'process-configuration-human-error',
];

/** Role names from the operational role map template. */
export type OwningRole =
  | 'Service Owner'
  | 'Tenant Admin'
  | 'Help Desk'
  | 'Network Operations'
  | 'Client & Endpoints Team'
  | 'Identity Operations'
  | 'Exchange Operations'
  | 'Telephony Operations'
  | 'Audio Conferencing Operations';

export interface ScopeCategoryInfo {
  category: ScopeCategory;
  /** As the agent sees it: "our own network (LAN, WAN, Wi-Fi, internet access)". */
  label: string;
  /** Default internal owner when no keyword names a more specific team. */
  defaultRole: OwningRole;
}

export const SCOPE_CATEGORY_INFO: Record<ScopeCategory, ScopeCategoryInfo> = {
  network: { category: 'network', label: 'our own network (LAN, WAN, Wi-Fi, VPN, internet access)', defaultRole: 'Network Operations' },
  hardware: { category: 'hardware', label: 'our hardware (PCs, phones, headsets, room devices)', defaultRole: 'Client & Endpoints Team' },
  'on-premises-software': { category: 'on-premises-software', label: 'on-premises software that is not part of the service', defaultRole: 'Service Owner' },
  'third-party-software': { category: 'third-party-software', label: 'third-party software', defaultRole: 'Client & Endpoints Team' },
  'operating-procedures': { category: 'operating-procedures', label: 'our operating procedures', defaultRole: 'Service Owner' },
  architecture: { category: 'architecture', label: 'our architecture', defaultRole: 'Service Owner' },
  'process-configuration-human-error': {
    category: 'process-configuration-human-error',
    label: 'a process error, a configuration error or a human error on our side',
    defaultRole: 'Tenant Admin',
  },
};

interface Rule {
  pattern: RegExp;
  category: ScopeCategory;
  role?: OwningRole;
}

// Word-bounded so "lan" does not match "plan" and "wan" does not match "want".
const RULES: Rule[] = [
  { pattern: /\b(lan|wan|wi-?fi|wireless|vpn|firewall|proxy|router|switch(es)?|subnet|bandwidth|packet loss|jitter|isp|internet (link|connection|access)|network (link|outage|issue|problem)|dhcp|qos)\b/g, category: 'network', role: 'Network Operations' },
  { pattern: /\b(laptops?|desktops?|pcs?|headsets?|webcams?|monitors?|docking stations?|docks?|printers?|hard ?drives?|desk ?phones?|handsets?|room (device|system)s?|peripherals?|hardware)\b/g, category: 'hardware', role: 'Client & Endpoints Team' },
  { pattern: /\b(active directory|ad ?fs|federation server|domain controllers?|ad connect|entra connect|directory sync)\b/g, category: 'on-premises-software', role: 'Identity Operations' },
  { pattern: /\b(exchange server|on-?prem(ises)? exchange|hybrid server|exchange hybrid)\b/g, category: 'on-premises-software', role: 'Exchange Operations' },
  { pattern: /\b(sbcs?|session border controllers?|pbx|sip trunks?|gateways? on-?prem)\b/g, category: 'on-premises-software', role: 'Telephony Operations' },
  { pattern: /\b(on-?prem(ises)?|our (own )?servers?|sharepoint server|skype for business server|lync server)\b/g, category: 'on-premises-software' },
  { pattern: /\b(third[- ]party|non-microsoft|antivirus|anti-virus|citrix|vmware|zoom|webex|chrome|firefox|plug-?ins?|add-?ins?|browser extensions?)\b/g, category: 'third-party-software', role: 'Client & Endpoints Team' },
  { pattern: /\b(procedures?|runbooks?|run book|operating process|our process)\b/g, category: 'operating-procedures', role: 'Service Owner' },
  { pattern: /\b(architecture|topology|design decision|network design|solution design)\b/g, category: 'architecture', role: 'Service Owner' },
  { pattern: /\b(misconfigur\w*|configuration (error|mistake|change)|wrong (setting|config\w*|policy)|human error|by mistake|accidentally|typo|someone (deleted|changed|removed)|change we made|we changed)\b/g, category: 'process-configuration-human-error', role: 'Tenant Admin' },
];

export type ScopeDecision =
  | { route: 'vendor'; reason: string; matched: string[] }
  | { route: 'internal'; category: ScopeCategory; owningRole: OwningRole; reason: string; matched: string[] };

/** Suggests a routing from the free-text answers: the category with most keyword hits wins. */
export function classifyScope(texts: readonly (string | undefined)[]): ScopeDecision {
  const text = texts.filter(Boolean).join('\n').toLowerCase();
  const hits = new Map<ScopeCategory, { count: number; matched: string[]; role?: OwningRole }>();
  for (const rule of RULES) {
    const found = [...text.matchAll(rule.pattern)].map((m) => m[0]);
    if (!found.length) continue;
    const h = hits.get(rule.category) ?? { count: 0, matched: [] };
    h.count += found.length;
    h.matched.push(...found);
    h.role ??= rule.role;
    hits.set(rule.category, h);
  }
  let best: ScopeCategory | undefined;
  for (const c of SCOPE_CATEGORIES) {
    const h = hits.get(c);
    if (h && (!best || h.count > hits.get(best)!.count)) best = c;
  }
  if (!best) return { route: 'vendor', reason: 'Nothing in the answers points at something the vendor excludes.', matched: [] };
  const h = hits.get(best)!;
  return internalDecision(best, [...new Set(h.matched)], h.role);
}

export function internalDecision(category: ScopeCategory, matched: string[] = [], role?: OwningRole): ScopeDecision {
  const info = SCOPE_CATEGORY_INFO[category];
  const owningRole = role ?? info.defaultRole;
  return {
    route: 'internal',
    category,
    owningRole,
    matched,
    reason: `This looks like ${info.label}${matched.length ? ` (you mentioned ${matched.map((m) => `"${m}"`).join(', ')})` : ''}. The vendor does not accept escalations about that, so it goes to ${owningRole} instead.`,
  };
}

export function vendorDecision(reason = 'The agent confirmed the problem is in the vendor\'s service.'): ScopeDecision {
  return { route: 'vendor', reason, matched: [] };
}

/** Answer to the scope step: "vendor", a category key, or "yes"/"ok" to accept the suggestion. */
export function parseScopeAnswer(answer: string, suggestion: ScopeDecision): ScopeDecision | undefined {
  const t = answer.trim().toLowerCase();
  if (['yes', 'y', 'ok', 'okay', 'accept', 'agree', 'correct'].includes(t)) return suggestion;
  if (['vendor', 'service', 'the service', 'no', 'none'].includes(t)) return vendorDecision();
  const cat = SCOPE_CATEGORIES.find((c) => c === t || c.replace(/-/g, ' ') === t);
  if (cat) return suggestion.route === 'internal' && suggestion.category === cat ? suggestion : internalDecision(cat);
  return undefined;
}
