// A timed mock exam: the exam's own paper (server HTML with the question islands, answers
// hidden by CSS while it runs), a countdown to a wall-clock deadline, and at the end the score
// by the exam's own rules (scoreExam) with a per-problem breakdown and links to the solutions.
// Leaving and coming back resumes: the inputs' state and the deadline are in localStorage.
import type { Question, ScoreExamOptions, Scoring } from '@i2dl/exams';
import { useEffect, useRef, useState } from 'preact/hooks';
import { recordAttempt } from '../../lib/progress/record';
import { saveMockResult, updateProgress } from '../../lib/progress/store';
import {
  clock,
  DEFAULT_MOCK_MINUTES,
  formatDuration,
  loadAttempt,
  type MockAttempt,
  type MockAttemptResult,
  newAttempt,
  responseFromFields,
  saveAttempt,
} from '../../lib/study/mock';
import { applyFields, applyOrder, readFields, readOrder } from '../../lib/study/mockDom';
import { ErrorBoundary } from '../islands/ErrorBoundary';

/** What the page hands the island (plain data, built from extractExam and the default solver runs). */
export interface MockData {
  examId: string;
  title: string;
  /** null when the exam does not state it */
  durationMinutes: number | null;
  scoring: Scoring;
  problems: { id: string; title: string; credits: number; questions: Question[] }[];
  /** per question id: the default variant's solver answers (its keys) */
  answers: Record<string, Record<string, unknown>>;
  /** per question id: its solver, for consequential marking */
  solvers: Record<string, string>;
  /** per question id: the link to its worked solution on the exam page */
  solutionHrefs: Record<string, string>;
}

const paper = () => document.querySelector<HTMLElement>('[data-mock-paper]');
const sectionOf = (id: string) =>
  paper()?.querySelector<HTMLElement>(`section.question[data-question-id="${CSS.escape(id)}"]`) ?? null;

async function score(
  data: MockData,
  attempt: MockAttempt,
  reason: MockAttemptResult['reason'],
  now: number,
): Promise<MockAttemptResult> {
  const { scoreExam, loadSolver } = await import('../../lib/study/scoringCore');
  const questions = data.problems.flatMap((p) => p.questions);
  const responses: Record<string, unknown> = {};
  for (const q of questions) {
    const response = responseFromFields(q, attempt.fields[q.id], attempt.orders[q.id]);
    if (response !== undefined) responses[q.id] = response;
  }
  const solverNames = [
    ...new Set(
      questions
        .filter((q) => q.consequential)
        .map((q) => data.solvers[q.id])
        .filter(Boolean),
    ),
  ];
  const solvers = new Map(
    await Promise.all(solverNames.map(async (name) => [name, await loadSolver(name).catch(() => null)] as const)),
  );
  const result = scoreExam({ scoring: data.scoring, problems: data.problems }, responses, {
    answers: data.answers as ScoreExamOptions['answers'],
    solve: (question, params) => {
      const solver = solvers.get(data.solvers[question.id]);
      const parsed = solver?.params.safeParse(params);
      return solver && parsed?.success ? solver.solve(parsed.data) : undefined;
    },
  });
  const end = Math.min(now, attempt.deadline);
  return {
    credits: result.credits,
    maxCredits: result.maxCredits,
    answered: result.answered,
    finishedAt: end,
    timeUsedMs: Math.max(0, end - attempt.startedAt),
    reason,
    problems: result.problems.map((p) => ({
      id: p.id,
      title: p.title,
      credits: p.credits,
      maxCredits: p.maxCredits,
      questions: p.questions.map((q) => ({
        id: q.id,
        answered: q.answered,
        credits: q.result.credits,
        maxCredits: q.result.maxCredits,
        verdict: q.result.verdict,
        feedback: q.result.feedback[0] ?? '',
      })),
    })),
  };
}

