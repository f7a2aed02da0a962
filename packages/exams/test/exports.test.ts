import { expect, test } from 'vitest';
import * as pkg from '../src/index.js';

test('the package entry point exports its version', () => {
  expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
});
