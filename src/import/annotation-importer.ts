import type { Repository, NewItem } from '../storage/repository.ts';
import type { MediaRecord, PreviewRecord } from '../storage/db.ts';
import type { Item } from '../model/item.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Label } from '../model/label.ts';
import { newId, now } from '../model/ids.ts';
import {
  detectFormat,
  importAnnotator,
  parseAnnotationFiles,
  wholePixels,
  FORMAT_NAMES,
  type AnnotationFormat,
  type TextFile,
} from '../formats/annotation-formats.ts';
import {
  applyCategoryChoices,
  categoriesOf,
  proposedChoice,
  unknownCategories,
  type Category,
  type CategoryChoice,
} from '../formats/category-map.ts';
import { buildAnnotations, matchRecords, type PlanItem } from '../formats/import-plan.ts';
import { compare } from '../formats/export-input.ts';
import type { ImportProblem, ImportedRecord } from '../formats/import-records.ts';
import { fileKind } from './file-kind.ts';
import { checkSize } from './limits.ts';
import { decodeUtf8 } from './utf8.ts';
import { ImportRejected } from './rejection.ts';
import { readImage, type ImageDecoder } from './image.ts';
import { sha256Hex, sha256OfText } from './hash.ts';
import type { SourceFile } from './importer.ts';

// Import of existing annotations as pre-annotations, in two steps with the labeler's answer
// in between: prepare (read, parse, match categories) and commit (match items, build, write
// everything in one transaction). The pure work is in src/formats.

/** A selection read and parsed, waiting for the category answers. */
export interface PreparedImport {
  projectId: string;
  format: AnnotationFormat;
  records: ImportedRecord[];
  notes: string[];
  /** Every category the files use, and the ones to ask the labeler about. */
  categories: Category[];
  unknown: Category[];
  /** The proposed answer for each unknown category, by key. */
  proposals: Map<string, CategoryChoice>;
  /** Images of the selection: new ones to store, and stored ones under their dropped path. */
  images: { item: NewItem & { kind: 'image' }; media: MediaRecord; preview?: PreviewRecord }[];
  aliases: PlanItem[];
}

export type Prepared =
  { ok: true; prepared: PreparedImport } | { ok: false; problems: ImportProblem[] };

export interface ImportedSummary {
  format: AnnotationFormat;
  annotations: number;
  items: number;
  newItems: number;
  newLabels: string[];
  widenedLabels: string[];
  duplicates: number;
  notes: string[];
}

export type Committed =
  | { ok: true; summary: ImportedSummary }
  | { ok: false; problems: ImportProblem[] }
  /** The category answers break a label rule: ask again. */
  | { ok: false; mapping: string[] };

const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Records turned into annotations between two breaths. */
const BUILD_SLICE = 1000;

