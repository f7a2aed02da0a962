import { z } from 'zod';
import type { SolverRegistry, RegistrySolver as ValidatorSolver } from '../src/solver-registry.js';

const convParams = z.object({
  size: z.number().int().positive(),
  kernel: z.number().int().positive(),
  stride: z.number().int().positive(),
  padding: z.number().int().nonnegative(),
});
type ConvParams = z.infer<typeof convParams>;

/** A tiny stand-in for a real solver: conv output size, computed, never typed. */
export const fakeConvSolver: ValidatorSolver = {
  params: convParams,
  defaults: { size: 32, kernel: 3, stride: 1, padding: 1 },
  solve(raw) {
    const p = raw as ConvParams;
    const out = (p.size + 2 * p.padding - p.kernel) / p.stride + 1;
    return {
      answers: {
        size: out,
        sizeNoPadding: (p.size - p.kernel) / p.stride + 1,
        shape: [out, out, 8],
        formula: 'sqrt(3/n)',
        weights: [
          [1, 2],
          [3, 4],
        ],
        label: 'not a number',
      },
      steps: [{ title: 'forward' }],
      charts: { curve: { kind: 'line', data: [], options: { title: 'A curve' } } },
    };
  },
};

/** A registry with one solver, injected into the validator in tests. */
export const fakeRegistry: SolverRegistry = {
  solverNames: ['conv-output'],
  async loadSolver(name) {
    if (name !== 'conv-output') throw new Error(`unknown solver ${name}`);
    return fakeConvSolver;
  },
};
