// The HTML of one question for the practice page (rendered in the browser when it is shown): its text and the native inputs the
// question island reads, in the same markup as the MDX wrappers (<Option>, <Item>, <Blank>,
// <Criterion>, <ModelAnswer>, <Solution>), so the island finds them exactly as on an exam page.
import type { Question } from '@i2dl/exams';
import { renderInline, renderMarkdown } from '../richText';

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const BLANK_PLACEHOLDER: Record<string, string> = {
  numeric: 'a number, e.g. 0.5 or 3/2',
  integer: 'a whole number',
  shape: 'e.g. 8x8x5',
  expression: 'a formula, e.g. sqrt(2/n)',
  matrix: 'rows split by ;',
};

function options(question: Extract<Question, { kind: 'multiple-choice' | 'single-choice' }>): string {
  const type = question.kind === 'multiple-choice' ? 'checkbox' : 'radio';
  return question.options
    .map((o) => {
      const id = escapeAttr(o.id);
      return `<div class="option" data-option="${id}"><input type="${type}" class="option-input" id="__QID__-opt-${id}" name="__QID__-choice" value="${id}" /><label for="__QID__-opt-${id}"><span class="option-id">(${id})</span> ${renderInline(o.text)}</label></div>`;
    })
    .join('');
}

function items(question: Extract<Question, { kind: 'ordering' }>): string {
  return question.items
    .map((item) => {
      const id = escapeAttr(item.id);
      return `<div class="order-item" data-item="${id}" draggable="true"><span class="order-position" aria-hidden="true"></span><div class="order-text">${renderInline(item.text)}</div><span class="order-buttons"><button type="button" data-move="up" aria-label="Move item ${id} up">↑</button><button type="button" data-move="down" aria-label="Move item ${id} down">↓</button></span></div>`;
    })
    .join('');
}

function blanks(question: Extract<Question, { kind: 'blanks' }>): string {
  return question.blanks
    .map((blank) => {
      const id = escapeAttr(blank.id);
      const field = `__QID__-blank-${id}`;
      const preview =
        blank.kind === 'expression'
          ? `<span class="expression-preview" aria-hidden="true" data-preview-for="${id}"></span>`
          : '';
      return `<p><span class="blank" data-blank-wrapper="${id}"><label for="${field}">${renderInline(blank.label ?? blank.id)}</label> <input type="text" id="${field}" name="${field}" data-blank="${id}" data-blank-kind="${blank.kind}" placeholder="${BLANK_PLACEHOLDER[blank.kind] ?? ''}" autocomplete="off" spellcheck="false" aria-describedby="${field}-msg" />${preview}<span class="field-message" id="${field}-msg" data-message-for="${id}" aria-live="polite"></span></span></p>`;
    })
    .join('');
}

function freeText(question: Extract<Question, { kind: 'free-text' }>): string {
  const criteria = question.rubric
    .map(
      (c, n) =>
        `<div class="criterion"><input type="checkbox" id="__QID__-crit-${n}" data-criterion="${n}" data-credits="${c.credits}" /><label for="__QID__-crit-${n}">${renderInline(c.text)} <span class="meta">(${c.credits} ${c.credits === 1 ? 'credit' : 'credits'})</span></label></div>`,
    )
    .join('');
  return `<details class="model-answer"><summary>Model answer</summary><div>${renderMarkdown(question.modelAnswer)}</div></details><fieldset class="rubric"><legend>Self-check: after reading the model answer, tick what your own answer covers</legend>${criteria}</fieldset>`;
}

/** The question's text and inputs. */
export function questionBodyHtml(question: Question): string {
  const text = renderMarkdown(question.text);
  switch (question.kind) {
    case 'multiple-choice':
    case 'single-choice':
      return text + options(question);
    case 'ordering':
      return text + items(question);
    case 'blanks':
      return text + blanks(question);
    case 'free-text':
      return text + freeText(question);
    default:
      return text;
  }
}

/** The worked solution: the exam's own text, each option's explanation, and the live steps of a solver. */
export function solutionHtml(question: Question, hasSolver: boolean): string {
  const parts = [question.solution ? renderMarkdown(question.solution) : ''];
  if (question.kind === 'multiple-choice' || question.kind === 'single-choice') {
    const whys = question.options.map(
      (o) =>
        `<li><strong>(${escapeAttr(o.id)}) ${o.correct ? 'correct' : 'wrong'}</strong>${o.why ? ` — ${renderInline(o.why)}` : ''}</li>`,
    );
    parts.push(`<ul class="option-whys">${whys.join('')}</ul>`);
  }
  if (question.kind === 'true-false')
    parts.push(`<p>The statement is <strong>${question.answer ? 'true' : 'false'}</strong>.</p>`);
  if (question.kind === 'ordering') {
    const order = question.order ?? question.orders?.[0];
    if (order) {
      const text = (id: string) => renderInline(question.items.find((i) => i.id === id)?.text ?? id);
      parts.push(`<ol>${order.map((id) => `<li>${text(id)}</li>`).join('')}</ol>`);
    }
  }
  if (hasSolver) parts.push('<div class="steps-live" data-steps-scope="__SCOPE__" data-only="null"></div>');
  return `<details class="solution" data-i2dl-solution><summary>Show solution</summary><div class="solution-body">${parts.join('')}</div></details>`;
}