/** Reads and parses the selection; asks nothing and writes nothing. */
export async function prepareAnnotationImport(
  repository: Repository,
  projectId: string,
  files: readonly SourceFile[],
  decodeImage: ImageDecoder,
): Promise<Prepared> {
  const problems: ImportProblem[] = [];
  const texts: TextFile[] = [];
  const pictures: SourceFile[] = [];
  // By path, not in the browser's order (which differs between browsers and drops), so images
  // become items and files are read in the same order every time.
  const byPath = [...files].sort((a, b) => compare(a.path || a.name, b.path || b.name));
  for (const file of byPath) {
    const path = file.path || file.name;
    if (fileKind(path) === 'image') {
      pictures.push(file);
      continue;
    }
    // An empty YOLO label file is an image with no objects (Airlock's own exports have them):
    // the format's parser, not the size check, decides whether empty is fine.
    if (file.size === 0) {
      texts.push({ path, text: '' });
      continue;
    }
    try {
      checkSize(path, file.size);
      const buffer = await file.arrayBuffer().catch(() => {
        throw new ImportRejected(path, 'could not be read (moved, deleted or not accessible)');
      });
      texts.push({ path, text: decodeUtf8(path, new Uint8Array(buffer)) });
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error;
      problems.push({
        file: error.file,
        ...(error.line ? { where: `line ${error.line}` } : {}),
        reason: error.reason,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const format = detectFormat(texts);
  if (typeof format !== 'string') return { ok: false, problems: [format] };
  if (
    pictures.length > 0 &&
    (format === 'spans-jsonl' || format === 'conll' || format === 'hf-tokens' || format === 'brat')
  ) {
    return {
      ok: false,
      problems: [
        {
          file: pictures[0]!.path || pictures[0]!.name,
          reason: `is an image, but ${FORMAT_NAMES[format]} files label texts`,
        },
      ],
    };
  }
  const parsed = parseAnnotationFiles(format, texts);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };

  const project = await repository.getProject(projectId);
  if (!project)
    return { ok: false, problems: [{ file: 'the project', reason: 'no longer exists' }] };
  const images = await readPictures(repository, projectId, pictures, decodeImage);
  if (!images.ok) return { ok: false, problems: images.problems };

  const categories = categoriesOf(parsed.records, parsed.classes);
  const unknown = unknownCategories(project.labels, categories);
  return {
    ok: true,
    prepared: {
      projectId,
      format,
      records: parsed.records,
      notes: parsed.notes,
      categories,
      unknown,
      proposals: new Map(unknown.map((c) => [c.key, proposedChoice(project.labels, c)])),
      images: images.fresh,
      aliases: images.aliases,
    },
  };
}

/** The selection's images: new ones decoded for storing, known ones as aliases under their path. */
async function readPictures(
  repository: Repository,
  projectId: string,
  pictures: readonly SourceFile[],
  decode: ImageDecoder,
) {
  const problems: ImportProblem[] = [];
  const fresh: PreparedImport['images'] = [];
  const aliases: PlanItem[] = [];
  if (pictures.length === 0) return { ok: true as const, fresh, aliases };
  const stored = await imageItemsBySha(repository, projectId);
  const seen = new Set<string>();
  for (const file of pictures) {
    const path = file.path || file.name;
    try {
      checkSize(path, file.size);
      const buffer = await file.arrayBuffer().catch(() => {
        throw new ImportRejected(path, 'could not be read (moved, deleted or not accessible)');
      });
      const sha256 = await sha256Hex(buffer);
      const known = stored.get(sha256) ?? fresh.find((f) => f.item.sha256 === sha256)?.item;
      if (known && known.kind === 'image') {
        aliases.push({
          id: known.id,
          kind: 'image',
          name: path,
          sha256,
          width: known.width,
          height: known.height,
        });
        continue;
      }
      const image = await readImage(path, buffer, seen, decode);
      if (image !== 'duplicate' && image.item.kind === 'image') {
        seen.add(sha256);
        const { item, media } = image;
        const preview = await image.preview?.make();
        fresh.push(preview ? { item, media, preview: { ...preview, sha256 } } : { item, media });
      }
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error;
      problems.push({ file: error.file, reason: error.reason });
    }
    await breathe();
  }
  return problems.length > 0
    ? { ok: false as const, problems }
    : { ok: true as const, fresh, aliases };
}

async function imageItemsBySha(
  repository: Repository,
  projectId: string,
): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  for (const item of await projectItems(repository, projectId))
    if (item.kind === 'image' && !out.has(item.sha256)) out.set(item.sha256, item);
  return out;
}

/** Every item of the project, read in slices so a large project does not freeze the page. */
async function projectItems(repository: Repository, projectId: string): Promise<Item[]> {
  const ids = await repository.itemIds(projectId);
  const items: Item[] = [];
  for (let i = 0; i < ids.length; i += 2000) {
    items.push(...(await repository.getItems(ids.slice(i, i + 2000))));
    await breathe();
  }
  return items;
}

/**
 * Applies the category answers, matches every record to its item, builds the annotations and
 * writes it all in one transaction (repository.importAnnotations). Any problem: nothing written.
 */
export async function commitAnnotationImport(
  repository: Repository,
  prepared: PreparedImport,
  choices: ReadonlyMap<string, CategoryChoice>,
): Promise<Committed> {
  const { projectId, records, format } = prepared;
  const project = await repository.getProject(projectId);
  if (!project)
    return { ok: false, problems: [{ file: 'the project', reason: 'no longer exists' }] };
  const mapped = applyCategoryChoices(
    project.labels,
    prepared.categories,
    new Map([...prepared.proposals, ...choices]),
  );
  if (!mapped.ok) return { ok: false, mapping: mapped.problems };

  const textSha = new Map<string, string>();
  for (const r of records) {
    if (r.target.kind === 'text' && !textSha.has(r.target.text))
      textSha.set(r.target.text, await sha256OfText(r.target.text));
  }
  const stored = await projectItems(repository, projectId);
  const candidates: PlanItem[] = [
    // Conversations take no annotations from these formats.
    ...stored.filter((i) => i.kind !== 'conversation'),
    ...prepared.images.map((i) => i.item),
    ...prepared.aliases,
  ];
  const matched = matchRecords(records, candidates, textSha, newId);
  if (!matched.ok) return { ok: false, problems: matched.problems };

  // Built a slice of records at a time, with a breath in between, so the page stays responsive;
  // each slice sees what is stored and what earlier slices built, so duplicates are still caught.
  const storedIds = new Set(stored.map((i) => i.id));
  const seenOn = new Map<string, Annotation[]>();
  const annotations: Annotation[] = [];
  const problems: ImportProblem[] = [];
  let duplicates = 0;
  const at = now();
  for (let i = 0; i < records.length; i += BUILD_SLICE) {
    const items = matched.items.slice(i, i + BUILD_SLICE);
    const existing = new Map<string, Annotation[]>();
    for (const { id } of items) {
      if (existing.has(id)) continue;
      if (!seenOn.has(id))
        seenOn.set(id, storedIds.has(id) ? await repository.annotationsOf(id) : []);
      existing.set(id, seenOn.get(id)!);
    }
    const built = buildAnnotations({
      projectId,
      records: records.slice(i, i + BUILD_SLICE),
      items,
      labelIdOf: mapped.labelIdOf,
      existing,
      annotator: importAnnotator(format),
      wholePixels: wholePixels(format),
      at,
      newId,
    });
    if (!built.ok) problems.push(...built.problems);
    else {
      duplicates += built.duplicates;
      for (const a of built.annotations) {
        annotations.push(a);
        seenOn.get(a.itemId)!.push(a);
      }
    }
    await breathe();
  }
  if (problems.length > 0) return { ok: false, problems };

  const newTexts: NewItem[] = matched.newTexts.map((t) => ({
    ...t,
    kind: 'text',
    status: 'todo',
    note: '',
  }));
  const items: NewItem[] = [...prepared.images.map((i) => i.item), ...newTexts];
  await repository.importAnnotations(projectId, {
    addLabels: mapped.created,
    changeLabels: [...mapped.widened, ...mapped.numbered],
    items,
    media: prepared.images.map((i) => i.media),
    previews: prepared.images.flatMap((i) => (i.preview ? [i.preview] : [])),
    annotations,
  });
  const names = (labels: Label[]) => labels.map((l) => l.name);
  return {
    ok: true,
    summary: {
      format,
      annotations: annotations.length,
      items: new Set(annotations.map((a) => a.itemId)).size,
      newItems: items.length,
      newLabels: names(mapped.created),
      widenedLabels: names(mapped.widened),
      duplicates,
      notes: [...prepared.notes, ...mapped.notes],
    },
  };
}
