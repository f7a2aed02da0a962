import { ChartError } from './errors.js';
import type { ChartOptions } from './frame.js';

/** Checks the options every chart shares and returns the viewBox size to draw in. */
export function checkOptions(
  kind: string,
  options: ChartOptions | undefined,
  defaults: { width: number; height: number },
): { width: number; height: number } {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new ChartError(kind, 'options', 'is missing: pass at least { title } (it becomes the SVG <title>)');
  }
  if (typeof options.title !== 'string' || options.title.trim() === '') {
    throw new ChartError(kind, 'options.title', 'must be a non-empty string (it becomes the SVG <title>)');
  }
  if (options.description !== undefined && typeof options.description !== 'string') {
    throw new ChartError(kind, 'options.description', 'must be a string');
  }
  return {
    width: checkDimension(kind, 'options.width', options.width, defaults.width),
    height: checkDimension(kind, 'options.height', options.height, defaults.height),
  };
}

function checkDimension(kind: string, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 120 || value > 4000) {
    throw new ChartError(kind, field, `must be a number between 120 and 4000 (viewBox units), got ${String(value)}`);
  }
  return value;
}

/** The value as an array, or a ChartError naming the field. */
export function requireArray<T = unknown>(kind: string, field: string, value: unknown): T[] {
  if (!Array.isArray(value)) throw new ChartError(kind, field, `must be an array, got ${describe(value)}`);
  return value as T[];
}

/** The value as a plain object, or a ChartError naming the field. */
export function requireObject(kind: string, field: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChartError(kind, field, `must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The value as a finite number (not NaN, not ±Infinity), or a ChartError naming the field. */
export function requireFinite(kind: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ChartError(kind, field, `must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** The value as an integer in [min, max], or a ChartError naming the field. */
export function requireInteger(kind: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ChartError(kind, field, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** The value as a string, or a ChartError naming the field. */
export function requireString(kind: string, field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ChartError(kind, field, `must be a string, got ${describe(value)}`);
  return value;
}

/** A short, safe rendering of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/** An optional `[min, max]` range option: two finite numbers with min < max. */
export function checkRange(kind: string, field: string, value: unknown): [number, number] | undefined {
  if (value === undefined) return undefined;
  const pair = requireArray(kind, field, value);
  if (pair.length !== 2) throw new ChartError(kind, field, `must be [min, max], got ${pair.length} values`);
  const lo = requireFinite(kind, `${field}[0]`, pair[0]);
  const hi = requireFinite(kind, `${field}[1]`, pair[1]);
  if (!(lo < hi)) throw new ChartError(kind, field, `must be [min, max] with min < max, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** An optional option with a fixed set of values: the value, or a ChartError listing the choices. */
export function checkChoice<T extends string>(
  kind: string,
  field: string,
  value: unknown,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) {
    throw new ChartError(kind, field, `must be ${choices.map((c) => `"${c}"`).join(' or ')}, got ${describe(value)}`);
  }
  return value as T;
}
