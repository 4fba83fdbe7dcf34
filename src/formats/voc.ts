import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import type { BoxAnnotation } from '../model/annotation.ts';
import { clamp, isInside } from './geometry.ts';
import { imageStems } from './stems.ts';
import { xmlText } from './xml-text.ts';

export const VOC_DIR = 'exports/voc';

/** VOC's per-object flags, carried as yes/no attributes of the same names (spec: attributes). */
export const VOC_FLAGS = ['truncated', 'difficult', 'occluded'] as const;
/** The pose VOC writes when none is known. */
export const VOC_NO_POSE = 'Unspecified';

/** A box in Pascal VOC's convention: 1-based, inclusive integer pixel indices. */
export interface VocBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/**
 * Our box edges are continuous pixel coordinates (pixel i spans [i, i + 1)); VOC names the
 * first and last pixel covered, counting from 1. Each edge rounds to the nearest pixel edge
 * (halves up), is clamped to the image, and the box keeps at least one pixel, so
 * x = 0, w = 10 becomes xmin 1, xmax 10, and reading it back gives x = 0, w = 10 again.
 */
export function toVoc(
  box: Pick<BoxAnnotation, 'x' | 'y' | 'w' | 'h'>,
  width: number,
  height: number,
): VocBox {
  const [xmin, xmax] = pixelsCovered(box.x, box.x + box.w, width);
  const [ymin, ymax] = pixelsCovered(box.y, box.y + box.h, height);
  return { xmin, ymin, xmax, ymax };
}

function pixelsCovered(from: number, to: number, size: number): [number, number] {
  let first = clamp(Math.round(from), 0, size);
  let end = clamp(Math.round(to), 0, size);
  if (end <= first) {
    if (first < size) end = first + 1;
    else first = size - 1;
  }
  return [first + 1, end];
}

/** The inverse of toVoc: a VOC box as continuous pixel coordinates. */
export function fromVoc(box: VocBox): { x: number; y: number; w: number; h: number } {
  return {
    x: box.xmin - 1,
    y: box.ymin - 1,
    w: box.xmax - box.xmin + 1,
    h: box.ymax - box.ymin + 1,
  };
}

/** One Pascal VOC XML per image item, with an object per box (none for an image without boxes). */
export function vocExport(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  const images = view.imageItems;
  const stems = imageStems(images);
  return images.map((item) => {
    const path = `${VOC_DIR}/${stems.get(item.id)}.xml`;
    const objects: { key: number[]; xml: string }[] = [];
    for (const a of view.ofType(item.id, 'box')) {
      const label = view.label(a.label);
      if (!label) {
        warnings.push({
          path,
          itemId: item.id,
          itemName: item.name,
          annotationId: a.id,
          reason: 'its label no longer exists, so it was left out',
        });
        continue;
      }
      if (!isInside(a, item.width, item.height)) {
        warnings.push({
          path,
          itemId: item.id,
          itemName: item.name,
          annotationId: a.id,
          reason: 'the box reaches outside the image and was clipped to it',
        });
      }
      const b = toVoc(a, item.width, item.height);
      const set = (name: string) => a.attributes?.[name] === true;
      const pose = a.attributes?.['pose'];
      objects.push({
        key: [b.ymin, b.xmin, b.ymax, b.xmax],
        xml: [
          '  <object>',
          `    <name>${xmlText(label.name)}</name>`,
          `    <pose>${xmlText(typeof pose === 'string' && pose.trim() !== '' ? pose.trim() : VOC_NO_POSE)}</pose>`,
          `    <truncated>${set('truncated') ? 1 : 0}</truncated>`,
          `    <difficult>${set('difficult') ? 1 : 0}</difficult>`,
          // Not in every VOC file: written only when it says something.
          ...(set('occluded') ? ['    <occluded>1</occluded>'] : []),
          '    <bndbox>',
          `      <xmin>${b.xmin}</xmin>`,
          `      <ymin>${b.ymin}</ymin>`,
          `      <xmax>${b.xmax}</xmax>`,
          `      <ymax>${b.ymax}</ymax>`,
          '    </bndbox>',
          '  </object>',
        ].join('\n'),
      });
    }
    // By the written pixels, so an import of this file exports it again object for object.
    objects.sort(
      (x, y) => compareKeys(x.key, y.key) || (x.xml < y.xml ? -1 : x.xml > y.xml ? 1 : 0),
    );
    // labelImg's layout: the bare file name, and the folder it is in (only when it is in one).
    const slash = Math.max(item.name.lastIndexOf('/'), item.name.lastIndexOf('\\'));
    const folder = slash >= 0 ? item.name.slice(0, slash) : undefined;
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<annotation>',
      ...(folder ? [`  <folder>${xmlText(folder)}</folder>`] : []),
      `  <filename>${xmlText(item.name.slice(slash + 1))}</filename>`,
      '  <source>',
      '    <database>Airlock</database>',
      `    <sha256>${item.sha256}</sha256>`,
      '  </source>',
      '  <size>',
      `    <width>${item.width}</width>`,
      `    <height>${item.height}</height>`,
      '    <depth>3</depth>',
      '  </size>',
      '  <segmented>0</segmented>',
      ...objects.map((o) => o.xml),
      '</annotation>',
      '',
    ].join('\n');
    return { path, data: utf8(xml) };
  });
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  const i = a.findIndex((v, k) => v !== b[k]);
  return i < 0 ? 0 : a[i]! - b[i]!;
}
