import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import type { Annotation } from '../model/annotation.ts';
import type { AttributeDef, AttributeValue } from '../model/attributes.ts';
import type { ImageItem } from '../model/item.ts';
import type { Label, LabelKind } from '../model/label.ts';
import { toCvatMask } from './cvat-rle.ts';
import { warnLeftOut } from './left-out.ts';
import { xmlAttribute, xmlText } from './xml-text.ts';

export const CVAT_PATH = 'exports/cvat/annotations.xml';

/** CVAT's shape type for each kind a label may have, in `<meta><task><labels>`. */
const CVAT_TYPES: Partial<Record<LabelKind, string>> = {
  box: 'rectangle',
  rbox: 'rectangle',
  polygon: 'polygon',
  polyline: 'polyline',
  point: 'points',
  mask: 'mask',
  keypoints: 'skeleton',
  image_class: 'tag',
};

/** CVAT's input type for each attribute type. */
const INPUT_TYPES: Record<AttributeDef['type'], string> = {
  boolean: 'checkbox',
  number: 'number',
  text: 'text',
  choice: 'select',
};

/** The shortest text that reads back as the same number (no rounding: CVAT reads floats). */
export function cvatNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/**
 * "CVAT for images 1.1" XML: the labels with their attributes in `<meta><task><labels>`, then
 * one `<image>` per image item (id from 0 in export order, name, width, height) holding its
 * shapes and image classes (`<tag>`). Boxes and rotated boxes are `<box>` (corners; a rotated
 * box also has `rotation`, degrees clockwise about its centre), polygons and polylines `points`
 * "x,y;x,y", a point is `<points>`, a mask CVAT's runs over its own box (cvat-rle.ts). The
 * `occluded` attribute is CVAT's `occluded` flag; `z` is `z_order`; other attributes are
 * `<attribute name>` children. Coordinates are written in full, not rounded to CVAT's 2 decimals.
 */
export function cvatExport(view: ExportView, warnings: ExportWarning[]): ExportedFile {
  const labels = view.labelsOfKinds(Object.keys(CVAT_TYPES) as LabelKind[]);
  const ranges = numberRanges(view, labels, warnings);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<annotations>',
    '  <version>1.1</version>',
    '  <meta>',
    '    <task>',
    `      <name>${xmlText(view.project.name)}</name>`,
    `      <size>${view.imageItems.length}</size>`,
    '      <mode>annotation</mode>',
    '      <labels>',
    ...labels.flatMap((label) => labelLines(label, ranges.get(label.id))),
    '      </labels>',
    '    </task>',
    '  </meta>',
  ];
  view.imageItems.forEach((item, index) => {
    const shapes = view.annotationsOf(item.id).flatMap((a) => shapeLines(view, item, a, warnings));
    const open = `  <image id="${index}" name="${xmlAttribute(item.name)}" width="${item.width}" height="${item.height}"`;
    if (shapes.length === 0) lines.push(`${open}/>`);
    else lines.push(`${open}>`, ...shapes, '  </image>');
  });
  lines.push('</annotations>', '');
  warnLeftOut(view, warnings, 'CVAT', () => CVAT_PATH);
  return { path: CVAT_PATH, data: utf8(lines.join('\n')) };
}

/** The whole numbers one number attribute holds: CVAT's `values` are "min\nmax\nstep". */
interface NumberRange {
  min: number;
  max: number;
  /** Some value is not a whole number: CVAT's numbers are, so the attribute is written as text. */
  fractional: boolean;
}

/**
 * The range of each number attribute over the exported shapes, per label id. CVAT checks every
 * value against its attribute's min, max and step (whole numbers), so the range is the values'
 * own, widened to hold the default 0, with step 1. A value that is not a whole number makes
 * the attribute a text one, each such shape warned.
 */
function numberRanges(
  view: ExportView,
  labels: readonly Label[],
  warnings: ExportWarning[],
): Map<string, Map<string, NumberRange>> {
  const out = new Map<string, Map<string, NumberRange>>();
  for (const label of labels) {
    const numbers = (label.attributes ?? []).filter((d) => d.type === 'number');
    if (numbers.length > 0)
      out.set(
        label.id,
        new Map(numbers.map((d) => [d.name, { min: 0, max: 0, fractional: false }])),
      );
  }
  if (out.size === 0) return out;
  for (const item of view.imageItems) {
    for (const a of view.annotationsOf(item.id)) {
      const ranges = out.get(a.label);
      if (!ranges) continue;
      for (const [name, range] of ranges) {
        const value = a.attributes?.[name];
        if (typeof value !== 'number') continue;
        if (!Number.isSafeInteger(value)) {
          range.fractional = true;
          warnings.push({
            path: CVAT_PATH,
            itemId: item.id,
            itemName: item.name,
            annotationId: a.id,
            reason: `its attribute "${name}" is ${cvatNumber(value)}, but CVAT's numbers are whole numbers, so "${name}" is written as a text attribute`,
          });
          continue;
        }
        range.min = Math.min(range.min, value);
        range.max = Math.max(range.max, value);
      }
    }
  }
  return out;
}

