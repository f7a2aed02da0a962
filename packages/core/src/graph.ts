// Plain-data export of an autograd graph, for drawing a backprop question's computational graph.
import { topoOrder } from './autograd.js';
import type { Tensor } from './tensor.js';

/** The autograd graph of a result, plain data (JSON-safe), ordered inputs-first. */
export interface GraphExport {
  nodes: GraphNode[];
  /** id of the node the graph was exported from */
  output: string;
}

/** One tensor of an exported graph. */
export interface GraphNode {
  /** Stable within one export: 'n0', 'n1', ... */
  id: string;
  /** 'leaf' for inputs/parameters, else the primitive or composed op name ('matmul', 'add', 'softmax', ...). */
  op: string;
  /** The tensor's `name`, else null. */
  label: string | null;
  /** ids of the nodes this one was computed from. */
  inputs: string[];
  shape: number[];
  /** Flattened, row-major. */
  value: number[];
  /** Flattened gradient after backward(), null where none was kept. */
  grad: number[] | null;
}

function inputsOf(t: Tensor): Tensor[] {
  if (t.composite) return t.composite.inputs;
  return t.gradFn ? t.gradFn.inputs : [];
}

/**
 * Exports the graph that produced `result`: every tensor it was computed from, inputs first.
 * Composed ops (softmax, mseLoss, leakyRelu, ...) appear as one node with their own name.
 * Constants (tensors that need no gradient and have no history) appear as leaves too.
 *
 * @example
 * const loss = F.mseLoss(x.matmul(w), y);
 * loss.backward();
 * exportGraph(loss).nodes.map((n) => n.op); // ['leaf', 'leaf', 'matmul', 'leaf', 'mseLoss']
 */
export function exportGraph(result: Tensor): GraphExport {
  const order = topoOrder(result, inputsOf);
  const ids = new Map<Tensor, string>();
  order.forEach((t, i) => {
    ids.set(t, `n${i}`);
  });
  const nodes = order.map((t): GraphNode => {
    const composite = t.composite;
    const op = composite ? composite.op : t.gradFn ? t.gradFn.op : 'leaf';
    return {
      id: ids.get(t) as string,
      op,
      label: t.name,
      inputs: inputsOf(t).map((i) => ids.get(i) as string),
      shape: [...t.shape],
      value: t.toFlatArray(),
      grad: t.grad ? t.grad.toFlatArray() : null,
    };
  });
  return { nodes, output: ids.get(result) as string };
}