function Intro({
  data,
  onStart,
  notice,
}: {
  data: MockData;
  onStart: (minutes: number) => void;
  notice: string | null;
}) {
  const [minutes, setMinutes] = useState(String(data.durationMinutes ?? DEFAULT_MOCK_MINUTES));
  const [message, setMessage] = useState('');
  const total = data.problems.reduce((s, p) => s + p.credits, 0);
  return (
    <form
      class="mock-intro"
      data-mock-intro
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(minutes);
        if (!Number.isFinite(value) || value < 1 || value > 600) {
          setMessage('Give the time in minutes, between 1 and 600.');
          return;
        }
        onStart(value);
      }}
    >
      {notice && (
        <p class="notice" role="alert" data-mock-notice>
          {notice}
        </p>
      )}
      <p data-mock-duration>
        {data.durationMinutes !== null
          ? `The exam's own time: ${data.durationMinutes} minutes.`
          : `The exam does not state its duration: the mock uses ${DEFAULT_MOCK_MINUTES} minutes unless you choose another time.`}{' '}
        {data.problems.length} problems, {total} credits. Answers and solutions stay hidden until you submit or the time
        runs out; then the paper is scored by the exam's own rules. Explain-questions are self-checked afterwards.
      </p>
      <label for="mock-minutes">Time (minutes)</label>{' '}
      <input
        id="mock-minutes"
        type="number"
        min={1}
        max={600}
        inputMode="numeric"
        value={minutes}
        onInput={(e) => setMinutes(e.currentTarget.value)}
        aria-describedby="mock-minutes-msg"
      />{' '}
      <button type="submit" class="primary" data-start-mock>
        Start the mock exam
      </button>
      <p class="field-message" id="mock-minutes-msg" role="alert">
        {message}
      </p>
    </form>
  );
}

