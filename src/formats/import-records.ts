import type { LabelKind } from '../model/label.ts';
import type { AttributeDef, AttributeValues } from '../model/attributes.ts';
import type { Rle } from '../model/annotation.ts';
import type { ConllSource } from '../model/conll-source.ts';

// What the import parsers return: annotations found in a file, grouped by the item they
// belong to, before anything is matched to the project. Pure data, so every parser can be
// tested alone and the import plan (import-plan.ts) treats every format alike.

/** A reason a file cannot be imported, with where in it: "line 4" or "annotations[3].bbox". */
export interface ImportProblem {
  file: string;
  where?: string;
  reason: string;
}

export function describeProblem(p: ImportProblem): string {
  return `${p.file}${p.where ? `, ${p.where}` : ''}: ${p.reason}`;
}

/** The item a record's annotations belong to, as the file names it. */
export type ItemRef = TextRef | ImageRef;

/** A text the file carries in full: matched to a text item by its exact text, else created. */
export interface TextRef {
  kind: 'text';
  text: string;
  /** Name for a text item created from it: the file's own id, or file:line. */
  name: string;
  /** CoNLL: the tokens the file cut, so a text item with the same tokens matches too. */
  tokens?: string[];
  /** CoNLL: what the file said beyond the text, kept with a text item made from it. */
  conll?: ConllSource;
}

/** An image the file refers to; matched to an image item (see import-plan.ts). */
export interface ImageRef {
  kind: 'image';
  /** The file name as the format writes it (COCO file_name, VOC filename, LS data.image). */
  fileName?: string;
  /** YOLO and VOC: the per-image file's stem, and the label file's path (YOLO). */
  stem?: string;
  labelPath?: string;
  sha256?: string;
  /** The size the file states; a different size means the coordinates do not fit. */
  width?: number;
  height?: number;
}

export type Geometry =
  | {
      type: 'span';
      /** Half-open code point offsets in the record's text. */
      start: number;
      end: number;
      /** CoNLL: the half-open range of tokens the span covers. */
      tokens?: [number, number];
    }
  | { type: 'class' }
  /** In pixels, or in fractions of the image's size (YOLO, Label Studio) when `relative`. */
  | { type: 'box'; x: number; y: number; w: number; h: number; relative?: boolean }
  | { type: 'polygon'; points: [number, number][]; relative?: boolean }
  | { type: 'point'; x: number; y: number; relative?: boolean }
  /** COCO: one object in several parts; a crowd region or mask as RLE; keypoints. In pixels. */
  | { type: 'multipolygon'; parts: [number, number][][] }
  | { type: 'mask'; rle: Rle }
  | { type: 'keypoints'; points: [number, number, 0 | 1 | 2][] }
  | { type: 'rbox'; cx: number; cy: number; w: number; h: number; angle: number }
  /** CVAT: an open path, in pixels. */
  | { type: 'polyline'; points: [number, number][] }
  /** Refs of two annotations of the same record. */
  | { type: 'relation'; from: string; to: string };

export interface ImportedAnnotation {
  /** The category name as the file writes it. */
  category: string;
  geometry: Geometry;
  /** The file's id for it, when relations refer to it. */
  ref?: string;
  /** Who made it, when the format says. */
  annotator?: string;
  /** Attribute values the format carries (COCO iscrowd, VOC difficult…), by name. */
  attributes?: AttributeValues;
  /** A span's note (brat's AnnotatorNotes), kept as the span's comment. */
  comment?: string;
  /** Drawing order on the image (CVAT's z_order), when not 0. */
  z?: number;
  /** Where it is in the file, for problems. */
  where: string;
}

export interface ImportedRecord {
  file: string;
  where: string;
  target: ItemRef;
  annotations: ImportedAnnotation[];
}

/**
 * A class the source declares, used or not (COCO `categories`, YOLO `names` / classes.txt):
 * its numbers become the label's class map, and an unused class still becomes a label.
 */
export interface DeclaredClass {
  name: string;
  /** What it is drawn as when nothing in the files uses it. */
  kind: LabelKind;
  /** COCO keypoints: the category's node names and (0-based) edges. */
  skeleton?: { nodes: string[]; edges: [number, number][] };
  classIndex?: number;
  cocoId?: number;
  supercategory?: string;
  /** Its colour in the source (CVAT), `#rrggbb`. */
  color?: string;
  /** The attributes the source declares for it (CVAT's label attributes), typed. */
  attributes?: AttributeDef[];
}

export type ParseResult =
  | { ok: true; records: ImportedRecord[]; notes: string[]; classes?: DeclaredClass[] }
  | { ok: false; problems: ImportProblem[] };

/** The label kind an imported annotation needs, given what it is on. */
export function kindOf(geometry: Geometry, on: ItemRef['kind']): LabelKind {
  if (geometry.type === 'class') return on === 'text' ? 'text_class' : 'image_class';
  // A multi-part object is drawn with a polygon label.
  if (geometry.type === 'multipolygon') return 'polygon';
  return geometry.type;
}

/** Collects problems and stops a parser once there are enough to act on. */
export class Problems {
  readonly list: ImportProblem[] = [];

  constructor(
    readonly file: string,
    private readonly limit = 20,
  ) {}

  add(where: string | undefined, reason: string): void {
    if (this.list.length < this.limit) {
      this.list.push(
        where === undefined ? { file: this.file, reason } : { file: this.file, where, reason },
      );
    }
  }

  get full(): boolean {
    return this.list.length >= this.limit;
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

/** A ParseResult from what a parser gathered: any problem fails the whole file. */
export function result(
  problems: Problems | ImportProblem[],
  records: ImportedRecord[],
  notes: string[] = [],
  classes?: DeclaredClass[],
): ParseResult {
  const list = Array.isArray(problems) ? problems : problems.list;
  if (list.length > 0) return { ok: false, problems: list };
  return classes ? { ok: true, records, notes, classes } : { ok: true, records, notes };
}
