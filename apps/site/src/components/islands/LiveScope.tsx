// The parameter panel of a solver scope: the exam's numbers as editable values, "New variant"
// (seeded, recorded in the URL) and "Exam's numbers". Changing a value re-solves in the
// browser with @i2dl/core; the questions of the scope grade against the new answers.
import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary } from './ErrorBoundary';
import { newVariant, resetVariant, setParams, useScope } from './scopeStore';

interface Props {
  scopeId: string;
  solver: string;
  solverTitle: string;
  defaultParams: Record<string, unknown>;
}

type FieldKind = 'number' | 'boolean' | 'text' | 'json';

function kindOf(value: unknown): FieldKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  return 'json';
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads one field; a message says what was expected when it cannot. */
function readField(kind: FieldKind, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (kind === 'text') return { ok: true, value: text };
  if (kind === 'number') {
    const value = Number(text.trim());
    return text.trim() !== '' && Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, message: `expected a number, got "${text}"` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'expected a list or table like [1, 2, 3] or [[1, 0], [0, 1]]' };
  }
}

function Panel({ scopeId, solver, solverTitle, defaultParams }: Props) {
  const state = useScope({ scopeId, solver, defaultParams });
  const params = (state.value.params ?? {}) as Record<string, unknown>;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  // A new variant replaces what the student was typing.
  useEffect(() => setDrafts({}), [state.value.params]);

  const commit = (name: string, kind: FieldKind, text: string) => {
    const read = readField(kind, text);
    if (!read.ok) {
      setFieldErrors({ ...fieldErrors, [name]: read.message });
      return;
    }
    setFieldErrors({ ...fieldErrors, [name]: '' });
    void setParams(scopeId, { ...params, [name]: read.value });
  };

  const { status, seed, message, notice } = state.value;
  const variantLabel = seed !== null ? `variant ${seed}` : status === 'default' ? "the exam's numbers" : 'your numbers';
  return (
    <fieldset class="live-scope" data-live-scope={scopeId} aria-busy={status === 'loading'}>
      <legend>
        Live: {solverTitle} — {variantLabel}
      </legend>
      {notice && (
        <p class="notice" role="status" data-variant-notice>
          {notice}
        </p>
      )}
      <div class="params">
        {Object.entries(params).map(([name, value]) => {
          const kind = kindOf(value);
          const id = `param-${scopeId}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-');
          if (kind === 'boolean') {
            return (
              <label key={name} for={id}>
                {name}
                <input
                  id={id}
                  type="checkbox"
                  checked={value as boolean}
                  onChange={(e) => void setParams(scopeId, { ...params, [name]: e.currentTarget.checked })}
                />
              </label>
            );
          }
          return (
            <label key={name} for={id}>
              {name}
              <input
                id={id}
                data-param={name}
                class={kind === 'json' ? 'wide' : undefined}
                type="text"
                inputMode={kind === 'number' ? 'decimal' : undefined}
                value={drafts[name] ?? show(value)}
                aria-invalid={fieldErrors[name] ? true : undefined}
                onInput={(e) => setDrafts({ ...drafts, [name]: e.currentTarget.value })}
                onChange={(e) => commit(name, kind, e.currentTarget.value)}
              />
              {fieldErrors[name] && <span class="field-message">{fieldErrors[name]}</span>}
            </label>
          );
        })}
      </div>
      {message && (
        <p class="field-message" role="alert" data-scope-message>
          {message}
        </p>
      )}
      <div class="actions">
        <button type="button" data-new-variant onClick={() => void newVariant(scopeId)}>
          New variant
        </button>
        <button type="button" data-reset-variant onClick={() => void resetVariant(scopeId)}>
          Exam's numbers
        </button>
        <span class="meta" aria-live="polite">
          {status === 'loading' ? 'Solving…' : ''}
        </span>
      </div>
    </fieldset>
  );
}

/** The island: the panel behind its own error boundary. */
export default function LiveScope(props: Props) {
  return (
    <ErrorBoundary label="parameter panel">
      <Panel {...props} />
    </ErrorBoundary>
  );
}
