// The live state of every solver scope on a page, shared by the islands of that scope (its
// parameter panel, and each question graded against it). Islands are separate Preact roots but
// import this module once, so one signal per scope is the single source of truth.

import { loadSolver, runSolver, type SolverResult } from '@i2dl/exams';
import { type Signal, signal } from '@preact/signals';
import { readVariant, type UrlVariant, withVariant } from '../../lib/variantUrl';

/** A scope: a problem or question that owns a solver. */
export interface ScopeDefinition {
  scopeId: string;
  solver: string;
  /** The validated default parameters (plain data). */
  defaultParams: unknown;
}

export interface ScopeState {
  /** `default` until the solver has run in the browser; the server HTML shows the default then. */
  status: 'default' | 'loading' | 'ready' | 'error';
  params: unknown;
  seed: number | null;
  result: SolverResult | null;
  /** Why the last change was refused (bad parameters), shown next to the panel. */
  message?: string;
  /** Shown when the URL asked for a variant that could not be used. */
  notice?: string;
}

const scopes = new Map<string, Signal<ScopeState>>();
const definitions = new Map<string, ScopeDefinition>();

/** Listeners that redraw the server-rendered parts of a scope (steps, figures, values). */
type Redraw = (scopeId: string, result: SolverResult) => void;
let redraw: Redraw | null = null;
async function redrawScope(scopeId: string, result: SolverResult) {
  if (!redraw) redraw = (await import('./liveDom')).redrawScope;
  redraw(scopeId, result);
}

function updateUrl(scopeId: string, variant: UrlVariant | null) {
  const search = withVariant(new URLSearchParams(location.search), scopeId, variant);
  const query = search.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** The signal of a scope, created once; the first caller also applies the URL's variant. */
export function useScope(definition: ScopeDefinition): Signal<ScopeState> {
  const initial: ScopeState = { status: 'default', params: definition.defaultParams, seed: null, result: null };
  // On the server this module lives for the whole build, across pages whose scopes share ids:
  // render every island from its own defaults there, and share state only in the browser.
  if (typeof window === 'undefined') return signal(initial);
  const existing = scopes.get(definition.scopeId);
  if (existing) return existing;
  const state = signal<ScopeState>(initial);
  scopes.set(definition.scopeId, state);
  definitions.set(definition.scopeId, definition);
  const asked = readVariant(new URLSearchParams(location.search), definition.scopeId);
  if (asked) void applyUrlVariant(definition, state, asked);
  return state;
}

async function applyUrlVariant(definition: ScopeDefinition, state: Signal<ScopeState>, asked: UrlVariant) {
  const fallback = (why: string) => {
    state.value = {
      ...state.value,
      status: 'default',
      notice: `The link asked for a variant that cannot be shown (${why}); showing the default variant instead.`,
    };
  };
  if ('error' in asked) return fallback(asked.error);
  const outcome =
    'seed' in asked ? await drawVariant(definition, asked.seed) : await solveWith(definition, asked.params, null);
  if (!outcome) return fallback('the solver could not be loaded');
  if (!outcome.ok) return fallback(outcome.message);
  state.value = { status: 'ready', params: outcome.params, seed: outcome.seed, result: outcome.result };
  await redrawScope(definition.scopeId, outcome.result);
}

type Outcome =
  | { ok: true; params: unknown; seed: number | null; result: SolverResult }
  | { ok: false; message: string };

async function solveWith(definition: ScopeDefinition, params: unknown, seed: number | null): Promise<Outcome> {
  const run = await runSolver(definition.solver, params);
  return run.ok ? { ok: true, params: run.params, seed, result: run.result } : { ok: false, message: run.message };
}

async function drawVariant(definition: ScopeDefinition, seed: number): Promise<Outcome | null> {
  try {
    const solver = await loadSolver(definition.solver);
    return await solveWith(definition, solver.generate(seed), seed);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Re-solves the scope with parameters the student typed; bad ones leave the last good variant in place. */
export async function setParams(scopeId: string, params: unknown): Promise<void> {
  const definition = definitions.get(scopeId);
  const state = scopes.get(scopeId);
  if (!definition || !state) return;
  state.value = { ...state.value, status: 'loading' };
  const outcome = await solveWith(definition, params, null);
  if (!outcome.ok) {
    state.value = { ...state.value, status: state.value.result ? 'ready' : 'default', message: outcome.message };
    return;
  }
  state.value = { status: 'ready', params: outcome.params, seed: null, result: outcome.result };
  updateUrl(scopeId, { params: outcome.params });
  await redrawScope(scopeId, outcome.result);
}

/** Draws the seeded variant `seed` (a fresh random one when omitted) and records it in the URL. */
export async function newVariant(scopeId: string, seed = 1 + Math.floor(Math.random() * 99_999)): Promise<void> {
  const definition = definitions.get(scopeId);
  const state = scopes.get(scopeId);
  if (!definition || !state) return;
  state.value = { ...state.value, status: 'loading' };
  const outcome = await drawVariant(definition, seed);
  if (!outcome?.ok) {
    state.value = { ...state.value, status: 'error', message: outcome?.message ?? 'the solver could not be loaded' };
    return;
  }
  state.value = { status: 'ready', params: outcome.params, seed, result: outcome.result };
  updateUrl(scopeId, { seed });
  await redrawScope(scopeId, outcome.result);
}

/** Back to the exam's own numbers. */
export async function resetVariant(scopeId: string): Promise<void> {
  const definition = definitions.get(scopeId);
  if (!definition) return;
  await setParams(scopeId, definition.defaultParams);
  updateUrl(scopeId, null);
}
