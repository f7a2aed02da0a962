// The MDX wrappers cannot see their parent, so <Option>, <Blank> and <Criterion> leave
// placeholders that the enclosing <Question> fills in: its HTML id prefix, the input type of
// its kind, and the number of each rubric criterion.

/** Fills a question's placeholders in its rendered HTML. */
export function fillQuestionPlaceholders(html: string, kind: string, anchor: string): string {
  let criterion = 0;
  const inputType = kind === 'multiple-choice' ? 'checkbox' : 'radio';
  return html
    .replace(/type="__QTYPE__"/g, `type="${inputType}"`)
    .replace(/id="__QID__-crit-__CRIT__" data-criterion="__CRIT__"|for="__QID__-crit-__CRIT__"/g, (match) => {
      // In document order each criterion's input comes before its label.
      if (match.startsWith('for=')) return `for="__QID__-crit-${criterion - 1}"`;
      const n = criterion++;
      return `id="__QID__-crit-${n}" data-criterion="${n}"`;
    })
    .replace(/__QID__/g, anchor);
}

/**
 * Splits the question's HTML before its solution, so the answer controls sit between the
 * question and the worked solution.
 */
export function splitAtSolution(html: string): [string, string] {
  const at = html.indexOf('<details class="solution"');
  return at < 0 ? [html, ''] : [html.slice(0, at), html.slice(at)];
}
