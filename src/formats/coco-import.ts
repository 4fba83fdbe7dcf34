import {
  Problems,
  result,
  type DeclaredClass,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { isFiniteNumber, isObject, parseJson, path } from './json-source.ts';

type Id = number | string;
const isId = (v: unknown): v is Id => isFiniteNumber(v) || (typeof v === 'string' && v !== '');

/**
 * Reads a COCO detection/segmentation file. Each annotation becomes a polygon per ring of its
 * `segmentation` when it has polygons, else a box from `bbox`; an RLE mask (crowd region)
 * comes in as its `bbox` box, with a note. Only images with annotations matter; they are
 * matched to image items by `file_name` (import-plan.ts). Any structural problem fails the file.
 */
export function parseCoco(file: string, text: string): ParseResult {
  const parsed = parseJson(file, text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const root = parsed.value;
  const problems = new Problems(file);
  if (
    !isObject(root) ||
    !Array.isArray(root.images) ||
    !Array.isArray(root.annotations) ||
    !Array.isArray(root.categories)
  ) {
    problems.add(
      undefined,
      'is not a COCO file: it needs "images", "annotations" and "categories" arrays',
    );
    return result(problems, []);
  }

  const categories = new Map<Id, string>();
  const declared: DeclaredClass[] = [];
  root.categories.forEach((c, i) => {
    const at = path('categories', i);
    if (!isObject(c) || !isId(c.id)) return problems.add(`${at}.id`, 'is missing or not a number');
    if (typeof c.name !== 'string' || c.name.trim() === '')
      return problems.add(`${at}.name`, 'is missing or empty');
    if (categories.has(c.id)) return problems.add(`${at}.id`, `repeats category id ${c.id}`);
    categories.set(c.id, c.name);
    // The class map: COCO's own ids and supercategories, and the categories' order as the
    // class index (how Ultralytics numbers COCO's 80 of ids 1…90).
    declared.push({
      name: c.name,
      kind: 'box',
      classIndex: declared.length,
      ...(Number.isInteger(c.id) && (c.id as number) > 0 ? { cocoId: c.id as number } : {}),
      ...(typeof c.supercategory === 'string' && c.supercategory.trim() !== ''
        ? { supercategory: c.supercategory }
        : {}),
    });
  });

  const images = new Map<Id, { name: string; width: number; height: number }>();
  root.images.forEach((img, i) => {
    const at = path('images', i);
    if (!isObject(img) || !isId(img.id))
      return problems.add(`${at}.id`, 'is missing or not a number');
    if (typeof img.file_name !== 'string' || img.file_name === '')
      return problems.add(`${at}.file_name`, 'is missing');
    for (const key of ['width', 'height'] as const) {
      if (!isFiniteNumber(img[key]) || img[key] <= 0)
        return problems.add(`${at}.${key}`, 'is missing or not a positive number');
    }
    if (images.has(img.id)) return problems.add(`${at}.id`, `repeats image id ${img.id}`);
    images.set(img.id, {
      name: img.file_name,
      width: img.width as number,
      height: img.height as number,
    });
  });
  if (problems.any) return result(problems, []);

  const byImage = new Map<Id, ImportedAnnotation[]>();
  let crowd = 0;
  let parts = 0;
  root.annotations.forEach((a, i) => {
    if (problems.full) return;
    const at = path('annotations', i);
    if (!isObject(a)) return problems.add(at, 'is not an object');
    const image = images.get(a.image_id as Id);
    if (!image)
      return problems.add(
        `${at}.image_id`,
        `refers to no image in "images" (${JSON.stringify(a.image_id)})`,
      );
    const category = categories.get(a.category_id as Id);
    if (category === undefined) {
      return problems.add(
        `${at}.category_id`,
        `refers to no category in "categories" (${JSON.stringify(a.category_id)})`,
      );
    }
    const list = byImage.get(a.image_id as Id) ?? [];
    byImage.set(a.image_id as Id, list);
    const ref = isId(a.id) ? String(a.id) : undefined;
    const seg = a.segmentation;
    if (Array.isArray(seg) && seg.length > 0) {
      const rings = Array.isArray(seg[0]) ? seg : [seg];
      rings.forEach((ring, r) => {
        const where = Array.isArray(seg[0]) ? `${at}.segmentation[${r}]` : `${at}.segmentation`;
        if (
          !Array.isArray(ring) ||
          ring.length < 6 ||
          ring.length % 2 !== 0 ||
          !ring.every(isFiniteNumber)
        ) {
          return problems.add(
            where,
            'is not a polygon (an even list of at least 6 numbers: x1, y1, x2, y2, …)',
          );
        }
        const points: [number, number][] = [];
        for (let k = 0; k < ring.length; k += 2)
          points.push([ring[k] as number, ring[k + 1] as number]);
        list.push({
          category,
          geometry: { type: 'polygon', points },
          where,
          ...(ref ? { ref } : {}),
        });
      });
      if (rings.length > 1) parts++;
      return;
    }
    if (seg !== undefined && !Array.isArray(seg)) {
      if (!isObject(seg))
        return problems.add(`${at}.segmentation`, 'is neither polygons nor an RLE mask');
      crowd++;
    }
    const bbox = a.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isFiniteNumber)) {
      return problems.add(`${at}.bbox`, 'is not [x, y, width, height] in numbers');
    }
    const [x, y, w, h] = bbox as [number, number, number, number];
    if (w < 0 || h < 0) return problems.add(`${at}.bbox`, 'has a negative width or height');
    list.push({
      category,
      geometry: { type: 'box', x, y, w, h },
      where: at,
      ...(ref ? { ref } : {}),
    });
  });

  const records: ImportedRecord[] = [...byImage].map(([id, annotations]) => {
    const image = images.get(id)!;
    return {
      file,
      where: `image ${JSON.stringify(image.name)}`,
      target: { kind: 'image', fileName: image.name, width: image.width, height: image.height },
      annotations,
    };
  });
  const notes: string[] = [];
  if (crowd > 0)
    notes.push(`${file}: ${crowd} RLE mask(s) (crowd regions) came in as their bounding boxes.`);
  if (parts > 0)
    notes.push(
      `${file}: ${parts} annotation(s) with several polygons came in as one polygon per part.`,
    );
  return result(problems, records, notes, declared);
}
