// Variants in the URL, so a shared link reproduces what the student saw:
//   ?variant=p6:1234          scope p6 drawn with seed 1234 (solver.generate(1234))
//   ?params=p6:{"k":3,"s":2}  scope p6 with parameters edited by hand (URL-encoded JSON)
// One entry per scope; a scope is a problem or question id that owns a solver.

/** What the URL asks for one scope. */
export type UrlVariant = { seed: number } | { params: unknown } | { error: string };

/** Seeds are whole numbers a person can type: 0 … 2^31-1. */
export function parseSeed(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const seed = Number(text);
  return seed <= 2 ** 31 - 1 ? seed : null;
}

function entries(search: URLSearchParams, key: 'variant' | 'params'): [string, string][] {
  return search.getAll(key).flatMap((value) => {
    const colon = value.indexOf(':');
    return colon > 0 ? [[value.slice(0, colon), value.slice(colon + 1)] as [string, string]] : [];
  });
}

/** The scope ids the URL mentions (to warn about ones the page does not have). */
export function urlScopes(search: URLSearchParams): string[] {
  const malformed = [...search.getAll('variant'), ...search.getAll('params')].filter((v) => v.indexOf(':') <= 0);
  return [...entries(search, 'variant'), ...entries(search, 'params')]
    .map(([scope]) => scope)
    .concat(malformed.map((m) => m || '(empty)'));
}

/** The variant the URL asks for `scopeId`, or null when it asks for none. */
export function readVariant(search: URLSearchParams, scopeId: string): UrlVariant | null {
  const seedEntry = entries(search, 'variant').find(([scope]) => scope === scopeId);
  if (seedEntry) {
    const seed = parseSeed(seedEntry[1]);
    return seed === null ? { error: `"${seedEntry[1]}" is not a variant seed (a whole number)` } : { seed };
  }
  const paramsEntry = entries(search, 'params').find(([scope]) => scope === scopeId);
  if (paramsEntry) {
    try {
      return { params: JSON.parse(paramsEntry[1]) };
    } catch {
      return { error: 'the parameters in the link are not valid JSON' };
    }
  }
  return null;
}

/** Returns `search` with the entry of `scopeId` replaced (or removed with `null`). */
export function withVariant(search: URLSearchParams, scopeId: string, variant: UrlVariant | null): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of ['variant', 'params'] as const) {
    const kept = next.getAll(key).filter((v) => !v.startsWith(`${scopeId}:`));
    next.delete(key);
    for (const v of kept) next.append(key, v);
  }
  if (variant && 'seed' in variant) next.append('variant', `${scopeId}:${variant.seed}`);
  if (variant && 'params' in variant) next.append('params', `${scopeId}:${JSON.stringify(variant.params)}`);
  return next;
}