function labelLines(label: Label, ranges?: ReadonlyMap<string, NumberRange>): string[] {
  const types = [...new Set(label.kinds.flatMap((k) => CVAT_TYPES[k] ?? []))];
  // CVAT's own flag carries "occluded"; it is no attribute there.
  const attributes = (label.attributes ?? []).filter((d) => d.name !== 'occluded');
  return [
    '        <label>',
    `          <name>${xmlText(label.name)}</name>`,
    `          <color>${label.color}</color>`,
    `          <type>${types.length === 1 ? types[0] : 'any'}</type>`,
    ...(attributes.length === 0
      ? ['          <attributes/>']
      : [
          '          <attributes>',
          ...attributes.flatMap((d) => {
            const range = ranges?.get(d.name);
            const type = range?.fractional ? 'text' : d.type;
            return [
              '            <attribute>',
              `              <name>${xmlText(d.name)}</name>`,
              '              <mutable>False</mutable>',
              `              <input_type>${INPUT_TYPES[type]}</input_type>`,
              `              <default_value>${xmlText(defaultValue(d, type))}</default_value>`,
              `              <values>${xmlText(attributeValues(d, type, range))}</values>`,
              '            </attribute>',
            ];
          }),
          '          </attributes>',
        ]),
    '        </label>',
  ];
}

function defaultValue(d: AttributeDef, type: AttributeDef['type']): string {
  if (type === 'boolean') return 'false';
  if (type === 'choice') return d.choices?.[0] ?? '';
  return type === 'number' ? '0' : '';
}

function attributeValues(d: AttributeDef, type: AttributeDef['type'], range?: NumberRange): string {
  if (type === 'choice') return (d.choices ?? []).join('\n');
  if (type === 'boolean') return 'false';
  if (type === 'number') return `${range?.min ?? 0}\n${range?.max ?? 0}\n1`;
  return '';
}

const points = (list: readonly (readonly [number, number] | readonly number[])[]) =>
  list.map((p) => `${cvatNumber(p[0])},${cvatNumber(p[1])}`).join(';');

function shapeLines(
  view: ExportView,
  item: ImageItem,
  a: Annotation,
  warnings: ExportWarning[],
): string[] {
  const warn = (reason: string) =>
    warnings.push({
      path: CVAT_PATH,
      itemId: item.id,
      itemName: item.name,
      annotationId: a.id,
      reason,
    });
  const label = view.label(a.label);
  const drawn: Record<string, string> | undefined = geometry(a);
  if (!drawn && a.type !== 'class') return [];
  if (!label) {
    warn('its label no longer exists, so it was left out');
    return [];
  }
  const head: [string, string][] = [
    ['label', label.name],
    ['source', 'manual'],
  ];
  let element = 'tag';
  if (drawn) {
    if (a.type === 'mask') {
      if (a.rle.size[0] !== item.height || a.rle.size[1] !== item.width) {
        warn(
          `the mask is ${a.rle.size[1]}×${a.rle.size[0]} but the image is ${item.width}×${item.height}, so it was left out`,
        );
        return [];
      }
      if (!drawn.rle) {
        warn('the mask is empty, and CVAT has no empty mask, so it was left out');
        return [];
      }
    }
    element = drawn.element!;
    delete drawn.element;
    head.push(['occluded', a.attributes?.occluded === true ? '1' : '0'], ...Object.entries(drawn));
    head.push(['z_order', String(a.z ?? 0)]);
  }
  const order = (label.attributes ?? []).map((d) => d.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const values = Object.entries(a.attributes ?? {})
    .filter(([name]) => name !== 'occluded' || !drawn)
    .sort(([x], [y]) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  const open = `    <${element} ${head.map(([k, v]) => `${k}="${xmlAttribute(v)}"`).join(' ')}`;
  if (values.length === 0) return [`${open}/>`];
  return [
    `${open}>`,
    ...values.map(
      ([name, value]) =>
        `      <attribute name="${xmlAttribute(name)}">${xmlText(attributeText(value))}</attribute>`,
    ),
    `    </${element}>`,
  ];
}

function attributeText(value: AttributeValue): string {
  return typeof value === 'number' ? cvatNumber(value) : String(value);
}

/** The element and its geometry attributes, in CVAT's order; undefined for what CVAT has no shape for. */
function geometry(a: Annotation): Record<string, string> | undefined {
  switch (a.type) {
    case 'box':
      return {
        element: 'box',
        xtl: cvatNumber(a.x),
        ytl: cvatNumber(a.y),
        xbr: cvatNumber(a.x + a.w),
        ybr: cvatNumber(a.y + a.h),
      };
    case 'rbox':
      return {
        element: 'box',
        xtl: cvatNumber(a.cx - a.w / 2),
        ytl: cvatNumber(a.cy - a.h / 2),
        xbr: cvatNumber(a.cx + a.w / 2),
        ybr: cvatNumber(a.cy + a.h / 2),
        // CVAT turns clockwise in [0, 360).
        rotation: cvatNumber(a.angle < 0 ? a.angle + 360 : a.angle),
      };
    case 'polygon':
      return { element: 'polygon', points: points(a.points) };
    case 'polyline':
      return { element: 'polyline', points: points(a.points) };
    case 'point':
      return { element: 'points', points: points([[a.x, a.y]]) };
    case 'mask': {
      const m = toCvatMask(a.rle);
      if (!m) return { element: 'mask', rle: '' };
      return {
        element: 'mask',
        rle: m.rle.join(', '),
        left: String(m.left),
        top: String(m.top),
        width: String(m.width),
        height: String(m.height),
      };
    }
    default:
      return undefined;
  }
}
