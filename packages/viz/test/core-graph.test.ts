import { exportGraph, F, tensor } from '@i2dl/core';
import { expect, test } from 'vitest';
import { boxesOverlap, computationalGraph, layoutGraph, toSvgString } from '../src/index.js';
import { expectValidFigure } from './helpers.js';

// The graph kind takes @i2dl/core's GraphExport as it is (docs/contracts.md): no adapter.
test('draws the computational graph of a real @i2dl/core backward pass', () => {
  const x = tensor([[1, -2]]);
  x.name = 'x';
  const w = tensor([[0.5], [-1]], { requiresGrad: true });
  w.name = 'w';
  const b = tensor([0.1], { requiresGrad: true });
  b.name = 'b';
  const y = tensor([[1]]);
  y.name = 'y';
  const loss = F.mseLoss(x.matmul(w).add(b).sigmoid(), y);
  loss.backward();
  const graph = exportGraph(loss);

  const layout = layoutGraph(graph);
  expect(layout.nodes.map((n) => n.id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  for (const [i, a] of layout.nodes.entries()) {
    for (const c of layout.nodes.slice(i + 1)) expect(boxesOverlap(a.box, c.box)).toBe(false);
  }
  const wNode = layout.nodes.find((n) => graph.nodes.find((g) => g.id === n.id)?.label === 'w')!;
  const grad = (w.grad!.toArray() as number[][]).flat();
  const shown = /^grad \[(.*)\]$/
    .exec(wNode.lines.grad ?? '')![1]
    .split(', ')
    .map((v) => Number(v.replace('−', '-')));
  expect(shown).toHaveLength(grad.length);
  shown.forEach((v, i) => {
    expect(v).toBeCloseTo(grad[i], 2);
  });

  const tree = computationalGraph(graph, { title: 'A sigmoid neuron with MSE loss' });
  expectValidFigure(tree);
  expect(toSvgString(tree)).toContain('mseLoss');
});
