// Editable grids for the numbers inside a structured solver parameter (weight tables, inputs,
// kernels), so a student changes one weight in a cell instead of editing JSON. Structure
// (adding a layer, resizing a table) stays with the panel's text box.
import { useState } from 'preact/hooks';

type Path = (string | number)[];

const isNumberRow = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'number');

const isNumberMatrix = (value: unknown): value is number[][] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every(isNumberRow) &&
  value.every((row) => row.length === (value[0] as number[]).length);

/** A copy of `root` with the value at `path` replaced. */
export function setAt(root: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = setAt(root[head as number], rest, next);
    return copy;
  }
  const record = (root ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setAt(record[head as string], rest, next) };
}

/** Whether a structured value holds numbers worth cells (otherwise the text box is enough). */
export function hasNumbers(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(hasNumbers);
  if (value && typeof value === 'object') return Object.values(value).some(hasNumbers);
  return false;
}

const cellId = (prefix: string, path: Path) => `${prefix}-${path.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '-');

function NumberCell(props: { id: string; label: string; value: number; onCommit: (value: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  return (
    <>
      <input
        id={props.id}
        class="cell"
        type="text"
        inputMode="decimal"
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        data-param-cell={props.label}
        value={draft ?? String(props.value)}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => {
          const text = e.currentTarget.value.trim().replace('−', '-');
          const value = Number(text);
          if (text === '' || !Number.isFinite(value)) {
            setError(/^-?\d+,\d+$/.test(text) ? 'use a dot: 1.5, not 1,5' : 'expected a number');
            return;
          }
          setError('');
          setDraft(null);
          props.onCommit(value);
        }}
      />
      {error && <span class="field-message">{error}</span>}
    </>
  );
}

interface TreeProps {
  label: string;
  value: unknown;
  path: Path;
  idPrefix: string;
  onChange: (path: Path, next: number) => void;
}

/** One level of the parameter: a number, a row or table of numbers, or a group of those. */
export function ParamTree({ label, value, path, idPrefix, onChange }: TreeProps) {
  const cell = (at: Path, cellLabel: string, v: number) => (
    <NumberCell id={cellId(idPrefix, at)} label={cellLabel} value={v} onCommit={(next) => onChange(at, next)} />
  );
  if (typeof value === 'number') {
    return (
      <span class="param-leaf">
        <span class="param-leaf-name">{label}</span>
        {cell(path, label, value)}
      </span>
    );
  }
  if (isNumberRow(value) || isNumberMatrix(value)) {
    const rows = isNumberMatrix(value) ? value : [value];
    const matrix = isNumberMatrix(value);
    return (
      <table class="param-grid">
        <caption>{label}</caption>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j}>
                  {cell(matrix ? [...path, i, j] : [...path, j], matrix ? `${label}[${i}][${j}]` : `${label}[${j}]`, v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (Array.isArray(value)) {
    return (
      <div class="param-group">
        {value.map((item, i) =>
          hasNumbers(item) ? (
            <ParamTree
              key={i}
              label={`${label}[${i}]`}
              value={item}
              path={[...path, i]}
              idPrefix={idPrefix}
              onChange={onChange}
            />
          ) : null,
        )}
      </div>
    );
  }
  if (value && typeof value === 'object') {
    return (
      <div class="param-group">
        {Object.entries(value).map(([key, item]) =>
          hasNumbers(item) ? (
            <ParamTree
              key={key}
              label={`${label}.${key}`}
              value={item}
              path={[...path, key]}
              idPrefix={idPrefix}
              onChange={onChange}
            />
          ) : null,
        )}
      </div>
    );
  }
  return null;
}
