import type { ExportView, ExportWarning } from './export-input.ts';
import type { Annotation } from '../model/annotation.ts';
import type { ImageItem, Item, TextItem } from '../model/item.ts';
import { sortedSpans } from './spans-jsonl.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { rotatedCorners } from '../model/rotated-box.ts';

export const LABEL_STUDIO_PATH = 'exports/label-studio.json';

/**
 * Names of the Label Studio control tags the results refer to (`from_name`), and of the
 * object tags (`to_name`). docs/formats.md has a labeling config that uses them.
 */
export const LS_NAMES = {
  text: 'text',
  image: 'image',
  span: 'label',
  textClass: 'class',
  relation: 'relation',
  box: 'box',
  polygon: 'polygon',
  point: 'point',
  imageClass: 'image_class',
} as const;

/** Size Label Studio draws a keypoint at, in percent of the image width; it carries no meaning. */
const POINT_WIDTH = 0.5;

export interface LsResult {
  id: string;
  from_name?: string;
  to_name?: string;
  type: string;
  original_width?: number;
  original_height?: number;
  image_rotation?: number;
  value?: Record<string, unknown>;
  from_id?: string;
  to_id?: string;
  direction?: string;
  labels?: string[];
}

export interface LsTask {
  id: number;
  data: { text: string } | { image: string };
  /** Where the task came from in Airlock; Label Studio keeps `meta` as it is. */
  meta: { airlock_item_id: string; name: string; sha256: string };
  annotations: {
    id: number;
    result: LsResult[];
    was_cancelled: boolean;
    ground_truth: boolean;
    created_at: string;
    updated_at: string;
  }[];
  predictions: never[];
}

/**
 * Label Studio's JSON export: one task per item with one annotation holding every region.
 * Text offsets are code points; image regions are percentages of the image's width and
 * height (0–100) with `original_width`/`original_height` in pixels.
 */
export function labelStudioExport(view: ExportView, warnings: ExportWarning[] = []): LsTask[] {
  // Label Studio has no task type for judging model responses: conversations are left out.
  const items = view.items.filter((i): i is TextItem | ImageItem => i.kind !== 'conversation');
  return items.map((item, index) => {
    const annotations = view.annotationsOf(item.id);
    const result =
      item.kind === 'text'
        ? textResults(view, item.text, annotations)
        : imageResults(view, item, annotations, warnings);
    const times = annotations.map((a) => a.updatedAt).sort();
    const created = annotations.map((a) => a.createdAt).sort();
    return {
      id: index + 1,
      data: item.kind === 'text' ? { text: item.text } : { image: item.name },
      meta: { airlock_item_id: item.id, name: item.name, sha256: item.sha256 },
      annotations:
        annotations.length === 0
          ? []
          : [
              {
                id: index + 1,
                result,
                was_cancelled: false,
                ground_truth: false,
                created_at: created[0] ?? item.createdAt,
                updated_at: times[times.length - 1] ?? item.updatedAt,
              },
            ],
      predictions: [],
    };
  });
}

function names(view: ExportView, labelId: string): string[] {
  const label = view.label(labelId);
  return label ? [label.name] : [];
}

function classResult(
  view: ExportView,
  annotations: readonly Annotation[],
  fromName: string,
  toName: string,
): LsResult[] {
  const classes = annotations.filter((a) => a.type === 'class' && view.label(a.label));
  if (classes.length === 0) return [];
  return [
    {
      id: classes[0]!.id,
      from_name: fromName,
      to_name: toName,
      type: 'choices',
      value: { choices: classes.flatMap((a) => names(view, a.label)) },
    },
  ];
}

function relationResults(
  view: ExportView,
  annotations: readonly Annotation[],
  kept: Set<string>,
): LsResult[] {
  return annotations.flatMap((a) =>
    a.type === 'relation' && kept.has(a.from) && kept.has(a.to)
      ? [
          {
            id: a.id,
            type: 'relation',
            from_id: a.from,
            to_id: a.to,
            direction: 'right',
            labels: names(view, a.label),
          },
        ]
      : [],
  );
}

function textResults(
  view: ExportView,
  text: string,
  annotations: readonly Annotation[],
): LsResult[] {
  const index = new CodePointIndex(text);
  const spans = sortedSpans(annotations.filter((a) => a.type === 'span')).filter(
    (a) => view.label(a.label) && a.end <= index.length,
  );
  const results: LsResult[] = spans.map((a) => ({
    id: a.id,
    from_name: LS_NAMES.span,
    to_name: LS_NAMES.text,
    type: 'labels',
    value: {
      start: a.start,
      end: a.end,
      text: index.slice(a.start, a.end),
      labels: names(view, a.label),
    },
  }));
  results.push(...classResult(view, annotations, LS_NAMES.textClass, LS_NAMES.text));
  results.push(...relationResults(view, annotations, new Set(spans.map((s) => s.id))));
  return results;
}

function imageResults(
  view: ExportView,
  item: Extract<Item, { kind: 'image' }>,
  annotations: readonly Annotation[],
  warnings: ExportWarning[],
): LsResult[] {
  const px = (x: number) => (x / item.width) * 100;
  const py = (y: number) => (y / item.height) * 100;
  const size = { original_width: item.width, original_height: item.height, image_rotation: 0 };
  const results: LsResult[] = [];
  for (const a of annotations) {
    if (!view.label(a.label)) continue;
    const labels = names(view, a.label);
    if (a.type === 'box') {
      results.push({
        id: a.id,
        from_name: LS_NAMES.box,
        to_name: LS_NAMES.image,
        type: 'rectanglelabels',
        ...size,
        value: {
          x: px(a.x),
          y: py(a.y),
          width: px(a.w),
          height: py(a.h),
          rotation: 0,
          rectanglelabels: labels,
        },
      });
    } else if (a.type === 'rbox') {
      if (a.angle === 0)
        warnings.push({
          path: LABEL_STUDIO_PATH,
          itemId: item.id,
          itemName: item.name,
          annotationId: a.id,
          reason:
            'a rotated box at 0° is an ordinary rectangle in Label Studio, so it reads back as a box',
        });
      // Label Studio turns a rectangle clockwise about its own top-left corner (x, y).
      const [corner] = rotatedCorners(a);
      results.push({
        id: a.id,
        from_name: LS_NAMES.box,
        to_name: LS_NAMES.image,
        type: 'rectanglelabels',
        ...size,
        value: {
          x: px(corner.x),
          y: py(corner.y),
          width: px(a.w),
          height: py(a.h),
          rotation: a.angle < 0 ? a.angle + 360 : a.angle,
          rectanglelabels: labels,
        },
      });
    } else if (a.type === 'polygon') {
      results.push({
        id: a.id,
        from_name: LS_NAMES.polygon,
        to_name: LS_NAMES.image,
        type: 'polygonlabels',
        ...size,
        value: {
          points: a.points.map(([x, y]) => [px(x), py(y)]),
          closed: true,
          polygonlabels: labels,
        },
      });
    } else if (a.type === 'point') {
      results.push({
        id: a.id,
        from_name: LS_NAMES.point,
        to_name: LS_NAMES.image,
        type: 'keypointlabels',
        ...size,
        value: { x: px(a.x), y: py(a.y), width: POINT_WIDTH, keypointlabels: labels },
      });
    }
  }
  results.push(...classResult(view, annotations, LS_NAMES.imageClass, LS_NAMES.image));
  return results;
}
