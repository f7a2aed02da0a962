import type { SvgTree } from '../src/index.js';

/** Every element of the tree (depth first, the root included) that matches. */
export function findAll(tree: SvgTree, match: (node: SvgTree) => boolean): SvgTree[] {
  const found: SvgTree[] = [];
  const visit = (node: SvgTree) => {
    if (match(node)) found.push(node);
    for (const child of node.children) if (typeof child !== 'string') visit(child);
  };
  visit(tree);
  return found;
}

/** Elements whose class list contains `name`. */
export function byClass(tree: SvgTree, name: string): SvgTree[] {
  return findAll(tree, (n) =>
    String(n.props.class ?? '')
      .split(' ')
      .includes(name),
  );
}

/** The text content of an element. */
export function text(node: SvgTree): string {
  return node.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');
}

/** The translation of a `translate(x,y)` transform. */
export function translation(node: SvgTree): [number, number] {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(String(node.props.transform));
  if (!m) throw new Error(`no translate() in ${String(node.props.transform)}`);
  return [Number(m[1]), Number(m[2])];
}

/** All numbers of the coordinates in a path's `d`, as [x, y] pairs. */
export function pathPoints(d: string): [number, number][] {
  const numbers = (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
  return points;
}

/** Tick labels of one axis of a Cartesian chart. */
export function tickLabels(tree: SvgTree, axis: 'x' | 'y'): string[] {
  const [group] = byClass(tree, `viz-axis-${axis}`);
  return byClass(group, 'viz-tick').map((t) => text(t));
}

/** The plot area as drawn by the axis lines. */
export function plotArea(tree: SvgTree): { left: number; right: number; top: number; bottom: number } {
  const [xAxis] = byClass(tree, 'viz-axis-x');
  const [yAxis] = byClass(tree, 'viz-axis-y');
  const xLine = xAxis.children.find((c) => typeof c !== 'string' && c.type === 'line') as SvgTree;
  const yLine = yAxis.children.find((c) => typeof c !== 'string' && c.type === 'line') as SvgTree;
  return {
    left: Number(xLine.props.x1),
    right: Number(xLine.props.x2),
    top: Number(yLine.props.y1),
    bottom: Number(yLine.props.y2),
  };
}

/**
 * Checks what every figure must satisfy whatever its data: an accessible root and no NaN or
 * Infinity in any attribute (which would make the SVG invalid or silently wrong).
 */
export function expectValidFigure(tree: SvgTree): void {
  if (tree.type !== 'svg') throw new Error(`root is <${tree.type}>, not <svg>`);
  const [first, second] = tree.children as SvgTree[];
  if (first?.type !== 'title' || second?.type !== 'desc') throw new Error('title and desc must be the first children');
  if (tree.props.role !== 'img') throw new Error('role="img" missing');
  findAll(tree, () => true).forEach((node) => {
    for (const [key, value] of Object.entries(node.props)) {
      if (typeof value === 'number' ? !Number.isFinite(value) : /NaN|Infinity|undefined/.test(value)) {
        throw new Error(`<${node.type} ${key}="${value}">`);
      }
    }
  });
}
