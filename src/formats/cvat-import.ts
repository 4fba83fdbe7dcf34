import {
  Problems,
  result,
  type DeclaredClass,
  type Geometry,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { child, childText, parseXml, XmlError, type XmlElement } from './xml.ts';
import type { AttributeDef, AttributeValues } from '../model/attributes.ts';
import type { LabelKind } from '../model/label.ts';
import { angleOfTurn } from './geometry.ts';
import { fromCvatMask } from './cvat-rle.ts';
import type { TextFile } from './yolo-import.ts';

/** Whether an XML file is CVAT's (root `<annotations>`), not Pascal VOC's (`<annotation>`). */
export function looksLikeCvat(text: string): boolean {
  return /<annotations[\s>/]/.test(text.slice(0, 4096));
}

/** The kind a CVAT label type is drawn as when nothing in the file uses it. */
const KINDS: Record<string, LabelKind> = {
  rectangle: 'box',
  polygon: 'polygon',
  polyline: 'polyline',
  points: 'point',
  mask: 'mask',
  tag: 'image_class',
};

/**
 * Reads "CVAT for images 1.1" XML: the labels of `<meta><task>` (or `<meta><project>`) with
 * their attributes, then each `<image>` (matched by `name`, sized by `width`/`height`) with its
 * `<box>` (a `rotation` makes it a rotated box about its centre), `<polygon>`, `<polyline>`,
 * `<points>` (one point each), `<mask>` (runs over its own box, cvat-rle.ts) and `<tag>` (an
 * image class). `occluded="1"` is the `occluded` attribute, `z_order` the drawing order,
 * `<attribute name>` children the label's attributes, typed as the meta declares them.
 * CVAT for video (`<track>`), ellipses, cuboids and skeletons are refused by name.
 */
export function parseCvat(files: readonly TextFile[]): ParseResult {
  const problems: Problems[] = [];
  const records: ImportedRecord[] = [];
  const classes: DeclaredClass[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const found = new Problems(file.path);
    problems.push(found);
    let root: XmlElement;
    try {
      root = parseXml(file.text);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      found.add(`line ${error.line}`, `is not well-formed XML: ${error.message}`);
      continue;
    }
    if (root.name !== 'annotations') {
      found.add(
        `line ${root.line}`,
        `is not a CVAT file: its root is <${root.name}>, not <annotations>`,
      );
      continue;
    }
    const declared = declaredLabels(root);
    classes.push(...declared.values());
    let multiPoints = 0;
    for (const element of root.children) {
      if (found.full) break;
      if (element.name === 'track') {
        found.add(
          `line ${element.line}`,
          'is a <track> of CVAT for video; export the task as "CVAT for images 1.1" instead',
        );
        break;
      }
      if (element.name !== 'image') continue;
      const record = imageRecord(file.path, element, declared, found);
      if (!record) continue;
      multiPoints += record.multiPoints;
      records.push(record.record);
    }
    if (multiPoints > 0)
      notes.push(
        `${file.path}: ${multiPoints} <points> shape(s) with several points came in as one point annotation per point.`,
      );
  }
  return result(
    problems.flatMap((p) => p.list),
    records,
    notes,
    classes,
  );
}

/** The labels the meta declares, by name, with their attributes as Airlock declares them. */
function declaredLabels(root: XmlElement): Map<string, DeclaredClass> {
  const meta = child(root, 'meta');
  const owner = meta && (child(meta, 'task') ?? child(meta, 'project'));
  const labels = owner && child(owner, 'labels');
  const out = new Map<string, DeclaredClass>();
  for (const label of labels?.children ?? []) {
    if (label.name !== 'label') continue;
    const name = childText(label, 'name');
    if (!name || out.has(name)) continue;
    const attributes = [...(child(label, 'attributes')?.children ?? [])].flatMap(attributeDef);
    const color = childText(label, 'color');
    out.set(name, {
      name,
      kind: KINDS[childText(label, 'type') ?? ''] ?? 'box',
      ...(color && /^#[0-9a-f]{6}$/i.test(color) ? { color } : {}),
      ...(attributes.length > 0 ? { attributes } : {}),
    });
  }
  return out;
}

function attributeDef(element: XmlElement): AttributeDef[] {
  const name = childText(element, 'name');
  if (element.name !== 'attribute' || !name || name === 'occluded') return [];
  const input = childText(element, 'input_type');
  if (input === 'checkbox') return [{ name, type: 'boolean' }];
  if (input === 'number') return [{ name, type: 'number' }];
  if (input === 'select' || input === 'radio') {
    // CVAT's "no value" placeholder is not a choice.
    const values = (child(element, 'values')?.text ?? '')
      .split('\n')
      .map((v) => v.trim())
      .filter((v) => v !== '' && v !== '__undefined__');
    const choices = [...new Set(values)];
    if (choices.length > 0) return [{ name, type: 'choice', choices }];
  }
  return [{ name, type: 'text' }];
}

function imageRecord(
  file: string,
  image: XmlElement,
  declared: ReadonlyMap<string, DeclaredClass>,
  problems: Problems,
): { record: ImportedRecord; multiPoints: number } | undefined {
  const at = `line ${image.line}`;
  const { name, width: w, height: h } = image.attributes;
  const width = Number(w);
  const height = Number(h);
  if (!name) return void problems.add(at, '<image> has no name');
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0))
    return void problems.add(at, `<image name="${name}"> has no width and height in pixels`);
  const record: ImportedRecord = {
    file,
    where: `${at} (image "${name}")`,
    target: { kind: 'image', fileName: name, width, height },
    annotations: [],
  };
  let multiPoints = 0;
  for (const shape of image.children) {
    const where = `line ${shape.line} (<${shape.name}>)`;
    const category = shape.attributes.label;
    if (!category || category.trim() === '') {
      problems.add(where, 'has no label');
      continue;
    }
    const geometries = shapeGeometry(shape, width, height);
    if (typeof geometries === 'string') {
      problems.add(where, geometries);
      continue;
    }
    if (shape.name === 'points' && geometries.length > 1) multiPoints++;
    const attributes = attributeValues(shape, declared.get(category));
    const z = Number(shape.attributes.z_order ?? 0);
    for (const geometry of geometries) {
      const a: ImportedAnnotation = { category, where, geometry };
      if (attributes) a.attributes = attributes;
      if (Number.isInteger(z) && z !== 0) a.z = z;
      record.annotations.push(a);
    }
  }
  return { record, multiPoints };
}

