// The answer controls of one question: the inputs its kind needs (choices, items and blanks
// are native HTML from the MDX wrappers, found in the question's section; numbers, shapes,
// expressions, matrices and true/false are rendered here), "Check" (graded by @i2dl/exams with
// the exam's rules, against the scope's current variant) and the feedback.
import { type AnswerValue, answerAt, type GradeResult, type Question, type Scoring } from '@i2dl/exams';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBoundary } from './ErrorBoundary';
import { type FieldSpec, gradeAnswer, parseField } from './grading';
import { installOrdering } from './ordering';
import { registerResponse } from './responses';
import { useScope } from './scopeStore';

export interface QuestionIslandProps {
  question: Question;
  scoring: Scoring;
  /** The solver scope this question is graded against (its own or its problem's), if any. */
  scope: { scopeId: string; solver: string; defaultParams: unknown } | null;
  /** The default variant's answers, so grading needs no solver run until the variant changes. */
  defaultAnswers: Record<string, unknown> | null;
  anchor: string;
  /** The questions this one is consequentially marked against (their answers are read from the page). */
  earlier: Record<string, Question>;
}

const TYPED_KINDS = new Set(['numeric', 'integer', 'shape', 'expression']);
const PLACEHOLDER: Record<string, string> = {
  numeric: 'a number, e.g. 0.25, 3/2 or 1e-3',
  integer: 'a whole number',
  shape: 'e.g. 8x8x5 or (4, 3, 5, 5)',
  expression: 'a formula, e.g. sqrt(2/n)',
};

function Preview({ tex }: { tex: string }) {
  // KaTeX output of the parsed expression.
  return <div class="expression-preview" aria-hidden="true" dangerouslySetInnerHTML={{ __html: tex }} />;
}

