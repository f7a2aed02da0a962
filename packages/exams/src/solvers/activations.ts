/**
 * Elementwise activations as core tensor ops, with their derivative and LaTeX, shared by the
 * network solvers (mlp, rnn-unroll, lstm-cell, activation).
 */
import type { Tensor } from '@i2dl/core';
import type { ActivationName } from './define.js';
import { factor, num } from './format.js';

/** The activation applied to a tensor with core ops, so autograd differentiates it. */
export function applyActivation(x: Tensor, name: ActivationName, slope: number): Tensor {
  switch (name) {
    case 'identity':
      return x;
    case 'relu':
      return x.relu();
    case 'leaky-relu':
      return x.leakyRelu(slope);
    case 'sigmoid':
      return x.sigmoid();
    case 'tanh':
      return x.tanh();
  }
}

/** f'(z) from z and a = f(z), for showing the local derivative in worked steps (ReLU'(0) = 0 as in PyTorch). */
export function activationDerivative(name: ActivationName, z: number, a: number, slope: number): number {
  switch (name) {
    case 'identity':
      return 1;
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'leaky-relu':
      return z > 0 ? 1 : slope;
    case 'sigmoid':
      return a * (1 - a);
    case 'tanh':
      return 1 - a * a;
  }
}

/** `a = f(z)` written out with the number: `\max(0.5 \cdot 2, 2) = 2`. */
export function activationTex(name: ActivationName, zTex: string, z: number, a: number, slope: number): string {
  switch (name) {
    case 'identity':
      return `${zTex} = ${num(a)}`;
    case 'relu':
      return `\\max(0, ${zTex}) = \\max(0, ${num(z)}) = ${num(a)}`;
    case 'leaky-relu':
      return `\\max(${num(slope)} ${zTex}, ${zTex}) = \\max(${num(slope)} \\cdot ${factor(z)}, ${num(z)}) = ${num(a)}`;
    case 'sigmoid':
      return `\\sigma(${zTex}) = \\frac{1}{1 + e^{${num(-z)}}} = ${num(a)}`;
    case 'tanh':
      return `\\tanh(${zTex}) = \\tanh(${num(z)}) = ${num(a)}`;
  }
}

/** The derivative written out: `\sigma'(z) = a(1 - a) = 0.25`. */
export function derivativeTex(name: ActivationName, z: number, a: number, slope: number): string {
  const d = activationDerivative(name, z, a, slope);
  switch (name) {
    case 'identity':
      return '1';
    case 'relu':
    case 'leaky-relu':
      return `${num(d)} \\text{ (since } ${num(z)} ${z > 0 ? '>' : '\\le'} 0)`;
    case 'sigmoid':
      return `\\sigma(z)(1 - \\sigma(z)) = ${factor(a)}(1 - ${factor(a)}) = ${num(d)}`;
    case 'tanh':
      return `1 - \\tanh^2(z) = 1 - ${factor(a)}^2 = ${num(d)}`;
  }
}
