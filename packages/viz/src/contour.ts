import { contours } from 'd3-contour';
import type { NumericScale } from './cartesian.js';
import { pathFromPoints } from './svg.js';

/** A grid of samples at the cell centres of `[x0, x1] × [y0, y1]`; row j is the j-th y from the bottom. */
export interface SampledGrid {
  nx: number;
  ny: number;
  /** Row-major: `values[j * nx + i]` is the sample at column i, row j. */
  values: number[];
  x: [number, number];
  y: [number, number];
}

/** Samples `fn` at the centres of an nx × ny grid of cells over the domain. */
export function sampleGrid(
  fn: (x: number, y: number) => number,
  x: [number, number],
  y: [number, number],
  nx: number,
  ny: number,
): SampledGrid {
  const values = new Array<number>(nx * ny);
  for (let j = 0; j < ny; j++) {
    const yj = y[0] + ((j + 0.5) * (y[1] - y[0])) / ny;
    for (let i = 0; i < nx; i++) values[j * nx + i] = fn(x[0] + ((i + 0.5) * (x[1] - x[0])) / nx, yj);
  }
  return { nx, ny, values, x, y };
}

/**
 * The grid with one more cell on every side, extrapolated linearly from the two outermost
 * samples so iso-lines keep their direction up to the border. d3-contour closes every polygon
 * along the grid's border and cuts its corners by half a cell; drawn from the padded grid and
 * clipped to the plot, those artificial borders and corners fall outside the visible area.
 */
export function padGrid(grid: SampledGrid): SampledGrid {
  const nx = grid.nx + 2;
  const ny = grid.ny + 2;
  const dx = (grid.x[1] - grid.x[0]) / grid.nx;
  const dy = (grid.y[1] - grid.y[0]) / grid.ny;
  const at = (i: number, j: number) => grid.values[j * grid.nx + i];
  // Value at a possibly out-of-range column i of row j: one step of linear extrapolation.
  const inRow = (i: number, j: number) => {
    if (i < 0) return grid.nx > 1 ? 2 * at(0, j) - at(1, j) : at(0, j);
    if (i >= grid.nx) return grid.nx > 1 ? 2 * at(grid.nx - 1, j) - at(grid.nx - 2, j) : at(grid.nx - 1, j);
    return at(i, j);
  };
  const value = (i: number, j: number) => {
    if (j < 0) return grid.ny > 1 ? 2 * inRow(i, 0) - inRow(i, 1) : inRow(i, 0);
    if (j >= grid.ny) return grid.ny > 1 ? 2 * inRow(i, grid.ny - 1) - inRow(i, grid.ny - 2) : inRow(i, grid.ny - 1);
    return inRow(i, j);
  };
  const values = new Array<number>(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = value(i - 1, j - 1);
  return { nx, ny, values, x: [grid.x[0] - dx, grid.x[1] + dx], y: [grid.y[0] - dy, grid.y[1] + dy] };
}

/**
 * Iso-bands of the grid from d3-contour, as SVG paths in pixel coordinates (draw them clipped to
 * the plot area: the grid is padded by one cell, see `padGrid`). d3-contour places sample (i, j)
 * at grid coordinate (i + 0.5, j + 0.5), the centre of its cell, which is where `sampleGrid`
 * evaluated it, so grid coordinates map linearly onto the domain.
 */
export function contourPaths(
  unpadded: SampledGrid,
  thresholds: number[],
  xScale: NumericScale,
  yScale: NumericScale,
): { value: number; d: string }[] {
  const grid = padGrid(unpadded);
  const generator = contours().size([grid.nx, grid.ny]).thresholds(thresholds);
  const toX = (gx: number) => xScale(grid.x[0] + (gx * (grid.x[1] - grid.x[0])) / grid.nx);
  const toY = (gy: number) => yScale(grid.y[0] + (gy * (grid.y[1] - grid.y[0])) / grid.ny);
  return generator(grid.values).map((multi) => ({
    value: multi.value,
    d: multi.coordinates
      .flatMap((polygon) =>
        polygon.map((ring) =>
          pathFromPoints(
            ring.map(([gx, gy]) => [toX(gx), toY(gy)] as [number, number]),
            true,
          ),
        ),
      )
      .join(''),
  }));
}