function Feedback({ result, html }: { result: GradeResult; html: string }) {
  return (
    <div class={`feedback ${result.verdict}`} role="status" data-verdict={result.verdict}>
      <p>
        <strong data-credits>
          {result.credits} / {result.maxCredits} {result.maxCredits === 1 ? 'credit' : 'credits'}
        </strong>
      </p>
      {/* Feedback Markdown rendered (and escaped) by richText. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

function Controls({ question, scoring, scope, defaultAnswers, anchor, earlier }: QuestionIslandProps) {
  const root = useRef<HTMLDivElement>(null);
  const scopeState = scope ? useScope(scope as Parameters<typeof useScope>[0]) : null;
  const answers = (scopeState?.value.result?.answers ?? defaultAnswers ?? {}) as Record<string, unknown>;
  const [text, setText] = useState('');
  const [bool, setBool] = useState<'true' | 'false' | ''>('');
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState('');
  const [result, setResult] = useState<{ grade: GradeResult; html: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const section = () => root.current?.closest<HTMLElement>('.question') ?? null;

  // The matrix grid takes the size of the current key.
  const key = question.kind === 'matrix' ? answerAt(answers as Record<string, AnswerValue>, question.answer) : null;
  const keyRows = key?.ok && Array.isArray(key.value) ? (key.value as unknown[][]) : null;
  const rows = keyRows?.length ?? 2;
  const cols = keyRows?.[0]?.length ?? 2;
  const emptyGrid = () => Array.from({ length: rows }, () => Array<string>(cols).fill(''));
  // Sized on the server too, so the grid is there without JavaScript.
  const [matrix, setMatrix] = useState<string[][]>(question.kind === 'matrix' ? emptyGrid : []);
  useEffect(() => {
    if (question.kind === 'matrix' && (matrix.length !== rows || matrix[0]?.length !== cols)) setMatrix(emptyGrid());
  }, [rows, cols]);

  // Later questions may be graded against this one's answer (consequential marking).
  useEffect(() => registerResponse(question.id, rawResponse));

  // Native controls in the server HTML: ordering moves, blank previews and messages.
  useEffect(() => {
    const el = section();
    if (!el) return;
    const cleanups: (() => void)[] = [];
    if (question.kind === 'ordering') cleanups.push(installOrdering(el, setAnnouncement));
    if (question.kind === 'blanks') {
      const onBlur = (event: Event) => {
        const input = event.target as HTMLInputElement;
        if (input.dataset.blank) void checkBlank(el, input);
      };
      const onInput = (event: Event) => {
        const input = event.target as HTMLInputElement;
        if (input.dataset.blankKind === 'expression') void previewBlank(el, input);
      };
      el.addEventListener('focusout', onBlur);
      el.addEventListener('input', onInput);
      cleanups.push(() => {
        el.removeEventListener('focusout', onBlur);
        el.removeEventListener('input', onInput);
      });
    }
    return () => {
      for (const fn of cleanups) fn();
    };
  }, []);

  const blankSpec = (id: string): FieldSpec | null => {
    if (question.kind !== 'blanks') return null;
    const blank = question.blanks.find((b) => b.id === id);
    return blank ? { ...blank } : null;
  };

  async function checkBlank(el: HTMLElement, input: HTMLInputElement) {
    const spec = blankSpec(input.dataset.blank ?? '');
    const target = el.querySelector<HTMLElement>(`[data-message-for="${input.dataset.blank}"]`);
    if (!spec || !target) return;
    const parsed = input.value.trim() === '' ? null : await parseField(spec, input.value);
    target.textContent = parsed && !parsed.ok ? parsed.message : '';
    input.setAttribute('aria-invalid', String(Boolean(parsed && !parsed.ok)));
  }

  async function previewBlank(el: HTMLElement, input: HTMLInputElement) {
    const spec = blankSpec(input.dataset.blank ?? '');
    const target = el.querySelector<HTMLElement>(`[data-preview-for="${input.dataset.blank}"]`);
    if (!spec || !target) return;
    const parsed = await parseField(spec, input.value);
    target.innerHTML = parsed.ok && parsed.tex ? parsed.tex : '';
  }

  async function onText(value: string) {
    setText(value);
    if (question.kind === 'expression') {
      const parsed = await parseField(question, value);
      setPreview(parsed.ok && parsed.tex ? parsed.tex : '');
    }
  }

  async function validateText() {
    if (!TYPED_KINDS.has(question.kind) || text.trim() === '') return setMessage('');
    const parsed = await parseField(question, text);
    setMessage(parsed.ok ? '' : parsed.message);
  }

  /** The raw response, read from wherever this kind keeps its inputs. */
  function rawResponse(): unknown {
    const el = section();
    const checked = (selector: string) =>
      [...(el?.querySelectorAll<HTMLInputElement>(selector) ?? [])].filter((i) => i.checked).map((i) => i.value);
    switch (question.kind) {
      case 'multiple-choice':
        return checked('input.option-input');
      case 'single-choice':
        return checked('input.option-input')[0] ?? '';
      case 'true-false':
        return bool;
      case 'ordering':
        return [...(el?.querySelectorAll<HTMLElement>('[data-item]') ?? [])].map((i) => i.dataset.item ?? '');
      case 'matrix':
        return matrix.map((row) => row.join(', ')).join('; ');
      case 'blanks': {
        const values: Record<string, string> = {};
        for (const input of el?.querySelectorAll<HTMLInputElement>('input[data-blank]') ?? []) {
          values[input.dataset.blank ?? ''] = input.value;
        }
        return values;
      }
      case 'free-text': {
        const ticked = [...(el?.querySelectorAll<HTMLInputElement>('input[data-criterion]') ?? [])].filter(
          (i) => i.checked,
        );
        return ticked.map((i) => question.rubric[Number(i.dataset.criterion)]?.id ?? '');
      }
      default:
        return text;
    }
  }

  async function check() {
    const el = section();
    if (question.kind === 'blanks' && el) {
      for (const input of el.querySelectorAll<HTMLInputElement>('input[data-blank]')) await checkBlank(el, input);
    }
    await validateText();
    const consequence =
      scope && question.consequential
        ? { earlier, solver: scope.solver, params: scopeState?.value.params ?? scope.defaultParams }
        : null;
    const graded = await gradeAnswer(question, rawResponse(), answers, scoring, consequence);
    setResult(graded);
    el?.setAttribute('data-graded', graded.grade.verdict);
    // Progress (src/lib/progress/listen.ts) records every graded answer from this one event.
    el?.dispatchEvent(
      new CustomEvent('i2dl:graded', {
        bubbles: true,
        detail: {
          questionId: question.id,
          topics: question.topics,
          credits: graded.grade.credits,
          maxCredits: graded.grade.maxCredits,
          verdict: graded.grade.verdict,
        },
      }),
    );
  }

  const kind = question.kind;
  const fieldId = `${anchor}-answer`;
  return (
    <div class="question-controls" ref={root} data-question-controls={question.id}>
      {TYPED_KINDS.has(kind) && (
        <div class="answer-field">
          <label for={fieldId}>Your answer{'unit' in question && question.unit ? ` (${question.unit})` : ''}</label>
          <input
            id={fieldId}
            type="text"
            data-answer-input
            autocomplete="off"
            spellcheck={false}
            placeholder={PLACEHOLDER[kind]}
            value={text}
            aria-invalid={message ? true : undefined}
            aria-describedby={`${fieldId}-msg`}
            onInput={(e) => void onText(e.currentTarget.value)}
            onBlur={() => void validateText()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void check();
              }
            }}
          />
          {kind === 'expression' && <Preview tex={preview} />}
          <span class="field-message" id={`${fieldId}-msg`} aria-live="polite" data-field-message>
            {message}
          </span>
        </div>
      )}
      {kind === 'true-false' && (
        <fieldset class="answer-field">
          <legend class="visually-hidden">True or false</legend>
          {(['true', 'false'] as const).map((value) => (
            <label key={value} class="option">
              <input
                type="radio"
                name={`${anchor}-tf`}
                value={value}
                data-tf={value}
                checked={bool === value}
                onChange={() => setBool(value)}
              />{' '}
              {value === 'true' ? 'True' : 'False'}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'matrix' && (
        <fieldset class="answer-field">
          <legend>
            Your answer ({rows} × {cols})
          </legend>
          <div class="matrix-grid" style={{ gridTemplateColumns: `repeat(${cols}, auto)` }}>
            {matrix.flatMap((row, i) =>
              row.map((cell, j) => (
                <input
                  key={`${i}-${j}`}
                  type="text"
                  inputMode="decimal"
                  aria-label={`row ${i + 1}, column ${j + 1}`}
                  data-cell={`${i}-${j}`}
                  value={cell}
                  onInput={(e) => {
                    const next = matrix.map((r) => [...r]);
                    next[i][j] = e.currentTarget.value;
                    setMatrix(next);
                  }}
                />
              )),
            )}
          </div>
        </fieldset>
      )}
      {kind === 'free-text' && (
        <div class="answer-field">
          <label for={fieldId}>Your answer (for yourself: it is not sent anywhere)</label>
          <textarea id={fieldId} rows={4} />
        </div>
      )}
      <div class="actions">
        <button type="button" class="primary" data-check onClick={() => void check()}>
          Check
        </button>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {result && <Feedback result={result.grade} html={result.html} />}
    </div>
  );
}

/** The island: the controls behind their own error boundary. */
export default function QuestionIsland(props: QuestionIslandProps) {
  return (
    <ErrorBoundary label="answer box">
      <Controls {...props} />
    </ErrorBoundary>
  );
}
