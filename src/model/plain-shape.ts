import type { BoxAnnotation, PointAnnotation, PolygonAnnotation } from './annotation.ts';

// Opening an image reads every shape on it back from storage, and each stored record is
// checked on the way out. The Annotation schema (zod, without JIT under our CSP) costs about
// 6 µs a record: 30 ms or more for a 5,000-box image. Boxes, points and polygons, the bulk of
// imported datasets, are checked here by hand instead, accepting only records that the
// schema would return unchanged; anything else goes to the schema, which names the problem.

type PlainShape = BoxAnnotation | PointAnnotation | PolygonAnnotation;

const BASE = ['id', 'projectId', 'itemId', 'label', 'annotator', 'createdAt', 'updatedAt'];
const OPTIONAL = ['sources', 'attributes', 'z', 'locked'];
const KEYS: Record<PlainShape['type'], ReadonlySet<string>> = {
  box: new Set([...BASE, ...OPTIONAL, 'type', 'x', 'y', 'w', 'h']),
  point: new Set([...BASE, ...OPTIONAL, 'type', 'x', 'y']),
  polygon: new Set([...BASE, ...OPTIONAL, 'type', 'points']),
};

const isName = (v: unknown) => typeof v === 'string' && v.length > 0;
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function isAttributes(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const [name, value] of Object.entries(v)) {
    if (name.length === 0) return false;
    if (typeof value !== 'boolean' && typeof value !== 'string' && !isFinite(value)) return false;
  }
  return true;
}

function isNames(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const name of v as unknown[]) if (!isName(name)) return false;
  return true;
}

function isPoints(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 3) return false;
  for (const p of v as unknown[])
    if (!Array.isArray(p) || p.length !== 2 || !isFinite(p[0]) || !isFinite(p[1])) return false;
  return true;
}

/** True when `row` is a box, point or polygon record that Annotation.parse returns unchanged. */
export function isPlainShape(row: unknown): row is PlainShape {
  if (!isPlainObject(row)) return false;
  const type = row.type;
  if (type !== 'box' && type !== 'point' && type !== 'polygon') return false;
  const keys = KEYS[type];
  for (const key in row) if (!keys.has(key)) return false;
  for (const key of BASE) {
    const value = row[key];
    if (key === 'createdAt' || key === 'updatedAt' ? typeof value !== 'string' : !isName(value))
      return false;
  }
  const { sources, attributes, z, locked } = row;
  if (sources !== undefined && !isNames(sources)) return false;
  if (attributes !== undefined && !isAttributes(attributes)) return false;
  if (z !== undefined && !Number.isSafeInteger(z)) return false;
  if (locked !== undefined && locked !== true) return false;
  if (type === 'polygon') return isPoints(row.points);
  if (!isFinite(row.x) || !isFinite(row.y)) return false;
  if (type === 'point') return true;
  return isFinite(row.w) && row.w >= 0 && isFinite(row.h) && row.h >= 0;
}
