import type { Project } from '../../src/model/project.ts';
import type { Item } from '../../src/model/item.ts';
import type { Annotation } from '../../src/model/annotation.ts';
import type { Label } from '../../src/model/label.ts';
import type { ExportedFile } from '../../src/formats/export-input.ts';
import {
  importAnnotator,
  parseAnnotationFiles,
  wholePixels,
  type AnnotationFormat,
  type TextFile,
} from '../../src/formats/annotation-formats.ts';
import {
  applyCategoryChoices,
  categoriesOf,
  type CategoryChoice,
} from '../../src/formats/category-map.ts';
import { buildAnnotations, matchRecords } from '../../src/formats/import-plan.ts';
import type { ImportProblem } from '../../src/formats/import-records.ts';
import { sha256OfText } from '../../src/import/hash.ts';

// The pure import pipeline end to end, as the app runs it minus storage: parse, map
// categories (as proposed, or as chosen), match items, build annotations.

export interface Imported {
  labels: Label[];
  items: Item[];
  annotations: Annotation[];
  created: Label[];
  newTexts: number;
  duplicates: number;
  notes: string[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Exported files (or a part of them) as the text files an import reads. */
export function asTextFiles(files: readonly ExportedFile[], prefix: string): TextFile[] {
  return files
    .filter((f) => f.path.startsWith(prefix))
    .map((f) => ({ path: f.path, text: decoder.decode(f.data) }));
}

let counter = 0;

export async function runImport(
  format: AnnotationFormat,
  files: readonly TextFile[],
  project: Project,
  items: readonly Item[],
  existing: readonly Annotation[] = [],
  choices: ReadonlyMap<string, CategoryChoice> = new Map(),
): Promise<{ ok: true; value: Imported } | { ok: false; problems: (ImportProblem | string)[] }> {
  const parsed = parseAnnotationFiles(format, files);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const mapped = applyCategoryChoices(
    project.labels,
    categoriesOf(parsed.records, parsed.classes),
    choices,
  );
  if (!mapped.ok) return { ok: false, problems: mapped.problems };
  const textSha = new Map<string, string>();
  for (const r of parsed.records) {
    if (r.target.kind === 'text') textSha.set(r.target.text, await sha256OfText(r.target.text));
  }
  const newId = () => `imported-${++counter}`;
  const matched = matchRecords(
    parsed.records,
    items.filter((i) => i.kind !== 'conversation'),
    textSha,
    newId,
  );
  if (!matched.ok) return { ok: false, problems: matched.problems };
  const byItem = new Map<string, Annotation[]>();
  for (const a of existing) byItem.set(a.itemId, [...(byItem.get(a.itemId) ?? []), a]);
  const built = buildAnnotations({
    projectId: project.id,
    records: parsed.records,
    items: matched.items,
    labelIdOf: mapped.labelIdOf,
    existing: byItem,
    annotator: importAnnotator(format),
    wholePixels: wholePixels(format),
    at: '2026-02-03T04:05:06.000Z',
    newId,
  });
  if (!built.ok) return { ok: false, problems: built.problems };
  let seq = Math.max(0, ...items.map((i) => i.seq)) + 1;
  const newItems: Item[] = matched.newTexts.map((t) => ({
    ...t,
    projectId: project.id,
    seq: seq++,
    kind: 'text',
    status: 'todo',
    note: '',
    createdAt: '2026-02-03T04:05:06.000Z',
    updatedAt: '2026-02-03T04:05:06.000Z',
  }));
  return {
    ok: true,
    value: {
      labels: mapped.labels,
      items: [...items, ...newItems],
      annotations: built.annotations,
      created: mapped.created,
      newTexts: matched.newTexts.length,
      duplicates: built.duplicates,
      notes: [...parsed.notes, ...mapped.notes],
    },
  };
}

/** Like runImport, but fails the test with the problems when there are any. */
export async function mustImport(...args: Parameters<typeof runImport>): Promise<Imported> {
  const out = await runImport(...args);
  if (!out.ok)
    throw new Error(`import failed:\n${out.problems.map((p) => JSON.stringify(p)).join('\n')}`);
  return out.value;
}

/** What an annotation says, without ids, times and who: for comparing round trips. */
export function essence(a: Annotation, labels: readonly Label[]): Record<string, unknown> {
  const what: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    if (!['id', 'createdAt', 'updatedAt', 'annotator', 'projectId'].includes(k)) what[k] = v;
  }
  what.label = labels.find((l) => l.id === a.label)?.name ?? a.label;
  return what;
}
