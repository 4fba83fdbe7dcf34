import type { Geometry } from './import-records.ts';
import type { AttributeValues } from '../model/attributes.ts';
import { isFiniteNumber, isObject } from './json-source.ts';
import { rectangleRing } from './coco.ts';

// One COCO annotation as Airlock geometry, as COCO means it:
//   `keypoints`                       → keypoints (x, y, v per node of the category)
//   `airlock_rbox` (our own export)   → the rotated box it was
//   one polygon equal to its bbox's rectangle, as our export writes a box → box
//   one polygon                       → polygon
//   several polygons                  → one multipolygon (one object in parts)
//   RLE, uncompressed or compressed   → mask
//   no segmentation                   → box from `bbox`
// `iscrowd: 1` becomes the attribute iscrowd = true; an `attributes` object comes along.

export type CocoShape =
  { kind: 'plain' | 'crowd'; geometry: Geometry; attributes?: AttributeValues } | string;

const problem = (where: string, reason: string) => `${where}\u0000${reason}`;

export function cocoShape(
  a: Record<string, unknown>,
  at: string,
  image: { width: number; height: number },
): CocoShape {
  const attributes: AttributeValues = {};
  if (isObject(a.attributes)) {
    for (const [k, v] of Object.entries(a.attributes))
      if (typeof v === 'boolean' || typeof v === 'string' || isFiniteNumber(v)) attributes[k] = v;
  }
  const crowd = a.iscrowd === 1 || a.iscrowd === true;
  if (crowd) attributes.iscrowd = true;
  const done = (geometry: Geometry): CocoShape => ({
    kind: crowd ? 'crowd' : 'plain',
    geometry,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  });

  if (a.keypoints !== undefined) {
    const k = a.keypoints;
    if (!Array.isArray(k) || k.length === 0 || k.length % 3 !== 0 || !k.every(isFiniteNumber))
      return problem(`${at}.keypoints`, 'is not a list of x, y, v triples');
    const points: [number, number, 0 | 1 | 2][] = [];
    for (let i = 0; i < k.length; i += 3) {
      const v = k[i + 2] as number;
      if (v !== 0 && v !== 1 && v !== 2)
        return problem(`${at}.keypoints[${i + 2}]`, 'a visibility is 0, 1 or 2');
      points.push([k[i] as number, k[i + 1] as number, v]);
    }
    return done({ type: 'keypoints', points });
  }
  const r = a.airlock_rbox;
  if (isObject(r) && ['cx', 'cy', 'w', 'h', 'angle'].every((key) => isFiniteNumber(r[key]))) {
    const { cx, cy, w, h, angle } = r as Record<'cx' | 'cy' | 'w' | 'h' | 'angle', number>;
    if (w >= 0 && h >= 0 && angle > -180 && angle <= 180)
      return done({ type: 'rbox', cx, cy, w, h, angle });
  }

  const seg = a.segmentation;
  const bbox = a.bbox;
  const box = (): CocoShape => {
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isFiniteNumber))
      return problem(`${at}.bbox`, 'is not [x, y, width, height] in numbers');
    const [x, y, w, h] = bbox as [number, number, number, number];
    if (w < 0 || h < 0) return problem(`${at}.bbox`, 'has a negative width or height');
    return done({ type: 'box', x, y, w, h });
  };
  if (Array.isArray(seg) && seg.length > 0) {
    const nested = Array.isArray(seg[0]);
    const rings = nested ? seg : [seg];
    const parts: [number, number][][] = [];
    for (let i = 0; i < rings.length; i++) {
      const ring: unknown = rings[i];
      const where = nested ? `${at}.segmentation[${i}]` : `${at}.segmentation`;
      if (
        !Array.isArray(ring) ||
        ring.length < 6 ||
        ring.length % 2 !== 0 ||
        !ring.every(isFiniteNumber)
      )
        return problem(
          where,
          'is not a polygon (an even list of at least 6 numbers: x1, y1, x2, y2, …)',
        );
      const points: [number, number][] = [];
      for (let k = 0; k < ring.length; k += 2)
        points.push([ring[k] as number, ring[k + 1] as number]);
      parts.push(points);
    }
    if (parts.length > 1) return done({ type: 'multipolygon', parts });
    const isRectangle =
      Array.isArray(bbox) &&
      bbox.length === 4 &&
      bbox.every(isFiniteNumber) &&
      rectangleRing({ x: bbox[0], y: bbox[1], w: bbox[2], h: bbox[3] } as never).every(
        (v, k) => v === (rings[0] as number[])[k],
      ) &&
      (rings[0] as number[]).length === 8;
    if (isRectangle) return box();
    return done({ type: 'polygon', points: parts[0]! });
  }
  if (isObject(seg)) {
    const size = seg.size;
    if (
      !Array.isArray(size) ||
      size.length !== 2 ||
      size[0] !== image.height ||
      size[1] !== image.width
    )
      return problem(
        `${at}.segmentation.size`,
        `is not [height, width] of the image (${image.height}, ${image.width})`,
      );
    const counts =
      typeof seg.counts === 'string'
        ? decompress(seg.counts)
        : Array.isArray(seg.counts) && seg.counts.every((c) => Number.isInteger(c) && c >= 0)
          ? (seg.counts as number[])
          : undefined;
    const total = counts?.reduce((s, c) => s + c, 0);
    if (!counts || total !== image.width * image.height)
      return problem(
        `${at}.segmentation.counts`,
        'is not an RLE whose runs add up to height × width',
      );
    return done({ type: 'mask', rle: { size: [image.height, image.width], counts } });
  }
  if (seg !== undefined && !Array.isArray(seg))
    return problem(`${at}.segmentation`, 'is neither polygons nor an RLE mask');
  return box();
}

/** pycocotools' compressed RLE string (rleFrString) as a list of runs; undefined when malformed. */
function decompress(s: string): number[] | undefined {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) return undefined;
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) return undefined;
      x |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && c & 0x10) x |= -1 << (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    if (x < 0) return undefined;
    counts.push(x);
  }
  return counts;
}
