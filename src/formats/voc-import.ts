import {
  Problems,
  result,
  type ImportProblem,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { child, childText, parseXml, XmlError, type XmlElement } from './xml.ts';
import { fromVoc, VOC_FLAGS, VOC_NO_POSE } from './voc.ts';
import type { AttributeValues } from '../model/attributes.ts';
import type { TextFile } from './yolo-import.ts';

/**
 * Reads Pascal VOC XML files, one image each: `filename` and `size` name the image, each
 * `object` with a `bndbox` is a box (1-based inclusive pixel indices, see voc.ts; decimals are
 * accepted as written). `source/sha256`, which Airlock writes, ties the file to its image.
 * `difficult`, `truncated` and `occluded` set to 1 and a `pose` other than "Unspecified"
 * become the attributes of those names (0 and "Unspecified" are what an unset one exports as).
 */
export function parseVoc(files: readonly TextFile[]): ParseResult {
  const problems: ImportProblem[] = [];
  const records: ImportedRecord[] = [];
  for (const file of files) {
    const found = new Problems(file.path);
    let root: XmlElement;
    try {
      root = parseXml(file.text);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      problems.push({
        file: file.path,
        where: `line ${error.line}`,
        reason: `is not well-formed XML: ${error.message}`,
      });
      continue;
    }
    const record = vocRecord(file, root, found);
    problems.push(...found.list);
    if (record) records.push(record);
  }
  return result(problems, records);
}

function vocRecord(
  file: TextFile,
  root: XmlElement,
  problems: Problems,
): ImportedRecord | undefined {
  if (root.name !== 'annotation') {
    problems.add(
      `line ${root.line}`,
      `is not a Pascal VOC file: its root is <${root.name}>, not <annotation>`,
    );
    return undefined;
  }
  const size = child(root, 'size');
  const width = Number(size && childText(size, 'width'));
  const height = Number(size && childText(size, 'height'));
  // labelImg writes the bare name and its folder; the folder path finds the item imported from
  // that folder exactly, and the base name (import-plan.ts) any other.
  const bare = childText(root, 'filename');
  const folder = childText(root, 'folder');
  const fileName = bare && folder && !/[/\\]/.test(bare) ? `${folder}/${bare}` : bare;
  const source = child(root, 'source');
  const sha256 = source && childText(source, 'sha256');
  const stem = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const record: ImportedRecord = {
    file: file.path,
    where: file.path,
    target: {
      kind: 'image',
      stem,
      ...(fileName ? { fileName } : {}),
      ...(sha256 && /^[0-9a-f]{64}$/.test(sha256) ? { sha256 } : {}),
      ...(width > 0 && height > 0 ? { width, height } : {}),
    },
    annotations: [],
  };
  root.children
    .filter((c) => c.name === 'object')
    .forEach((object, i) => {
      const where = `line ${object.line} (object ${i + 1})`;
      const name = childText(object, 'name');
      if (!name) return problems.add(where, 'has no <name>');
      const bndbox = child(object, 'bndbox');
      if (!bndbox) return problems.add(where, 'has no <bndbox>');
      const edges = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => {
        const raw = childText(bndbox, k);
        return [k, raw ? Number(raw) : NaN] as const;
      });
      const missing = edges.find(([, v]) => !Number.isFinite(v));
      if (missing) return problems.add(where, `has no number in <${missing[0]}>`);
      const [xmin, ymin, xmax, ymax] = edges.map(([, v]) => v) as [number, number, number, number];
      if (xmax < xmin || ymax < ymin) return problems.add(where, 'has xmax < xmin or ymax < ymin');
      const attributes = vocAttributes(object);
      record.annotations.push({
        category: name,
        where,
        geometry: { type: 'box', ...fromVoc({ xmin, ymin, xmax, ymax }) },
        ...(attributes ? { attributes } : {}),
      });
    });
  return record;
}

/** The flags and pose an object states, as attributes; undefined when it states none. */
function vocAttributes(object: XmlElement): AttributeValues | undefined {
  const out: AttributeValues = {};
  for (const flag of VOC_FLAGS) {
    // labelImg writes 0/1; some tools write true/false.
    const raw = childText(object, flag)?.trim().toLowerCase();
    if (raw === '1' || raw === 'true') out[flag] = true;
  }
  const pose = childText(object, 'pose')?.trim();
  if (pose && pose !== VOC_NO_POSE) out.pose = pose;
  return Object.keys(out).length > 0 ? out : undefined;
}
