import { fail, MAX_RESPONSE_LENGTH, ok, type ParseResult } from './result.js';

/**
 * Reads a list of ids (ticked options, an order, ticked criteria) from an array or from text such
 * as `a, c` or `b > a > c`. Ids are matched exactly, then case-insensitively.
 */
function readIds(raw: unknown, known: readonly string[], what: string): ParseResult<string[]> {
  let list: unknown[];
  if (Array.isArray(raw)) list = raw;
  else if (typeof raw === 'string') {
    if (raw.length > MAX_RESPONSE_LENGTH) return fail(`the answer is too long (${raw.length} characters)`);
    list = raw.trim() === '' ? [] : raw.trim().split(/\s*(?:,|;|>|→|->|\s)\s*/);
  } else if (raw === undefined || raw === null) list = [];
  else return fail(`expected a list of ${what} ids`);
  if (list.length > known.length * 2 + 10) return fail(`too many ${what}s (there are ${known.length})`);
  const ids: string[] = [];
  for (const entry of list) {
    const id = typeof entry === 'string' ? resolveId(entry.trim(), known) : undefined;
    if (id === undefined) {
      const shown = typeof entry === 'string' ? `"${entry.slice(0, 40)}"` : String(entry).slice(0, 40);
      return fail(`unknown ${what} ${shown}; the ${what}s are ${known.join(', ')}`);
    }
    ids.push(id);
  }
  return ok(ids);
}

function resolveId(text: string, known: readonly string[]): string | undefined {
  if (known.includes(text)) return text;
  const lower = text.toLowerCase();
  const matches = known.filter((k) => k.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Ticked options of a multiple-choice question: a set (duplicates collapse), empty allowed. */
export function parseOptionSet(raw: unknown, options: readonly string[]): ParseResult<string[]> {
  const ids = readIds(raw, options, 'option');
  if (!ids.ok) return ids;
  return ok(options.filter((o) => ids.value.includes(o)));
}

/** The one chosen option of a single-choice question. */
export function parseSingleOption(raw: unknown, options: readonly string[]): ParseResult<string> {
  const ids = readIds(raw, options, 'option');
  if (!ids.ok) return ids;
  const distinct = [...new Set(ids.value)];
  if (distinct.length === 0) return fail(`choose one option: ${options.join(', ')}`);
  if (distinct.length > 1) return fail(`choose exactly one option, not ${distinct.length}`);
  return ok(distinct[0]);
}

/** An order: every item exactly once. */
export function parseOrder(raw: unknown, items: readonly string[]): ParseResult<string[]> {
  const ids = readIds(raw, items, 'item');
  if (!ids.ok) return ids;
  const seen = new Set<string>();
  for (const id of ids.value) {
    if (seen.has(id)) return fail(`the item "${id}" appears twice; put every item in the order exactly once`);
    seen.add(id);
  }
  const missing = items.filter((i) => !seen.has(i));
  if (missing.length > 0) return fail(`put every item in the order; missing: ${missing.join(', ')}`);
  return ok(ids.value);
}

/** Ticked rubric criteria of a free-text question (a set; an empty list means none earned). */
export function parseTicks(raw: unknown, criteria: readonly string[]): ParseResult<string[]> {
  const list =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { ticked?: unknown }).ticked : raw;
  const ids = readIds(list, criteria, 'criterion');
  if (!ids.ok) return ids;
  return ok(criteria.filter((c) => ids.value.includes(c)));
}

/** true / false, also written as text: true, false, t, f, yes, no, 1, 0, wahr, falsch. */
export function parseBoolean(raw: unknown): ParseResult<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (typeof raw === 'string' && raw.length <= 20) {
    const text = raw.trim().toLowerCase();
    if (['true', 't', 'yes', 'y', '1', 'wahr', 'w', 'richtig'].includes(text)) return ok(true);
    if (['false', 'f', 'no', 'n', '0', 'falsch'].includes(text)) return ok(false);
  }
  return fail('choose true or false');
}
