import {
  Problems,
  result,
  type Geometry,
  type ImportedAnnotation,
  type ImportedRecord,
  type ItemRef,
  type ParseResult,
} from './import-records.ts';
import { isFiniteNumber, isObject, parseJson, path } from './json-source.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { firstLoneSurrogate } from '../text/utf8.ts';
import { EDGE_SLACK, angleOfTurn, clamp } from './geometry.ts';

/** Category for a Label Studio relation drawn without a label. */
export const UNLABELED_RELATION = 'Related';

/**
 * Reads Label Studio's JSON export (an array of tasks). Text tasks carry their text in
 * `data.text` (or the one string field of `data`); image tasks name their image in
 * `data.image`. Every region of every annotation not cancelled comes in: `labels` spans
 * (code point offsets, checked against `value.text`), `choices` classes, `rectanglelabels`,
 * `polygonlabels`, `keypointlabels` (percent of the image), and relations. A rectangle with a
 * `rotation` is a rotated box.
 */
export function parseLabelStudio(file: string, text: string): ParseResult {
  const parsed = parseJson(file, text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const problems = new Problems(file);
  const tasks = parsed.value;
  if (!Array.isArray(tasks)) {
    problems.add(undefined, 'is not a Label Studio JSON export (an array of tasks)');
    return result(problems, []);
  }
  const records: ImportedRecord[] = [];
  let cancelled = 0;
  let clipped = 0;
  tasks.forEach((task, t) => {
    if (problems.full) return;
    const at = path(t);
    if (!isObject(task) || !isObject(task.data)) return problems.add(`${at}.data`, 'is missing');
    const target = taskTarget(file, task, at, problems);
    if (!target) return;
    const annotations: ImportedAnnotation[] = [];
    const list = task.annotations ?? [];
    if (!Array.isArray(list)) return problems.add(`${at}.annotations`, 'is not a list');
    list.forEach((annotation, a) => {
      const aat = `${at}.annotations[${a}]`;
      if (!isObject(annotation) || !Array.isArray(annotation.result))
        return problems.add(`${aat}.result`, 'is missing');
      if (annotation.was_cancelled === true) return void cancelled++;
      const annotator = annotatorOf(annotation.completed_by);
      annotation.result.forEach((region, r) => {
        const rat = `${aat}.result[${r}]`;
        for (const imported of regionAnnotations(region, rat, target, problems)) {
          const inside = insideImage(imported.geometry);
          if (inside !== imported.geometry) clipped++;
          const fitted = { ...imported, geometry: inside };
          annotations.push(annotator ? { ...fitted, annotator } : fitted);
        }
      });
    });
    records.push({ file, where: at, target, annotations });
  });
  const notes =
    cancelled > 0 ? [`${file}: ${cancelled} cancelled annotation(s) were skipped.`] : [];
  if (clipped > 0)
    notes.push(`${file}: ${clipped} region(s) reaching past the image were clipped to it.`);
  return result(problems, records, notes);
}

/**
 * Label Studio lets a region be dragged past the image's edge; the image ends there, so the
 * part outside is dropped (as Label Studio's own converter does). The same geometry when inside.
 */
function insideImage(g: Geometry): Geometry {
  // Within float noise of the edge is on it: percent → fraction is not exact.
  const c = (v: number) => (v >= -EDGE_SLACK && v <= 1 + EDGE_SLACK ? v : clamp(v, 0, 1));
  if (g.type === 'box' && g.relative) {
    const edges = [g.x, g.y, g.x + g.w, g.y + g.h];
    if (edges.every((v) => v === c(v))) return g;
    const x = c(g.x);
    const y = c(g.y);
    return { ...g, x, y, w: c(g.x + g.w) - x, h: c(g.y + g.h) - y };
  }
  if (g.type === 'polygon' && g.relative) {
    if (g.points.every(([x, y]) => x === c(x) && y === c(y))) return g;
    return { ...g, points: g.points.map(([x, y]) => [c(x), c(y)] as [number, number]) };
  }
  if (g.type === 'point' && g.relative)
    return g.x === c(g.x) && g.y === c(g.y) ? g : { ...g, x: c(g.x), y: c(g.y) };
  return g;
}

function annotatorOf(completedBy: unknown): string | undefined {
  if (isObject(completedBy) && typeof completedBy.email === 'string')
    return `label-studio:${completedBy.email}`;
  if (isFiniteNumber(completedBy)) return `label-studio:user-${completedBy}`;
  return undefined;
}

function taskTarget(
  file: string,
  task: Record<string, unknown>,
  at: string,
  problems: Problems,
): ItemRef | undefined {
  const data = task.data as Record<string, unknown>;
  const meta = isObject(task.meta) ? task.meta : {};
  const sha256 =
    typeof meta.sha256 === 'string' && /^[0-9a-f]{64}$/.test(meta.sha256) ? meta.sha256 : undefined;
  if (typeof data.image === 'string') {
    const size = firstSize(task);
    return { kind: 'image', fileName: data.image, ...(sha256 ? { sha256 } : {}), ...size };
  }
  const strings = Object.entries(data).filter(([, v]) => typeof v === 'string') as [
    string,
    string,
  ][];
  const text =
    typeof data.text === 'string' ? data.text : strings.length === 1 ? strings[0]![1] : undefined;
  if (text === undefined) {
    problems.add(`${at}.data`, 'has neither "image" nor "text" (nor a single text field)');
    return undefined;
  }
  if (text.trim() === '') return void problems.add(`${at}.data`, 'has an empty text');
  const lone = firstLoneSurrogate(text);
  if (lone >= 0)
    return void problems.add(`${at}.data`, `has a lone surrogate at code unit ${lone}`);
  const name =
    typeof meta.name === 'string' && meta.name !== ''
      ? meta.name
      : `${file}:task ${typeof task.id === 'number' || typeof task.id === 'string' ? task.id : at}`;
  return { kind: 'text', text, name };
}

/** The image size the task's regions state (original_width/height), if any. */
function firstSize(task: Record<string, unknown>): { width?: number; height?: number } {
  for (const annotation of Array.isArray(task.annotations) ? task.annotations : []) {
    if (!isObject(annotation) || !Array.isArray(annotation.result)) continue;
    for (const r of annotation.result) {
      if (isObject(r) && isFiniteNumber(r.original_width) && isFiniteNumber(r.original_height)) {
        return { width: r.original_width, height: r.original_height };
      }
    }
  }
  return {};
}

const LABEL_KEYS: Record<string, string> = {
  labels: 'labels',
  rectanglelabels: 'rectanglelabels',
  polygonlabels: 'polygonlabels',
  keypointlabels: 'keypointlabels',
};

function regionAnnotations(
  region: unknown,
  at: string,
  target: ItemRef,
  problems: Problems,
): ImportedAnnotation[] {
  if (!isObject(region) || typeof region.type !== 'string') {
    problems.add(`${at}.type`, 'is missing');
    return [];
  }
  const ref =
    typeof region.id === 'string' || isFiniteNumber(region.id) ? String(region.id) : undefined;
  if (region.type === 'relation') {
    const from = region.from_id;
    const to = region.to_id;
    if (typeof from !== 'string' || typeof to !== 'string') {
      problems.add(at, 'is a relation without from_id and to_id');
      return [];
    }
    const labels =
      Array.isArray(region.labels) && region.labels.length > 0
        ? region.labels
        : [UNLABELED_RELATION];
    return labels.flatMap((label, k) =>
      typeof label === 'string' && label.trim() !== ''
        ? [{ category: label, where: at, geometry: { type: 'relation' as const, from, to } }]
        : (problems.add(`${at}.labels[${k}]`, 'is not a label name'), []),
    );
  }
  const value = region.value;
  if (!isObject(value)) {
    problems.add(`${at}.value`, 'is missing');
    return [];
  }
  if (region.type === 'choices') {
    const choices = Array.isArray(value.choices) ? value.choices : [];
    return choices.flatMap((c, k) =>
      typeof c === 'string' && c.trim() !== ''
        ? [
            {
              category: c,
              where: `${at}.value.choices[${k}]`,
              geometry: { type: 'class' as const },
            },
          ]
        : (problems.add(`${at}.value.choices[${k}]`, 'is not a class name'), []),
    );
  }
  const key = LABEL_KEYS[region.type];
  if (!key) {
    problems.add(
      `${at}.type`,
      `"${region.type}" is not a region Airlock reads (labels, choices, rectanglelabels, polygonlabels, keypointlabels, relation)`,
    );
    return [];
  }
  const labels = value[key];
  if (
    !Array.isArray(labels) ||
    labels.length === 0 ||
    !labels.every((l) => typeof l === 'string' && l.trim() !== '')
  ) {
    problems.add(`${at}.value.${key}`, 'needs at least one label name');
    return [];
  }
  const size = {
    ...(isFiniteNumber(region.original_width) ? { width: region.original_width } : {}),
    ...(isFiniteNumber(region.original_height) ? { height: region.original_height } : {}),
  };
  const geometry = regionGeometry(region.type, value, `${at}.value`, target, problems, size);
  if (!geometry) return [];
  // A region with several labels becomes one annotation per label; relations point at the first.
  return (labels as string[]).map((category, k) => {
    const annotation: ImportedAnnotation = { category, where: at, geometry };
    if (ref !== undefined && k === 0) annotation.ref = ref;
    return annotation;
  });
}

function regionGeometry(
  type: string,
  value: Record<string, unknown>,
  at: string,
  target: ItemRef,
  problems: Problems,
  size: { width?: number; height?: number },
): Geometry | undefined {
  const pct = (v: unknown) => (v as number) / 100;
  if (type === 'labels') {
    if (target.kind !== 'text') return void problems.add(at, 'is a text span on an image task');
    const { start, end } = value;
    if (!Number.isInteger(start) || !Number.isInteger(end))
      return void problems.add(
        at,
        '"start" and "end" must be whole numbers (HTML/XPath ranges are not read)',
      );
    const index = new CodePointIndex(target.text);
    const s = start as number;
    const e = end as number;
    if (s < 0 || e <= s || e > index.length)
      return void problems.add(
        at,
        `[${s}, ${e}) is not a non-empty range inside the text (${index.length} code points)`,
      );
    const covered = index.slice(s, e);
    if (typeof value.text === 'string' && value.text !== covered) {
      return void problems.add(
        `${at}.text`,
        `is ${JSON.stringify(value.text)} but text[${s}:${e}] is ${JSON.stringify(covered)}; offsets must count Unicode code points`,
      );
    }
    return { type: 'span', start: s, end: e };
  }
  if (target.kind !== 'image') return void problems.add(at, 'is an image region on a text task');
  const rotation = value.rotation ?? 0;
  if (!isFiniteNumber(rotation)) return void problems.add(`${at}.rotation`, 'is not a number');
  if (rotation !== 0 && type !== 'rectanglelabels')
    return void problems.add(`${at}.rotation`, `is not 0: only rectangles turn`);
  if (type === 'rectanglelabels') {
    const nums = ['x', 'y', 'width', 'height'].map((k) => value[k]);
    if (!nums.every(isFiniteNumber))
      return void problems.add(at, 'needs numbers x, y, width and height (percent)');
    const [x, y, w, h] = nums as [number, number, number, number];
    if (w < 0 || h < 0) return void problems.add(at, 'has a negative width or height');
    if (rotation === 0)
      return { type: 'box', x: pct(x), y: pct(y), w: pct(w), h: pct(h), relative: true };
    return rotatedRectangle(x, y, w, h, rotation, size, at, problems);
  }
  if (type === 'polygonlabels') {
    const points = value.points;
    if (
      !Array.isArray(points) ||
      points.length < 3 ||
      !points.every((p) => Array.isArray(p) && p.length === 2 && p.every(isFiniteNumber))
    ) {
      return void problems.add(`${at}.points`, 'needs at least 3 points [x, y] in percent');
    }
    return {
      type: 'polygon',
      points: (points as [number, number][]).map(([x, y]) => [pct(x), pct(y)]),
      relative: true,
    };
  }
  if (!isFiniteNumber(value.x) || !isFiniteNumber(value.y))
    return void problems.add(at, 'needs numbers x and y (percent)');
  return { type: 'point', x: pct(value.x), y: pct(value.y), relative: true };
}

/**
 * A rectangle Label Studio turned by `rotation` degrees clockwise about its top-left corner
 * (x, y), in percent of the image: our rotated box (centre, size, angle in (-180, 180]). The
 * turn is in pixels, so the region must state the image's size, as Label Studio's own do.
 */
function rotatedRectangle(
  x: number,
  y: number,
  w: number,
  h: number,
  rotation: number,
  size: { width?: number; height?: number },
  at: string,
  problems: Problems,
): Geometry | undefined {
  const { width, height } = size;
  if (width === undefined || height === undefined || width <= 0 || height <= 0)
    return void problems.add(
      at,
      'is a rotated rectangle without original_width and original_height, so its turn cannot be placed in pixels',
    );
  const pw = (w / 100) * width;
  const ph = (h / 100) * height;
  const rad = (rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (x / 100) * width + (pw / 2) * cos - (ph / 2) * sin;
  const cy = (y / 100) * height + (pw / 2) * sin + (ph / 2) * cos;
  return { type: 'rbox', cx, cy, w: pw, h: ph, angle: angleOfTurn(rotation) };
}