function attributeValues(
  shape: XmlElement,
  label: DeclaredClass | undefined,
): AttributeValues | undefined {
  const out: AttributeValues = {};
  if (shape.attributes.occluded === '1') out.occluded = true;
  for (const a of shape.children) {
    const name = a.attributes.name;
    if (a.name !== 'attribute' || !name) continue;
    const raw = a.text;
    const def = label?.attributes?.find((d) => d.name === name);
    const type = def?.type ?? (raw === 'true' || raw === 'false' ? 'boolean' : 'text');
    if (type === 'boolean') out[name] = raw.trim() === 'true';
    else if (type === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw)))
      out[name] = Number(raw);
    else out[name] = raw;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A number CVAT wrote; NaN when it is not one. */
const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? NaN : Number(v));

function pointList(raw: string | undefined): [number, number][] | undefined {
  if (!raw) return undefined;
  const out: [number, number][] = [];
  for (const pair of raw.split(';')) {
    const [x, y, extra] = pair.split(',').map(num);
    if (extra !== undefined || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    out.push([x!, y!]);
  }
  return out;
}

/** What a shape element is in Airlock's terms, or why it cannot be read. */
function shapeGeometry(shape: XmlElement, width: number, height: number): Geometry[] | string {
  const at = shape.attributes;
  switch (shape.name) {
    case 'tag':
      return [{ type: 'class' }];
    case 'box': {
      const [xtl, ytl, xbr, ybr] = [at.xtl, at.ytl, at.xbr, at.ybr].map(num) as [
        number,
        number,
        number,
        number,
      ];
      if (![xtl, ytl, xbr, ybr].every(Number.isFinite)) return 'needs numbers xtl, ytl, xbr, ybr';
      if (xbr < xtl || ybr < ytl) return 'has xbr < xtl or ybr < ytl';
      if (at.rotation === undefined)
        return [{ type: 'box', x: xtl, y: ytl, w: xbr - xtl, h: ybr - ytl }];
      const rotation = num(at.rotation);
      if (!Number.isFinite(rotation)) return 'has a rotation that is not a number';
      // CVAT turns a box clockwise about its centre, as Airlock's rotated box does.
      return [
        {
          type: 'rbox',
          cx: (xtl + xbr) / 2,
          cy: (ytl + ybr) / 2,
          w: xbr - xtl,
          h: ybr - ytl,
          angle: angleOfTurn(rotation),
        },
      ];
    }
    case 'polygon':
    case 'polyline': {
      const points = pointList(at.points);
      const least = shape.name === 'polygon' ? 3 : 2;
      if (!points || points.length < least)
        return `needs points "x,y;x,y;…" with at least ${least} points`;
      return [{ type: shape.name, points }];
    }
    case 'points': {
      const points = pointList(at.points);
      if (!points || points.length === 0) return 'needs points "x,y;…"';
      return points.map(([x, y]) => ({ type: 'point', x, y }));
    }
    case 'mask': {
      const rle = (at.rle ?? '').split(',').map(num);
      const [left, top, w, h] = [at.left, at.top, at.width, at.height].map(num) as [
        number,
        number,
        number,
        number,
      ];
      const whole = (v: number) => Number.isInteger(v) && v >= 0;
      if (!rle.every(whole)) return 'has an rle that is not a list of whole numbers';
      if (![left, top, w, h].every(whole) || w === 0 || h === 0)
        return 'needs whole numbers left, top, width and height';
      const mask = fromCvatMask({ rle, left, top, width: w, height: h }, width, height);
      if (typeof mask === 'string') return mask;
      return [{ type: 'mask', rle: mask }];
    }
    case 'ellipse':
    case 'cuboid':
    case 'skeleton':
      return `is a CVAT ${shape.name}, which Airlock has no shape for`;
    default:
      return `<${shape.name}> is not a shape of CVAT for images 1.1`;
  }
}
