// The vocabulary of a quality finding, as data: the problem categories and review areas of the
// Quality Experience Review guide, the network types a call runs over, the metrics it measures,
// and which operational role remediates which kind of problem by default.

export type { Clock } from '../../platform/clock';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: string): Result<T> => ({ ok: false, error });

export type CategoryId = 'firewall-proxy' | 'wifi' | 'bandwidth' | 'vpn' | 'clients-drivers' | 'audio-devices' | 'subnets' | 'other';
export type CategoryKind = 'network' | 'endpoint' | 'other';

export interface Category {
  id: CategoryId;
  /** Wording of the review guide. */
  label: string;
  /** Button-sized label. */
  short: string;
  kind: CategoryKind;
  /** Lower-case words a person might type for it (chat answers, the one-line shortcut). */
  aliases: readonly string[];
}

export const CATEGORIES: readonly Category[] = [
  { id: 'firewall-proxy', label: 'Incomplete firewall or proxy configuration', short: 'Firewall / proxy', kind: 'network', aliases: ['firewall', 'proxy', 'fw', 'firewall/proxy', 'firewall or proxy', 'ports', 'firewall-proxy'] },
  { id: 'wifi', label: 'Poor Wi-Fi coverage', short: 'Wi-Fi', kind: 'network', aliases: ['wifi', 'wi-fi', 'wi fi', 'wireless', 'wlan', 'wi-fi coverage', 'coverage'] },
  { id: 'bandwidth', label: 'Insufficient bandwidth', short: 'Bandwidth', kind: 'network', aliases: ['bandwidth', 'bw', 'capacity', 'congestion', 'insufficient bandwidth'] },
  { id: 'vpn', label: 'VPN', short: 'VPN', kind: 'network', aliases: ['vpn', 'split tunnel', 'split-tunnel', 'tunnel'] },
  { id: 'clients-drivers', label: 'Outdated client versions or drivers', short: 'Clients / drivers', kind: 'endpoint', aliases: ['client', 'clients', 'driver', 'drivers', 'client version', 'client versions', 'versions', 'outdated', 'clients-drivers'] },
  { id: 'audio-devices', label: 'Unoptimized or built-in audio devices', short: 'Audio devices', kind: 'endpoint', aliases: ['audio device', 'audio devices', 'device', 'devices', 'headset', 'headsets', 'microphone', 'mic', 'speaker', 'speakers', 'audio-devices'] },
  { id: 'subnets', label: 'Problematic subnets or network devices', short: 'Subnets / network devices', kind: 'network', aliases: ['subnet', 'subnets', 'network device', 'network devices', 'router', 'switch', 'lan'] },
  { id: 'other', label: 'Other', short: 'Other', kind: 'other', aliases: ['other', 'misc', 'something else'] },
];

export type AreaId = 'call-quality' | 'reliability' | 'user-survey' | 'devices' | 'clients';
export interface Area { id: AreaId; label: string; aliases: readonly string[] }
export const AREAS: readonly Area[] = [
  { id: 'call-quality', label: 'Call quality', aliases: ['quality', 'call quality', 'audio quality', 'audio'] },
  { id: 'reliability', label: 'Call reliability', aliases: ['reliability', 'call reliability', 'failures', 'setup', 'drops'] },
  { id: 'user-survey', label: 'User survey', aliases: ['survey', 'user survey', 'rate my call', 'rmc', 'feedback'] },
  { id: 'devices', label: 'Devices', aliases: ['device', 'devices', 'headsets'] },
  { id: 'clients', label: 'Clients', aliases: ['client', 'clients', 'versions'] },
];

export type NetworkTypeId = 'wired' | 'wifi-2.4' | 'wifi-5' | 'wifi' | 'vpn' | 'external';
export interface NetworkType { id: NetworkTypeId; label: string; internal: boolean; aliases: readonly string[] }
export const NETWORK_TYPES: readonly NetworkType[] = [
  { id: 'wired', label: 'Wired', internal: true, aliases: ['wired', 'ethernet', 'lan', 'cable'] },
  { id: 'wifi-2.4', label: 'Wi-Fi 2.4 GHz', internal: true, aliases: ['wifi 2.4', 'wi-fi 2.4', 'wifi 2.4 ghz', 'wi-fi 2.4 ghz', '2.4', '2.4 ghz', '2.4ghz', 'wifi24', 'wifi-2.4', 'wifi 2.4ghz', 'wi-fi 2.4ghz'] },
  { id: 'wifi-5', label: 'Wi-Fi 5 GHz', internal: true, aliases: ['wifi 5', 'wi-fi 5', 'wifi 5 ghz', 'wi-fi 5 ghz', '5', '5 ghz', '5ghz', 'wifi5', 'wifi-5', 'wifi 5ghz', 'wi-fi 5ghz'] },
  // The dashboard often knows "Wi-Fi" without the band.
  { id: 'wifi', label: 'Wi-Fi (band not known)', internal: true, aliases: ['wifi', 'wi-fi', 'wireless', 'wlan'] },
  { id: 'vpn', label: 'VPN', internal: true, aliases: ['vpn', 'remote access'] },
  { id: 'external', label: 'External (home, hotel, internet)', internal: false, aliases: ['external', 'outside', 'internet', 'home', 'hotel', 'unmanaged', 'remote'] },
];

