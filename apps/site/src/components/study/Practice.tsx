// The practice page: choose topics (and optionally exams and question kinds), then answer a
// stream of questions picked by the FSRS rule in lib/study/scheduler.ts. Each question is the
// site's own question island (same inputs, grader and feedback as the exam pages); solver-backed
// questions come as fresh seeded variants through the site's live scope store.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { installGradedRecorder } from '../../lib/progress/listen';
import { progress, refreshProgress, startProgress } from '../../lib/progress/store';
import { renderMarkdown } from '../../lib/richText';
import type { PracticeIndex, PracticeQuestion } from '../../lib/study/practiceIndex';
import { questionBodyHtml, solutionHtml } from '../../lib/study/questionHtml';
import { dueIn, type PickReason, pickNext } from '../../lib/study/scheduler';
import { freshSeed, loadSession, type PracticeSession, saveSession } from '../../lib/study/session';
import { ErrorBoundary } from '../islands/ErrorBoundary';
import LiveScope from '../islands/LiveScope';
import QuestionIsland from '../islands/QuestionIsland';
import { newVariant, useScope } from '../islands/scopeStore';
import type { ProgressGroups } from './ProgressCharts';
import ProgressPanel from './ProgressPanel';

interface Props {
  /** URL of practice/index.json under the base path */
  indexUrl: string;
  groups: ProgressGroups;
}

const REASON: Record<PickReason, string> = {
  due: 'due for review',
  new: 'not answered yet',
  ahead: 'nothing is due: studying ahead',
};

/** Loads every solver, grading module and font the chosen questions use, so the session keeps working offline. */
async function preload(questions: PracticeQuestion[]) {
  const [{ loadSolver }] = await Promise.all([
    import('../islands/gradingCore'),
    import('../islands/liveDom'),
    import('../../lib/richText'),
    import('../../lib/exprTex'),
  ]);
  // KaTeX's fonts load when a symbol first needs them: fetch them all now, while online.
  for (const face of document.fonts)
    if (face.family.replace(/"/g, '').startsWith('KaTeX')) void face.load().catch(() => {});
  const solvers = [...new Set(questions.flatMap((q) => (q.scope ? [q.scope.solver] : [])))];
  await Promise.allSettled(solvers.map((name) => loadSolver(name)));
}

/** A topic page links here with ?topic=<id>: that topic starts ticked. */
const linkedTopic = () => {
  const topic = new URLSearchParams(location.search).get('topic');
  return topic ? [topic] : [];
};

/** Removes the scope store's variant entries from the URL (a practice URL stays plain). */
function dropUrlVariants() {
  const url = new URL(location.href);
  if (!url.searchParams.has('variant') && !url.searchParams.has('params')) return;
  url.searchParams.delete('variant');
  url.searchParams.delete('params');
  history.replaceState(history.state, '', url);
}

const scopeIdOf = (q: PracticeQuestion, seed: number) => `practice-${q.key.replace(/[^A-Za-z0-9_-]+/g, '-')}-${seed}`;

function Card({
  item,
  problem,
  seed,
  reason,
}: {
  item: PracticeQuestion;
  problem: PracticeIndex['problems'][string] | undefined;
  seed: number;
  reason: PickReason;
}) {
  const scopeId = scopeIdOf(item, seed);
  const [state, setState] = useState<'drawing' | 'ready' | 'error'>(item.scope ? 'drawing' : 'ready');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!item.scope) return;
    // The session, not the URL, says which variant is shown: a variant left in the URL (by the
    // panel's "New variant") must not race the session's seed.
    dropUrlVariants();
    const scope = useScope({ scopeId, solver: item.scope.solver, defaultParams: item.scope.defaultParams });
    void newVariant(scopeId, seed).then(() => {
      dropUrlVariants();
      if (scope.value.status === 'ready') setState('ready');
      else {
        setError(scope.value.message ?? 'the variant could not be drawn');
        setState('error');
      }
    });
  }, [scopeId]);
  const anchor = 'practice-q';
  const fill = (html: string) => html.replace(/__QID__/g, anchor).replace(/__SCOPE__/g, scopeId);
  const html = useMemo(
    () => ({
      problem: problem?.text ? renderMarkdown(problem.text) : '',
      figures: fill((problem?.figures ?? '') + item.figures),
      body: fill(questionBodyHtml(item.question)),
      solution: fill(solutionHtml(item.question, item.scope !== null)),
    }),
    [item.key, scopeId],
  );
  const entry = progress.value.questions[item.key];
  return (
    <div data-exam-id={item.examId} class="practice-card">
      <p class="meta" data-pick-reason={reason}>
        {item.examTitle} · question {item.questionId} · {item.credits} {item.credits === 1 ? 'credit' : 'credits'} ·{' '}
        {REASON[reason]}
        {entry
          ? ` · ${entry.attempts} ${entry.attempts === 1 ? 'attempt' : 'attempts'}, best ${entry.bestCredits}/${entry.maxCredits}`
          : ''}
      </p>
      <section
        class="question"
        id={anchor}
        data-question-id={item.questionId}
        data-kind={item.kind}
        data-practice-key={item.key}
      >
        <header>
          <h2 id={`${anchor}-title`}>
            Question {item.questionId}
            {item.scope && <span data-variant-seed={seed}> — variant {seed}</span>}
          </h2>
          <ul class="tags" aria-label="Topics">
            {item.topics.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </header>
        {html.problem && <div class="practice-problem" dangerouslySetInnerHTML={{ __html: html.problem }} />}
        {html.figures && <div class="practice-figures" dangerouslySetInnerHTML={{ __html: html.figures }} />}
        {item.scope && (
          <p class="notice">
            A fresh variant: the numbers below replace the exam's numbers in the text. Answer for these numbers.
          </p>
        )}
        {item.scope && state === 'ready' && (
          <LiveScope
            scopeId={scopeId}
            solver={item.scope.solver}
            solverTitle={item.scope.title}
            defaultParams={item.scope.defaultParams as Record<string, unknown>}
          />
        )}
        {state === 'drawing' && <p aria-live="polite">Drawing a fresh variant…</p>}
        {state === 'error' && (
          <div class="error-box" role="alert">
            This variant could not be drawn: {error}. Take the next question.
          </div>
        )}
        <div class="question-body" dangerouslySetInnerHTML={{ __html: html.body }} />
        {state === 'ready' && (
          <QuestionIsland
            question={item.question}
            scoring={item.scoring}
            scope={item.scope ? { scopeId, solver: item.scope.solver, defaultParams: item.scope.defaultParams } : null}
            defaultAnswers={null}
            anchor={anchor}
            earlier={{}}
          />
        )}
        <div dangerouslySetInnerHTML={{ __html: html.solution }} />
        <p class="meta">
          <a href={item.href}>Open this question in the exam</a>
        </p>
      </section>
    </div>
  );
}

