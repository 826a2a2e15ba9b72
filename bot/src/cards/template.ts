// A small, safe subset of Adaptive Card Templating: ${path} bindings, $data repetition and $when.
// Values are inserted once and never re-scanned, so user text such as "${x}" stays literal.
// No expression evaluation: a binding is a dotted path, optionally negated in $when ("${!path}").

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Scope = Record<string, unknown>;

const WHOLE = /^\$\{(!?)([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\}$/;
const PART = /\$\{([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\}/g;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

function lookup(scope: Scope, path: string, root: Scope): unknown {
  const parts = path.split('.');
  let cur: unknown = parts[0] === '$root' ? root : scope;
  for (const p of parts[0] === '$root' ? parts.slice(1) : parts) {
    if (cur === null || typeof cur !== 'object' || !(p in (cur as object))) {
      throw new TemplateError(`template binding \${${path}} has no value`);
    }
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function expandString(s: string, scope: Scope, root: Scope): unknown {
  const whole = WHOLE.exec(s);
  if (whole && !whole[1]) return lookup(scope, whole[2]!, root);
  if (!s.includes('${')) return s;
  return s.replace(PART, (_, path: string) => {
    const v = lookup(scope, path, root);
    return v === undefined || v === null ? '' : String(v);
  });
}

function truthy(expr: unknown, scope: Scope, root: Scope): boolean {
  if (typeof expr !== 'string') return Boolean(expr);
  const m = WHOLE.exec(expr);
  if (!m) throw new TemplateError(`$when must be a single binding, got ${expr}`);
  const v = lookup(scope, m[2]!, root);
  const t = Array.isArray(v) ? v.length > 0 : Boolean(v);
  return m[1] ? !t : t;
}

function expandNode(node: Json, scope: Scope, root: Scope): Json | undefined {
  if (typeof node === 'string') return expandString(node, scope, root) as Json;
  if (Array.isArray(node)) {
    const out: Json[] = [];
    for (const item of node) {
      if (item && typeof item === 'object' && !Array.isArray(item) && '$data' in item) {
        const items = expandString(String(item.$data), scope, root);
        if (!Array.isArray(items)) throw new TemplateError(`$data ${String(item.$data)} is not a list`);
        const { $data: _ignored, ...rest } = item;
        for (const each of items) {
          const r = expandNode(rest, each as Scope, root);
          if (r !== undefined) out.push(r);
        }
      } else {
        const r = expandNode(item, scope, root);
        if (r !== undefined) out.push(r);
      }
    }
    return out;
  }
  if (node && typeof node === 'object') {
    if ('$when' in node && !truthy(node.$when, scope, root)) return undefined;
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$when') continue;
      const r = expandNode(v, scope, root);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return node;
}

export function expandTemplate<T extends object>(template: unknown, data: T): Record<string, unknown> {
  return expandNode(template as Json, data as Scope, data as Scope) as Record<string, unknown>;
}

/** Escapes the Markdown that Teams renders in TextBlock/Fact text, so user text shows literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
