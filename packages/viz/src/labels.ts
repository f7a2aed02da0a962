import { FONT, textWidth } from './theme.js';

/** An axis-aligned box in viewBox units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes overlap (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A point label and where it ended up. */
export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  box: Box;
  /** Placed away from its point: draw a leader line so the reader sees which point it names. */
  far: boolean;
}

/**
 * Places a label next to each anchor point without overlapping earlier labels, covering any of
 * the obstacle points (e.g. samples of the curves) or leaving the bounds: tries spots above and
 * below, right and left, nearest first, moving further out; if nothing is free of obstacles,
 * it settles for a spot that only avoids other labels. Greedy and deterministic, which is enough
 * for the handful of marked points a figure has.
 */
export function placeLabels(
  anchors: { x: number; y: number; text: string }[],
  bounds: Box,
  obstacles: { x: number; y: number }[] = [],
  fontSize: number = FONT.small,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const height = fontSize + 2;
  const covers = (box: Box, p: { x: number; y: number }) =>
    p.x >= box.x - 2 && p.x <= box.x + box.width + 2 && p.y >= box.y - 2 && p.y <= box.y + box.height + 2;
  for (const a of anchors) {
    const width = textWidth(a.text, fontSize);
    const others = anchors.filter((b) => b !== a);
    let best: PlacedLabel | null = null;
    // Candidate spots around the point, nearest first: above/below by whole lines, to the right
    // (text starting there) or the left (text ending there), a little or further to the side.
    const candidates: { x: number; y: number; anchor: 'start' | 'end'; distance: number }[] = [];
    for (let step = 0; step < 8; step++) {
      const off = 8 + step * height;
      for (const dx of [8, 28, 56]) {
        for (const [sx, anchor] of [
          [1, 'start'],
          [-1, 'end'],
        ] as const) {
          candidates.push({ x: a.x + sx * dx, y: a.y - off, anchor, distance: Math.hypot(dx, off) });
          candidates.push({
            x: a.x + sx * dx,
            y: a.y + off + height - 4,
            anchor,
            distance: Math.hypot(dx, off + height - 4),
          });
        }
      }
    }
    candidates.sort((p, q) => p.distance - q.distance);
    search: for (const avoidObstacles of [true, false]) {
      for (const { x, y, anchor, distance } of candidates) {
        const box: Box = { x: anchor === 'start' ? x : x - width, y: y - height + 3, width, height };
        const inside =
          box.x >= bounds.x &&
          box.y >= bounds.y &&
          box.x + box.width <= bounds.x + bounds.width &&
          box.y + box.height <= bounds.y + bounds.height;
        if (!inside || placed.some((p) => boxesOverlap(p.box, box)) || others.some((o) => covers(box, o))) continue;
        if (avoidObstacles && obstacles.some((p) => covers(box, p))) continue;
        best = { text: a.text, x, y, anchor, box, far: distance > 2.5 * height };
        break search;
      }
    }
    if (best === null) {
      const box: Box = { x: a.x + 8, y: a.y - 8 - height + 3, width, height };
      best = { text: a.text, x: a.x + 8, y: a.y - 8, anchor: 'start', box, far: false };
    }
    placed.push(best);
  }
  return placed;
}
