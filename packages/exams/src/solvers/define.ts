/** Shared building blocks of solver definitions: the identity `defineSolver` and common zod pieces. */
import { z } from 'zod';
import type { SolverDefinition } from './types.js';

/** Declares a solver with its parameter type inferred from the schema. */
export function defineSolver<P>(definition: SolverDefinition<P>): SolverDefinition<P> {
  return definition;
}

/** A finite number in a range a hand calculation can live with. */
export const real = (description: string, limit = 1e6) => z.number().min(-limit).max(limit).describe(description);

/** A vector of finite numbers. */
export const vector = (description: string, maxLength = 64) =>
  z.array(z.number().min(-1e6).max(1e6)).min(1).max(maxLength).describe(description);

/** A non-empty rectangular matrix of finite numbers (rows of equal length). */
export const matrix = (description: string, maxSize = 64) =>
  z
    .array(z.array(z.number().min(-1e6).max(1e6)).min(1).max(maxSize))
    .min(1)
    .max(maxSize)
    .refine((rows) => rows.every((row) => row.length === rows[0].length), {
      message: 'all rows must have the same length',
    })
    .describe(description);

/** Elementwise activations every solver understands. */
export const activationName = z
  .enum(['identity', 'relu', 'leaky-relu', 'sigmoid', 'tanh'])
  .describe('activation: identity, relu, leaky-relu (with slope), sigmoid or tanh');
export type ActivationName = z.infer<typeof activationName>;
