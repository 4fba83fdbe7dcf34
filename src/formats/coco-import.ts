import {
  Problems,
  result,
  type DeclaredClass,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { isFiniteNumber, isObject, parseJson, path } from './json-source.ts';
import { cocoShape } from './coco-shapes.ts';

type Id = number | string;
const isId = (v: unknown): v is Id => isFiniteNumber(v) || (typeof v === 'string' && v !== '');

/**
 * Reads a COCO detection/segmentation file, one Airlock annotation per COCO annotation (see
 * coco-shapes.ts for which). Only images with annotations matter; they are matched to image
 * items by `file_name` (import-plan.ts). Categories declare the class map (ids,
 * supercategories, order, keypoint skeletons). Any structural problem fails the file.
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
    const nodes = c.keypoints;
    const skeleton =
      Array.isArray(nodes) && nodes.length > 0 && nodes.every((n) => typeof n === 'string')
        ? {
            nodes: nodes,
            edges: (Array.isArray(c.skeleton) ? c.skeleton : [])
              .filter(
                (e): e is [number, number] =>
                  Array.isArray(e) &&
                  e.length === 2 &&
                  e.every((v) => Number.isInteger(v) && v >= 1 && v <= nodes.length) &&
                  e[0] !== e[1],
              )
              .map(([p, q]) => [p - 1, q - 1] as [number, number]),
          }
        : undefined;
    declared.push({
      name: c.name,
      kind: skeleton ? 'keypoints' : 'box',
      ...(skeleton ? { skeleton } : {}),
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
    const shape = cocoShape(a, at, image);
    if (typeof shape === 'string')
      return problems.add(shape.split('\u0000')[0], shape.split('\u0000')[1]!);
    if (shape.kind === 'crowd') crowd++;
    list.push({
      category,
      geometry: shape.geometry,
      where: at,
      ...(ref ? { ref } : {}),
      ...(shape.attributes ? { attributes: shape.attributes } : {}),
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
    notes.push(`${file}: ${crowd} crowd region(s) (iscrowd 1) came in with the attribute iscrowd.`);
  return result(problems, records, notes, declared);
}