function Result({ data, result, onAgain }: { data: MockData; result: MockAttemptResult; onAgain: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const percent = result.maxCredits > 0 ? Math.round((result.credits / result.maxCredits) * 1000) / 10 : 0;
  const kindOf = new Map(data.problems.flatMap((p) => p.questions.map((q) => [q.id, q.kind])));
  return (
    <section class="mock-result" data-mock-result aria-labelledby="mock-result-heading">
      <h2 id="mock-result-heading" tabindex={-1} ref={heading}>
        Result
      </h2>
      <p class="mock-total">
        <strong data-mock-total>
          {result.credits} / {result.maxCredits} credits
        </strong>{' '}
        ({percent}%) · {result.answered} answered · time used{' '}
        <span data-mock-time-used={result.timeUsedMs}>{formatDuration(result.timeUsedMs)}</span> ·{' '}
        <span data-mock-reason={result.reason}>{result.reason === 'timeout' ? 'the time ran out' : 'submitted'}</span>
      </p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Credits per problem and question</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Credits</th>
              <th scope="col">Verdict</th>
              <th scope="col">Solution</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p) => [
              <tr key={p.id} data-mock-problem={p.id}>
                <th scope="row">
                  {p.id}
                  {p.title ? `: ${p.title}` : ''}
                </th>
                <td data-problem-credits>
                  <strong>
                    {p.credits} / {p.maxCredits}
                  </strong>
                </td>
                <td />
                <td />
              </tr>,
              ...p.questions.map((q) => (
                <tr key={`${p.id}-${q.id}`} data-mock-question={q.id}>
                  <td>&emsp;{q.id}</td>
                  <td>
                    {q.credits} / {q.maxCredits}
                  </td>
                  <td data-verdict={q.verdict}>
                    {kindOf.get(q.id) === 'free-text' ? 'self-check' : !q.answered ? 'not answered' : q.verdict}
                  </td>
                  <td>
                    <a href={data.solutionHrefs[q.id]} aria-label={`Solution of question ${q.id}`}>
                      Solution
                    </a>
                  </td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" data-mock-again onClick={onAgain}>
          Take this mock exam again
        </button>
      </p>
    </section>
  );
}

function Mock({ data }: { data: MockData }) {
  const [attempt, setAttempt] = useState<MockAttempt | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [loaded, setLoaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [scoring, setScoring] = useState(false);
  const current = useRef<MockAttempt | null>(null);
  const running = attempt !== null && attempt.result === null;

  const store = (next: MockAttempt | null) => {
    current.current = next;
    saveAttempt(data.examId, next);
    setAttempt(next);
  };

  useEffect(() => {
    const { attempt: saved, notice: why } = loadAttempt(data.examId);
    current.current = saved;
    setAttempt(saved);
    setNotice(why);
    setLoaded(true);
  }, []);

  const finish = async (reason: MockAttemptResult['reason']) => {
    const active = current.current;
    if (!active || active.result || scoring) return;
    setScoring(true);
    const result = await score(data, active, reason, Date.now());
    store({ ...active, result });
    saveMockResult({
      examId: data.examId,
      startedAt: active.startedAt,
      finishedAt: result.finishedAt,
      credits: result.credits,
      maxCredits: result.maxCredits,
      timeUsedMs: result.timeUsedMs,
      reason,
    });
    // Each answered question also counts as an attempt for mastery and review.
    const topicsOf = new Map(data.problems.flatMap((p) => p.questions.map((q) => [q.id, q.topics])));
    updateProgress((progress) =>
      result.problems
        .flatMap((p) => p.questions)
        .filter((q) => q.answered)
        .reduce(
          (acc, q) =>
            recordAttempt(
              acc,
              {
                examId: data.examId,
                questionId: q.id,
                topics: topicsOf.get(q.id) ?? [],
                credits: q.credits,
                maxCredits: q.maxCredits,
                verdict: q.verdict,
              },
              result.finishedAt,
            ),
          progress,
        ),
    );
    setScoring(false);
    setConfirming(false);
  };

  // The paper is visible only while the attempt runs.
  useEffect(() => {
    const el = paper();
    if (el) el.hidden = !running;
  }, [running]);

  // While running: follow the inputs, put saved answers back, count down.
  useEffect(() => {
    const el = paper();
    if (!running || !el) return;
    // The scorer is fetched now, so handing in works offline too.
    void import('../../lib/study/scoringCore');
    const restore = () => {
      const active = current.current;
      if (!active) return;
      for (const [id, fields] of Object.entries(active.fields)) {
        const section = sectionOf(id);
        if (section) applyFields(section, fields);
      }
    };
    for (const [id, order] of Object.entries(current.current?.orders ?? {})) {
      const section = sectionOf(id);
      if (section) applyOrder(section, order);
    }
    restore();
    const remember = (event: Event) => {
      const section = (event.target as Element | null)?.closest<HTMLElement>('section.question[data-question-id]');
      const active = current.current;
      if (!section || !active || active.result) return;
      const id = section.dataset.questionId ?? '';
      const orders =
        section.querySelector('[data-item]') && event.type !== 'input' && event.type !== 'change'
          ? { ...active.orders, [id]: readOrder(section) }
          : active.orders;
      // Read-modify-write: the attempt as saved, with this question's inputs.
      const saved = loadAttempt(data.examId).attempt ?? active;
      store({
        ...saved,
        fields: { ...saved.fields, [id]: readFields(section) },
        orders: { ...saved.orders, ...orders },
      });
    };
    const later = (event: Event) => setTimeout(() => remember(event), 0);
    el.addEventListener('input', remember);
    el.addEventListener('change', remember);
    el.addEventListener('click', (event) => {
      if ((event.target as Element).closest('[data-move]')) later(event);
    });
    el.addEventListener('drop', later);
    // Inputs the islands render on hydration get their saved values as they appear.
    const observer = new MutationObserver(restore);
    observer.observe(el, { childList: true, subtree: true });
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (current.current && t >= current.current.deadline) void finish('timeout');
    }, 1000);
    if (current.current && Date.now() >= current.current.deadline) void finish('timeout');
    return () => {
      el.removeEventListener('input', remember);
      el.removeEventListener('change', remember);
      el.removeEventListener('drop', later);
      observer.disconnect();
      clearInterval(timer);
    };
  }, [running]);

  if (!loaded) return <p>Loading…</p>;
  if (!attempt)
    return (
      <Intro data={data} notice={notice} onStart={(minutes) => store(newAttempt(data.examId, minutes, Date.now()))} />
    );
  if (attempt.result) return <Result data={data} result={attempt.result} onAgain={() => store(null)} />;
  const remaining = attempt.deadline - now;
  // Screen readers hear the time at a few moments, not every second.
  const warning = remaining <= 60_000 ? '1 minute left.' : remaining <= 5 * 60_000 ? '5 minutes left.' : '';
  return (
    <div class={`mock-timer${remaining < 5 * 60_000 ? ' low' : ''}`} data-mock-running>
      <span>
        Time left:{' '}
        <span role="timer" aria-live="off" data-remaining={Math.max(0, remaining)}>
          {clock(remaining)}
        </span>
      </span>
      <span class="visually-hidden" aria-live="polite" data-time-warning>
        {warning}
      </span>
      <span class="meta">
        ends at {new Date(attempt.deadline).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} ·{' '}
        {attempt.minutes} min
      </span>
      {!confirming ? (
        <button type="button" class="primary" data-submit-mock onClick={() => setConfirming(true)}>
          Submit
        </button>
      ) : (
        <fieldset class="inline-confirm">
          <legend>Hand in now?</legend>
          <button
            type="button"
            class="primary"
            data-confirm-submit
            disabled={scoring}
            onClick={() => void finish('submitted')}
          >
            {scoring ? 'Scoring…' : 'Yes, submit'}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep working
          </button>
        </fieldset>
      )}
    </div>
  );
}

/** The island. */
export default function MockExam({ data }: { data: MockData }) {
  return (
    <ErrorBoundary label="mock exam">
      <Mock data={data} />
    </ErrorBoundary>
  );
}
