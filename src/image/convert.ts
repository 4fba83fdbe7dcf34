import type {
  MaskAnnotation,
  MultiPolygonAnnotation,
  PolygonAnnotation,
} from '../model/annotation.ts';
import type { Size } from '../model/geometry.ts';
import { decodeRle, encodeRle } from '../model/rle.ts';
import { fillPolygon } from './mask-paint.ts';
import { maskOutlines } from './mask-outline.ts';

// Polygon ↔ mask, keeping id, label, attributes and times: the same object, another geometry
// (one undo step). A polygon becomes the pixels whose centres it holds; a mask becomes the
// outline of its regions along pixel edges (a multipolygon when it has several).

type Polygonal = PolygonAnnotation | MultiPolygonAnnotation;

export function polygonToMask(shape: Polygonal, image: Size, at: string): MaskAnnotation {
  const mask = new Uint8Array(image.width * image.height);
  const rings = shape.type === 'polygon' ? [shape.points] : shape.parts;
  for (const ring of rings) fillPolygon(mask, image, ring);
  const common: Record<string, unknown> = { ...shape };
  delete common.points;
  delete common.parts;
  return {
    ...(common as Omit<PolygonAnnotation, 'type' | 'points'>),
    type: 'mask',
    rle: encodeRle(mask, image.width, image.height),
    updatedAt: at,
  };
}

/** The mask's outline as a polygon (or a multipolygon for several regions); undefined when empty. */
export function maskToPolygon(
  shape: MaskAnnotation,
  at: string,
  tolerance = 0.5,
): Polygonal | undefined {
  const [height, width] = shape.rle.size;
  const rings = maskOutlines(decodeRle(shape.rle), { width, height }, tolerance);
  if (rings.length === 0) return undefined;
  const common: Partial<MaskAnnotation> = { ...shape };
  delete common.rle;
  const base = common as Omit<MaskAnnotation, 'rle' | 'type'>;
  if (rings.length === 1) return { ...base, type: 'polygon', points: rings[0]!, updatedAt: at };
  return { ...base, type: 'multipolygon', parts: rings, updatedAt: at };
}
