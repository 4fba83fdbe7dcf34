import type { Size } from '../model/geometry.ts';

// Mask → polygon: the outline of each connected region of set pixels, traced along pixel
// edges (so the polygon holds exactly the region's pixels), then with collinear steps merged
// and simplified within `tolerance` pixels (Douglas–Peucker).

type XY = [number, number];

/** Outer outlines of the mask's regions (row-by-row mask), largest first. */
export function maskOutlines(mask: Uint8Array, image: Size, tolerance = 0.5): XY[][] {
  const { width, height } = image;
  const at = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] === 1;
  const seen = new Uint8Array(width * height);
  const rings: XY[][] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (!at(x, y) || seen[y * width + x] || at(x, y - 1)) continue;
      // A region's top-left pixel not yet traced: walk its outline with the region on the right.
      const ring = trace(at, x, y);
      markRegion(at, seen, width, x, y);
      if (ring.length >= 3) rings.push(simplify(ring, tolerance));
    }
  const area = (r: XY[]) =>
    Math.abs(
      r.reduce((s, [x, y], i) => {
        const [u, v] = r[(i + 1) % r.length]!;
        return s + x * v - u * y;
      }, 0),
    ) / 2;
  return rings.filter((r) => r.length >= 3).sort((a, b) => area(b) - area(a));
}

function markRegion(
  at: (x: number, y: number) => boolean,
  seen: Uint8Array,
  width: number,
  x0: number,
  y0: number,
) {
  const stack = [[x0, y0]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (!at(x!, y!) || seen[y! * width + x!]) continue;
    seen[y! * width + x!] = 1;
    stack.push([x! + 1, y!], [x! - 1, y!], [x!, y! + 1], [x!, y! - 1]);
  }
}

/** Walks pixel-corner vertices clockwise around the region from its top-left corner. */
function trace(at: (x: number, y: number) => boolean, x0: number, y0: number): XY[] {
  // Directions: 0 right, 1 down, 2 left, 3 up; the region is on the right of the walk.
  const dx = [1, 0, -1, 0];
  const dy = [0, 1, 0, -1];
  let x = x0;
  let y = y0;
  let dir = 0;
  const ring: XY[] = [];
  for (let guard = 0; guard < 4 * 1e7; guard++) {
    ring.push([x, y]);
    // Pixels ahead-left and ahead-right of the edge we are on, seen from corner (x, y).
    const left = (d: number) => {
      const lx = x + (d === 0 ? 0 : d === 1 ? 0 : d === 2 ? -1 : -1);
      const ly = y + (d === 0 ? -1 : d === 1 ? 0 : d === 2 ? 0 : -1);
      return at(lx, ly);
    };
    const right = (d: number) => {
      const rx = x + (d === 0 ? 0 : d === 1 ? -1 : d === 2 ? -1 : 0);
      const ry = y + (d === 0 ? 0 : d === 1 ? 0 : d === 2 ? -1 : -1);
      return at(rx, ry);
    };
    if (left(dir)) dir = (dir + 3) % 4;
    else if (!right(dir)) dir = (dir + 1) % 4;
    x += dx[dir]!;
    y += dy[dir]!;
    if (x === x0 && y === y0) break;
  }
  return ring;
}

function simplify(ring: XY[], tolerance: number): XY[] {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  const far = Math.floor(ring.length / 2);
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length],
  ];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!;
    const [bx, by] = ring[b % ring.length]!;
    let best = -1;
    let bestDistance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i]!;
      const length = Math.hypot(bx - ax, by - ay);
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}
