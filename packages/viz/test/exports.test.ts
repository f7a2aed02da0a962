import { expect, test } from 'vitest';
import * as pkg from '../src/index.js';

test('the package entry point exports its version', () => {
  expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
});

test('one renderer per kind, named as in the docs, and the contract kinds plus small multiples', () => {
  for (const name of [
    'lineChart',
    'functionPlot',
    'scatterChart',
    'histogram',
    'smallMultiples',
    'heatmap',
    'contourChart',
    'networkDiagram',
    'computationalGraph',
    'receptiveFieldDiagram',
    'barChart',
    'renderChart',
    'toSvgString',
  ]) {
    expect(typeof (pkg as Record<string, unknown>)[name], name).toBe('function');
  }
  expect([...pkg.chartKinds].sort()).toEqual(
    [
      'line',
      'function',
      'scatter',
      'histogram',
      'small-multiples',
      'heatmap',
      'contour',
      'network',
      'graph',
      'receptive-field',
      'bar',
    ].sort(),
  );
  expect(new pkg.ChartError('line', 'data', 'is bad')).toBeInstanceOf(Error);
});