export type MetricId = 'poor-stream-rate' | 'setup-failure-rate' | 'drop-failure-rate' | 'named';
export type RateMetricId = Exclude<MetricId, 'named'>;
export interface Metric { id: MetricId; label: string; short: string; aliases: readonly string[] }
export const METRICS: readonly Metric[] = [
  { id: 'poor-stream-rate', label: 'Poor stream rate', short: 'PSR', aliases: ['psr', 'poor stream rate', 'poor streams', 'poor stream', 'poor rate', 'poor', 'poor %', 'poor audio'] },
  { id: 'setup-failure-rate', label: 'Setup failure rate', short: 'Setup', aliases: ['setup', 'setup failure', 'setup failures', 'setup failure rate', 'sfr', 'call setup', 'setup failed'] },
  { id: 'drop-failure-rate', label: 'Drop failure rate', short: 'Drop', aliases: ['drop', 'drops', 'dropped', 'drop failure', 'drop failures', 'drop failure rate', 'dfr', 'drop rate'] },
  { id: 'named', label: 'Another metric', short: 'Other', aliases: ['other', 'named', 'another', 'another metric', 'other metric', 'custom'] },
];

/** Roles of the operational role map template; the role map (another module) may rename or add teams. */
export const NETWORK_OPERATIONS = 'Network Operations';
export const CLIENT_ENDPOINTS = 'Client & Endpoints Team';
export const SERVICE_OWNER = 'Service Owner';
export const DEFAULT_ROLE_NAMES: readonly string[] = [
  SERVICE_OWNER, 'Audio Conferencing Operations', 'Tenant Admin', 'Help Desk', NETWORK_OPERATIONS,
  CLIENT_ENDPOINTS, 'Identity Operations', 'Adoption/Change Management', 'Exchange Operations', 'Telephony Operations',
];

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, ' ');

function byAlias<T extends { id: string; label: string; short?: string; aliases: readonly string[] }>(list: readonly T[], text: string): T | undefined {
  const t = norm(text);
  if (!t) return undefined;
  return list.find((x) => x.id === t || norm(x.label) === t || (x.short && norm(x.short) === t) || x.aliases.includes(t));
}

export const category = (id: CategoryId): Category => CATEGORIES.find((c) => c.id === id)!;
export const area = (id: AreaId): Area => AREAS.find((a) => a.id === id)!;
export const networkType = (id: NetworkTypeId): NetworkType => NETWORK_TYPES.find((n) => n.id === id)!;
export const metric = (id: MetricId): Metric => METRICS.find((m) => m.id === id)!;

export const findCategory = (text: string) => byAlias(CATEGORIES, text);
export const findArea = (text: string) => byAlias(AREAS, text);
export const findNetworkType = (text: string) => byAlias(NETWORK_TYPES, text);
export const findMetric = (text: string) => byAlias(METRICS, text);

/**
 * Who remediates by default: network problems go to Network Operations, devices and clients to
 * the Client & Endpoints team, the rest to the service owner. When the role map is given, the
 * default must be one of its roles (matched case-insensitively); otherwise its first role.
 */
export function defaultOwningRole(categoryId: CategoryId, roleMap?: readonly string[]): string {
  const kind = category(categoryId).kind;
  const wanted = kind === 'network' ? NETWORK_OPERATIONS : kind === 'endpoint' ? CLIENT_ENDPOINTS : SERVICE_OWNER;
  if (!roleMap || roleMap.length === 0) return wanted;
  const stem = wanted.toLowerCase().replace(/ team$/, '');
  return roleMap.find((r) => r.toLowerCase().replace(/ team$/, '') === stem) ?? roleMap[0]!;
}

/** The review area a finding most likely belongs to, used when none was asked (shortcut, import). */
export function defaultArea(categoryId: CategoryId, metricId?: MetricId): AreaId {
  if (metricId === 'setup-failure-rate' || metricId === 'drop-failure-rate') return 'reliability';
  if (categoryId === 'audio-devices') return 'devices';
  if (categoryId === 'clients-drivers') return 'clients';
  return 'call-quality';
}
