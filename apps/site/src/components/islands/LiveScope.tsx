// The parameter panel of a solver scope: the exam's numbers as editable values, "New variant"
// (seeded, recorded in the URL) and "Exam's numbers". Changing a value re-solves in the
// browser with @i2dl/core; the questions of the scope grade against the new answers.
import { useEffect, useState } from 'preact/hooks';
import type { ParamField } from '../../lib/content';
import { ErrorBoundary } from './ErrorBoundary';
import { hasNumbers, ParamTree, setAt } from './ParamTree';
import { newVariant, resetVariant, setParams, useScope } from './scopeStore';

interface Props {
  scopeId: string;
  solver: string;
  solverTitle: string;
  defaultParams: Record<string, unknown>;
  /** The solver's parameters from its schema (choices, hints, optional ones); see lib/content.ts. */
  fields?: ParamField[];
  /** Shown under the panel, e.g. when a variant changes only the worked solution. */
  note?: string;
}

type FieldKind = 'number' | 'boolean' | 'text' | 'json';

function fieldsOf(fields: ParamField[] | undefined, params: Record<string, unknown>): ParamField[] {
  if (fields && fields.length > 0) return fields;
  return Object.entries(params).map(([name, value]) => ({ name, type: kindOf(value), optional: false }));
}

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

function Panel({ scopeId, solver, solverTitle, defaultParams, fields, note }: Props) {
  const state = useScope({ scopeId, solver, defaultParams });
  const params = (state.value.params ?? {}) as Record<string, unknown>;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  // A new variant replaces what the student was typing.
  useEffect(() => setDrafts({}), [state.value.params]);

  const commit = (name: string, kind: FieldKind, text: string, optional = false) => {
    if (optional && text.trim() === '') {
      // Left empty: the solver's own default applies.
      const { [name]: _dropped, ...rest } = params;
      setFieldErrors({ ...fieldErrors, [name]: '' });
      void setParams(scopeId, rest);
      return;
    }
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
        {fieldsOf(fields, params).map(({ name, type, description, options, optional }) => {
          const value = params[name];
          const id = `param-${scopeId}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-');
          const hint = description ? <span class="visually-hidden">: {description}</span> : null;
          if (type === 'boolean') {
            return (
              <label key={name} for={id} title={description}>
                {name}
                {hint}
                <input
                  id={id}
                  data-param={name}
                  type="checkbox"
                  checked={value === true}
                  onChange={(e) => void setParams(scopeId, { ...params, [name]: e.currentTarget.checked })}
                />
              </label>
            );
          }
          if (type === 'enum' && options) {
            return (
              <label key={name} for={id} title={description}>
                {name}
                {hint}
                <select
                  id={id}
                  data-param={name}
                  value={value === undefined ? '' : String(value)}
                  onChange={(e) => commit(name, 'text', e.currentTarget.value, optional)}
                >
                  {(value === undefined || optional) && <option value="">(default)</option>}
                  {options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              </label>
            );
          }
          const kind: FieldKind = type === 'enum' ? 'text' : type;
          const textField = (
            <label key={name} for={id} title={description}>
              {name}
              {hint}
              <input
                id={id}
                data-param={name}
                class={kind === 'json' ? 'wide' : undefined}
                type="text"
                inputMode={kind === 'number' ? 'decimal' : undefined}
                placeholder={optional && value === undefined ? '(default)' : undefined}
                value={drafts[name] ?? (value === undefined ? '' : show(value))}
                aria-invalid={fieldErrors[name] ? true : undefined}
                onInput={(e) => setDrafts({ ...drafts, [name]: e.currentTarget.value })}
                onChange={(e) => commit(name, kind, e.currentTarget.value, optional)}
              />
              {fieldErrors[name] && <span class="field-message">{fieldErrors[name]}</span>}
            </label>
          );
          // Tables of numbers (weights, inputs, kernels) get a cell per number; the text box
          // stays one click away for changing their structure.
          if (kind !== 'json' || !hasNumbers(value)) return textField;
          return (
            <div key={name} class="param-tree" title={description}>
              <ParamTree
                label={name}
                value={value}
                path={[]}
                idPrefix={id}
                onChange={(path, next) => void setParams(scopeId, { ...params, [name]: setAt(value, path, next) })}
              />
              <details class="param-text">
                <summary>Edit {name} as text</summary>
                {textField}
              </details>
            </div>
          );
        })}
      </div>
      {message && (
        <p class="field-message" role="alert" data-scope-message>
          {message}
        </p>
      )}
      {note && <p class="meta">{note}</p>}
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