function Filters({
  index,
  initial,
  onStart,
}: {
  index: PracticeIndex;
  initial: PracticeSession | null;
  onStart: (topics: string[], exams: string[], kinds: string[]) => void;
}) {
  const [message, setMessage] = useState('');
  const group = (
    name: string,
    legend: string,
    list: { id: string; title?: string; questions: number }[],
    chosen: string[],
  ) => (
    <fieldset class="practice-filter" data-filter={name}>
      <legend>{legend}</legend>
      {list.map((entry) => (
        <label key={entry.id} class="option">
          <input type="checkbox" name={name} value={entry.id} defaultChecked={chosen.includes(entry.id)} />{' '}
          {entry.title ?? entry.id} <span class="meta">({entry.questions})</span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <form
      class="practice-filters"
      data-practice-filters
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const topics = form.getAll('topic').map(String);
        if (topics.length === 0) {
          setMessage('Choose at least one topic.');
          return;
        }
        setMessage('');
        onStart(topics, form.getAll('exam').map(String), form.getAll('kind').map(String));
      }}
    >
      {group('topic', 'Topics', index.topics, initial?.topics ?? linkedTopic())}
      <details>
        <summary>Narrow down by exam or question kind (optional)</summary>
        {group('exam', 'Exams (none ticked: all)', index.exams, initial?.exams ?? [])}
        {group('kind', 'Question kinds (none ticked: all)', index.kinds, initial?.kinds ?? [])}
      </details>
      <p class="field-message" role="alert">
        {message}
      </p>
      <button type="submit" class="primary" data-start-practice>
        Start practice
      </button>
    </form>
  );
}

function Session({ indexUrl, groups }: Props) {
  const [index, setIndex] = useState<PracticeIndex | null>(null);
  const [loadError, setLoadError] = useState('');
  const [session, setSession] = useState<PracticeSession | null>(null);
  const [picked, setPicked] = useState<{ reason: PickReason } | null>(null);

  useEffect(() => {
    startProgress();
    installGradedRecorder();
    setSession(loadSession());
    fetch(indexUrl)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        return response.json() as Promise<PracticeIndex>;
      })
      .then(setIndex)
      .catch((error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)));
  }, []);

  const pool = useMemo(() => {
    if (!index || !session) return [];
    return index.questions.filter(
      (q) =>
        q.topics.some((t) => session.topics.includes(t)) &&
        (session.exams.length === 0 || session.exams.includes(q.examId)) &&
        (session.kinds.length === 0 || session.kinds.includes(q.kind)),
    );
  }, [index, session?.topics, session?.exams, session?.kinds]);

  useEffect(() => {
    if (pool.length > 0) void preload(pool);
  }, [pool]);

  const update = (next: PracticeSession | null) => {
    saveSession(next);
    setSession(next);
  };

  const next = (base: PracticeSession) => {
    const choice = pickNext(
      pool.map((q) => q.key),
      refreshProgress().questions,
      Date.now(),
      { last: base.current?.key ?? base.last, seed: base.shuffle },
    );
    setPicked(choice ? { reason: choice.reason } : null);
    update({
      ...base,
      last: base.current?.key ?? base.last,
      current: choice ? { key: choice.key, seed: freshSeed(), shownAt: Date.now() } : null,
    });
  };

  // The first question of a started (or resumed) session.
  useEffect(() => {
    if (!index || !session || pool.length === 0) return;
    const current = session.current && pool.find((q) => q.key === session.current?.key);
    if (!current) next(session);
    else if (!picked) {
      const card = progress.value.questions[current.key]?.card;
      setPicked({ reason: card ? (card.due <= Date.now() ? 'due' : 'ahead') : 'new' });
    }
  }, [index, pool]);

  if (loadError) {
    return (
      <div class="error-box" role="alert">
        The practice questions could not be loaded ({loadError}). Reload the page to try again.
      </div>
    );
  }
  if (!index) return <p aria-live="polite">Loading the practice questions…</p>;

  const current = session?.current ? index.questions.find((q) => q.key === session.current?.key) : undefined;
  const entry = current ? progress.value.questions[current.key] : undefined;
  const answered = current && session?.current && entry && entry.lastSeen >= session.current.shownAt ? entry : null;

  return (
    <div class="practice" data-practice>
      {!session || pool.length === 0 ? (
        <>
          {session && pool.length === 0 && (
            <p class="notice" role="status">
              No questions match this choice; choose more topics or fewer filters.
            </p>
          )}
          <Filters
            index={index}
            initial={session}
            onStart={(topics, exams, kinds) =>
              setSession({ version: 1, topics, exams, kinds, shuffle: freshSeed(), current: null, last: null })
            }
          />
        </>
      ) : (
        <>
          <div class="practice-bar">
            <p class="meta" data-practice-pool={pool.length}>
              {pool.length} questions in {session.topics.join(', ')}.{' '}
              <button type="button" data-change-topics onClick={() => update(null)}>
                Change topics
              </button>
            </p>
          </div>
          {current && session.current && picked ? (
            <ErrorBoundary label="practice question">
              <Card
                key={`${current.key}-${session.current.seed}`}
                item={current}
                problem={index.problems[current.problemKey]}
                seed={session.current.seed}
                reason={picked.reason}
              />
            </ErrorBoundary>
          ) : (
            <p>Choosing a question…</p>
          )}
          <div class="practice-next" aria-live="polite">
            {answered?.card && (
              <p data-scheduled={answered.card.due}>
                Saved. By the FSRS schedule this question comes back {dueIn(answered.card.due, Date.now())}
                {current?.scope ? ', with new numbers' : ''}.
              </p>
            )}
            <button
              type="button"
              class={answered ? 'primary' : undefined}
              data-next-question
              onClick={() => next(session)}
            >
              {answered ? 'Next question' : 'Skip to the next question'}
            </button>
          </div>
        </>
      )}
      <ProgressPanel groups={groups} />
    </div>
  );
}

/** The island. */
export default function Practice(props: Props) {
  return (
    <ErrorBoundary label="practice session">
      <Session {...props} />
    </ErrorBoundary>
  );
}
