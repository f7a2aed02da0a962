import { describe, expect, test } from 'vitest';
import { renderChart, toSvgString } from '../src/index.js';
import { exampleSpecs } from './fixtures.js';

// One figure of each kind as a file snapshot: open test/__snapshots__/<kind>.svg to see it.
describe('snapshots', () => {
  for (const spec of exampleSpecs()) {
    test(spec.kind, async () => {
      await expect(`${toSvgString(renderChart(spec))}\n`).toMatchFileSnapshot(`__snapshots__/${spec.kind}.svg`);
    });
  }
});
