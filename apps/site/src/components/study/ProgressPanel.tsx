// The progress panel of the practice page: the notice about repaired data, the charts, and
// export, import and reset.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  exportProgress,
  importProgress,
  progress,
  progressNotice,
  resetProgress,
  startProgress,
} from '../../lib/progress/store';
import ProgressCharts, { type ProgressGroups } from './ProgressCharts';

/** The notice about saved data that had to be repaired or reset (shown wherever progress is). */
export function ProgressNotice() {
  if (!progressNotice.value) return null;
  return (
    <div class="notice" role="alert" data-progress-notice>
      {progressNotice.value}{' '}
      <button type="button" onClick={() => (progressNotice.value = null)}>
        Dismiss
      </button>
    </div>
  );
}

export default function ProgressPanel({ groups }: { groups: ProgressGroups }) {
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => startProgress(), []);
  const questions = Object.keys(progress.value.questions).length;

  const download = () => {
    const blob = new Blob([exportProgress()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `i2dl-progress-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const upload = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    if (!chosen) return;
    const outcome = importProgress(await chosen.text());
    input.value = '';
    setMessage(
      outcome.ok
        ? { ok: true, text: `Imported ${outcome.questions} questions' progress, merged with what was here.` }
        : { ok: false, text: outcome.message },
    );
  };

  return (
    <section class="progress-panel" aria-labelledby="progress-heading" data-progress-panel>
      <h2 id="progress-heading">Your progress</h2>
      <ProgressNotice />
      <p class="meta" data-progress-count={questions}>
        Saved in this browser only: {questions} {questions === 1 ? 'question' : 'questions'} answered
        {progress.value.mocks.length > 0 ? `, ${progress.value.mocks.length} mock exams` : ''}.
      </p>
      <ProgressCharts progress={progress.value} groups={groups} />
      <div class="actions">
        <button type="button" data-export-progress onClick={download}>
          Export progress
        </button>
        <label class="button-like">
          Import progress
          <input
            ref={file}
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            data-import-progress
            onChange={(e) => void upload(e.currentTarget)}
          />
        </label>
        {!confirming ? (
          <button type="button" data-reset-progress onClick={() => setConfirming(true)}>
            Reset progress…
          </button>
        ) : (
          <fieldset class="inline-confirm">
            <legend>Forget every saved answer and review?</legend>
            <button
              type="button"
              class="danger"
              data-confirm-reset
              onClick={() => {
                resetProgress();
                setConfirming(false);
                setMessage({ ok: true, text: 'Your progress was reset.' });
              }}
            >
              Yes, reset
            </button>{' '}
            <button type="button" data-cancel-reset onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </fieldset>
        )}
      </div>
      {message && (
        <p class={message.ok ? 'notice' : 'field-message'} role={message.ok ? 'status' : 'alert'} data-import-message>
          {message.text}
        </p>
      )}
    </section>
  );
}
