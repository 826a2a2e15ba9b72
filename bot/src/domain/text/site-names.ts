// Sites named in free text, for findings and incidents alike ("about 300 users in HQ Building 2 and Warehouse 2", "Branch Paris").
// A site is kept whole: the qualifier before the place word ("HQ Building 2"), the number or
// name after it ("Warehouse 2", "Branch Paris"). Callers use the spans to keep a site's number
// from being read as something else (a user count) and to cut a site off a service name.

export interface SiteMention {
  /** As written, with the place word capitalised ("bldg 12" → "Bldg 12"). */
  name: string;
  /** Offsets of the mention in the text searched. */
  start: number;
  end: number;
}

// Place words, in the cases people type them. "site" and "floor" need a number or name after
// them: "the SharePoint site" is not a place. "store", "shop" and "hub" are left out ("app
// store", "Teams hub").
const PLACE_WORDS = ['building', 'bldg.', 'bldg', 'site', 'campus', 'office', 'floor', 'warehouse', 'branch', 'plant', 'factory', 'depot', 'headquarters', 'hq', 'data centre', 'data center', 'datacentre', 'datacenter', 'distribution centre', 'distribution center'];
const NEEDS_ID = /^(site|floor)$/i;
const STANDS_ALONE = /^(hq|headquarters)$/i;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const title = (s: string) => s.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase());
const PLACE = [...new Set(PLACE_WORDS.flatMap((w) => [w, title(w), w.toUpperCase()]))].map(escape).join('|');
// What follows the place word: a number ("2", "6a", "12-B"), a letter ("Site A"), or one or two
// capitalised words ("Branch Paris", "Site New York"); an acronym only as the first word.
const ID = String.raw`\p{N}[\p{L}\p{N}_-]*(?:\.\p{N}+)?|\p{Lu}\p{N}*(?![\p{L}\p{N}])|\p{Lu}[\p{L}\p{N}'&-]*(?:\s+\p{Lu}\p{Ll}[\p{L}'-]*)?`;
// Up to two capitalised words or acronyms right before the place word ("HQ", "North", "Lyon").
const QUALIFIER = String.raw`\p{Lu}[\p{L}\p{N}&'-]*`;
const SITE_RE = new RegExp(String.raw`(?<![\p{L}\p{N}])((?:${QUALIFIER}\s+){0,2})(${PLACE})(?![\p{L}\p{N}])(?:\s+(${ID}))?`, 'gdu');
// Capitalised words that start a phrase rather than name a place, and the metric and network
// words people put in front of one ("PSR Building 6", "VPN Building 2" name "Building 6", "Building 2").
const NOT_QUALIFIERS = new Set([
  'in', 'at', 'on', 'from', 'for', 'to', 'the', 'a', 'an', 'our', 'all', 'every', 'everyone', 'everybody', 'and', 'or', 'of', 'with', 'since',
  'users', 'user', 'people', 'staff', 'about', 'around', 'only', 'some', 'no', 'nobody',
  'psr', 'sfr', 'dfr', 'vpn', 'wan', 'lan', 'wifi', 'wi-fi', 'ghz',
]);

/** Every site named in `text`, in order. */
export function findSites(text: string): SiteMention[] {
  const out: SiteMention[] = [];
  for (const m of text.matchAll(SITE_RE)) {
    const [placeStart, placeEnd] = m.indices![2]!;
    const place = m[2]!;
    // Qualifier words with their offsets; capitalised function words in front are not part of
    // the site ("In HQ Building 2" names "HQ Building 2").
    const words = [...m[1]!.matchAll(/\S+/g)].map((w) => ({ text: w[0], start: m.index + w.index }));
    while (words.length && NOT_QUALIFIERS.has(words[0]!.text.toLowerCase())) words.shift();
    const idText = m[3]?.replace(/[._-]+$/, '');
    // A capital letter is an id ("Site A"); a capitalised function word is not ("Site For").
    const id = idText && (idText.length === 1 || !NOT_QUALIFIERS.has(idText.split(/\s+/)[0]!.toLowerCase())) ? idText : undefined;
    const named = id !== undefined || (words.length > 0 && !NEEDS_ID.test(place)) || STANDS_ALONE.test(place);
    if (!named) continue;
    // A place word that starts the name is capitalised ("bldg 12" → "Bldg 12"); after a qualifier it stays as written.
    const placeWord = words.length ? place : `${place.charAt(0).toUpperCase()}${place.slice(1)}`;
    out.push({
      name: [...words.map((w) => w.text), placeWord, ...(id ? [id] : [])].join(' '),
      start: words[0]?.start ?? placeStart,
      end: id ? m.indices![3]![0] + id.length : placeEnd,
    });
  }
  return out;
}

/** The text with every site mention replaced by spaces (offsets unchanged). */
export function maskSites(text: string, sites: readonly SiteMention[] = findSites(text)): string {
  let out = text;
  for (const s of sites) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}
