/** What a parser returns: never an exception. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The longest response any parser reads; longer input is refused before any work is done. */
export const MAX_RESPONSE_LENGTH = 10_000;

/** A successful parse. */
export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
/** A failed parse with a message that says what was expected. */
export const fail = <T = never>(message: string): ParseResult<T> => ({ ok: false, message });

/**
 * Checks that a raw response is text of a sane length and normalises the characters students
 * type from phones and word processors: unicode minus and dashes to "-", × and · to "*", NBSP to space.
 */
export function readText(raw: unknown, emptyMessage: string): ParseResult<string> {
  if (typeof raw === 'number') return ok(String(raw));
  if (typeof raw !== 'string') return fail(emptyMessage);
  if (raw.length > MAX_RESPONSE_LENGTH) {
    return fail(`the answer is too long (${raw.length} characters; at most ${MAX_RESPONSE_LENGTH})`);
  }
  const text = expandVulgarFractions(raw)
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, '-')
    .replace(/[×⋅·∙]/g, '*')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return fail(emptyMessage);
  return ok(text);
}

/** Finds the first unbalanced bracket, or null when ( ) and [ ] are balanced. */
export function unbalancedBrackets(text: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[' };
  for (const ch of text) {
    if (ch === '(' || ch === '[') stack.push(ch);
    else if (ch === ')' || ch === ']') {
      if (stack.pop() !== pairs[ch]) return `unbalanced parentheses: a "${ch}" has no matching "${pairs[ch]}"`;
    }
  }
  if (stack.length > 0) return `unbalanced parentheses: ${stack.length} "${stack[0]}" not closed`;
  return null;
}

const VULGAR = /(\d*)\s*([\u00BC-\u00BE\u2150-\u215E])/g;

/** "½" becomes "(1/2)" and the mixed number "1½" becomes "(1+1/2)" (NFKC alone would turn "1½" into "11/2"). */
function expandVulgarFractions(text: string): string {
  return text.replace(VULGAR, (_all, whole: string, frac: string) => {
    const fraction = frac.normalize('NFKC').replace('\u2044', '/');
    return whole ? `(${whole}+${fraction})` : `(${fraction})`;
  });
}
