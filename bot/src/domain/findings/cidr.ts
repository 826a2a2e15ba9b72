// Subnets as the call-quality dashboard and network teams write them: IPv4 or IPv6 CIDR.
// Validation gives the canonical form (so "10.1.2.0/24" and "010.001.002.000/24" never become two
// findings) and says plainly what is wrong, including host bits set after the prefix.
import { err, ok, type Result } from './catalog';

export interface Subnet {
  version: 4 | 6;
  prefix: number;
  /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
  canonical: string;
  /** Network address as a bigint, for containment checks. */
  network: bigint;
}

function parseV4(text: string): bigint | string {
  const parts = text.split('.');
  if (parts.length !== 4) return `"${text}" is not an IPv4 address: it needs four numbers separated by dots, like 10.20.30.0.`;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return `"${text}" is not an IPv4 address: "${p}" is not a number from 0 to 255.`;
    const v = Number(p);
    if (v > 255) return `"${text}" is not an IPv4 address: ${p} is larger than 255.`;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(text: string): bigint | string {
  const bad = `"${text}" is not an IPv6 address.`;
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return bad;
  const halves = text.split('::');
  if (halves.length > 2) return `${bad} "::" may appear only once.`;
  const groups = (s: string): string[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    const last = g[g.length - 1]!;
    if (last.includes('.')) {
      // Embedded IPv4 in the last 32 bits (::ffff:10.0.0.1).
      const v4 = parseV4(last);
      if (typeof v4 === 'string') return undefined;
      g.splice(g.length - 1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
    }
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g : undefined;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return bad;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return `${bad} It needs eight groups of hex digits (or "::" for a run of zeros).`;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function formatV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((n >> s) & 0xffn).toString()).join('.');
}

function formatV6(n: bigint): string {
  const g = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - i * 16)) & 0xffffn));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { start: i, len: j - i };
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.len).join(':')}`;
}

export interface ParseSubnetOptions {
  /** Prefix to assume when none is written (the dashboard exports bare network addresses). */
  defaultPrefix?: { v4: number; v6: number };
}

export function parseSubnet(input: string, options: ParseSubnetOptions = {}): Result<Subnet> {
  const text = input.trim();
  if (!text) return err('Give a subnet in CIDR form, for example 10.20.30.0/24.');
  if (text.length > 60) return err('That is too long to be a subnet; give it in CIDR form, for example 10.20.30.0/24.');
  const [addr = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) return err(`"${text}" has more than one "/"; write it like 10.20.30.0/24.`);
  const version: 4 | 6 = addr.includes(':') ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const parsed = version === 4 ? parseV4(addr) : parseV6(addr);
  if (typeof parsed === 'string') return err(parsed);
  let prefix: number;
  if (prefixText === undefined) {
    if (!options.defaultPrefix) return err(`"${text}" has no prefix length; write it like ${version === 4 ? '10.20.30.0/24' : '2001:db8:10::/64'}.`);
    prefix = version === 4 ? options.defaultPrefix.v4 : options.defaultPrefix.v6;
  } else {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return err(`"/${prefixText}" is not a prefix length: for IPv${version} it is a number from 0 to ${bits}.`);
    prefix = Number(prefixText);
  }
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const network = parsed & ~hostMask;
  const format = version === 4 ? formatV4 : formatV6;
  if ((parsed & hostMask) !== 0n) {
    return err(`${format(parsed)}/${prefix} has host bits set: the network of that address is ${format(network)}/${prefix}. Use the network address.`);
  }
  return ok({ version, prefix, canonical: `${format(network)}/${prefix}`, network });
}

/** Subnets that hotels and home routers share (review guide): many unrelated sites, so hard to triage. */
export const HARD_TO_TRIAGE_SUBNETS: readonly string[] = ['10.0.0.0/24', '192.168.0.0/24', '192.168.1.0/24', '192.168.2.0/24', '172.20.10.0/24', '192.168.43.0/24'];
const HARD = HARD_TO_TRIAGE_SUBNETS.map((s) => (parseSubnet(s) as { ok: true; value: Subnet }).value);

function overlaps(a: Subnet, b: Subnet): boolean {
  if (a.version !== b.version) return false;
  const bits = a.version === 4 ? 32 : 128;
  const p = Math.min(a.prefix, b.prefix);
  const mask = ~((1n << BigInt(bits - p)) - 1n);
  return (a.network & mask) === (b.network & mask);
}

/** The common home/hotel subnet this one overlaps, if any. */
export function hardToTriage(subnet: Subnet): string | undefined {
  return HARD.find((h) => overlaps(h, subnet))?.canonical;
}

export function hardToTriageWarning(subnet: Subnet): string | undefined {
  const common = hardToTriage(subnet);
  if (!common) return undefined;
  return `${subnet.canonical} overlaps ${common}, a subnet that home and hotel routers use too: calls from many unrelated places land on it, so it is hard to triage and the review guide leaves it out of building reports.`;
}
