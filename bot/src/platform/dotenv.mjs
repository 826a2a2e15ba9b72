// The one dotenv reader, for the bot's config and the scripts alike (plain JS so the scripts run
// it without a build). `KEY=VALUE` lines, blank lines and `#` comment lines, an optional `export `
// prefix, values optionally in single quotes (literal) or double quotes (\n, \r, \t, \" and \\
// escapes). In an unquoted value, ` #` starts a trailing comment; a `#` with no space before it
// is part of the value (secrets may contain one). Anything else is an error naming the line.

export class DotenvError extends Error {
  name = 'DotenvError';
}

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * @param {string} text
 * @param {string} [label] file name used in error messages
 * @returns {Record<string, string>}
 */
export function parseDotenv(text, label = 'env file') {
  /** @type {Record<string, string>} */
  const vars = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const eq = body.indexOf('=');
    const key = eq < 0 ? '' : body.slice(0, eq).trim();
    if (eq < 0 || !KEY_RE.test(key)) throw new DotenvError(`${label} line ${index + 1}: expected KEY=VALUE, got "${line}"`);
    vars[key] = valueOf(body.slice(eq + 1).trim(), key, `${label} line ${index + 1}`);
  });
  return vars;
}

/** @param {string} value @param {string} key @param {string} where */
function valueOf(value, key, where) {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") {
    const comment = value.search(/\s#/);
    return comment >= 0 ? value.slice(0, comment).trim() : value;
  }
  const end = closingQuote(value, quote);
  if (end < 0) throw new DotenvError(`${where}: missing closing ${quote} for ${key}`);
  const rest = value.slice(end + 1).trim();
  if (rest !== '' && !rest.startsWith('#')) throw new DotenvError(`${where}: unexpected text after the quoted value of ${key}`);
  const inner = value.slice(1, end);
  /** @type {Record<string, string>} */
  const escapes = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
  return quote === '"' ? inner.replace(/\\([nrt"\\])/g, (_, c) => escapes[c] ?? c) : inner;
}

/** @param {string} value @param {string} quote */
function closingQuote(value, quote) {
  for (let i = 1; i < value.length; i++) {
    if (quote === '"' && value[i] === '\\') {
      i++;
      continue;
    }
    if (value[i] === quote) return i;
  }
  return -1;
}
