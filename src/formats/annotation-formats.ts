import { result, type ImportProblem, type ParseResult } from './import-records.ts';
import { parseCoco } from './coco-import.ts';
import { looksLikeYolo, parseYolo, type TextFile } from './yolo-import.ts';
import { parseVoc } from './voc-import.ts';
import { parseSpansJsonl } from './spans-jsonl-import.ts';
import { parseLabelStudio } from './label-studio-import.ts';
import { parseConll } from './conll-import.ts';
import { isBratFile, looksLikeBrat, parseBrat } from './brat-import.ts';
import { looksLikeCvat, parseCvat } from './cvat-import.ts';
import { isTagList, looksLikeHfTokens, parseHfTokens } from './hf-tokens-import.ts';

export type { TextFile };

/** The formats whose annotations Airlock imports as pre-annotations. */
export const ANNOTATION_FORMATS = [
  'coco',
  'yolo',
  'voc',
  'cvat',
  'spans-jsonl',
  'label-studio',
  'conll',
  'hf-tokens',
  'brat',
] as const;
export type AnnotationFormat = (typeof ANNOTATION_FORMATS)[number];

export const FORMAT_NAMES: Record<AnnotationFormat, string> = {
  coco: 'COCO JSON',
  yolo: 'YOLO (data.yaml + labels/*.txt)',
  voc: 'Pascal VOC XML',
  cvat: 'CVAT for images 1.1 XML',
  'spans-jsonl': 'Spans JSONL (Airlock, doccano, Prodigy)',
  'label-studio': 'Label Studio JSON',
  conll: 'CoNLL BIO',
  'hf-tokens': 'Hugging Face token classification JSONL',
  brat: 'brat standoff (.ann + .txt)',
};

/** Extensions of the annotation files themselves (images of a dataset come along too). */
export const ANNOTATION_EXTENSIONS = [
  '.json',
  '.jsonl',
  '.ndjson',
  '.xml',
  '.txt',
  '.yaml',
  '.yml',
  '.csv',
  '.names',
  '.conll',
  '.bio',
  '.iob',
  // CoNLL-2003's own files: eng.train, eng.testa, eng.testb (and deu.*).
  '.train',
  '.testa',
  '.testb',
  '.ann',
  '.conf',
];

/**
 * Whether a format writes boxes on whole pixels (VOC): a stored box is then compared with the
 * file as VOC would write it, when looking for duplicates (duplicates.ts).
 */
export function wholePixels(format: AnnotationFormat): boolean {
  return format === 'voc';
}

/** Who imported annotations are credited to when the file names nobody. */
export function importAnnotator(format: AnnotationFormat): string {
  return `import:${format}`;
}

const extension = (path: string) => {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  // CoNLL-2003 ships eng.train, eng.testa and eng.testb, named by their split.
  return ext === 'train' || ext === 'testa' || ext === 'testb' ? 'conll' : ext;
};

/**
 * Which format a set of files is, from names and a look at the content; a problem when the
 * files do not say, or mix formats (one import is one format).
 */
export function detectFormat(files: readonly TextFile[]): AnnotationFormat | ImportProblem {
  const paths = files.map((f) => f.path);
  if (files.length === 0) return { file: 'the selection', reason: 'has no annotation files' };
  if (looksLikeYolo(paths)) return 'yolo';
  // brat: each .ann goes with the .txt of the same name (and the collection's .conf files).
  if (looksLikeBrat(paths)) {
    const odd = files.find((f) => !isBratFile(f.path));
    if (!odd) return 'brat';
    return {
      file: odd.path,
      reason: `is not part of a brat standoff collection (.ann, .txt, .conf); import one format at a time`,
    };
  }
  // Hugging Face token classification: JSONL lines of tokens and ner_tags, and the tag names.
  const lines = files.filter((f) => ['jsonl', 'ndjson'].includes(extension(f.path)));
  if (lines.length > 0 && lines.every((f) => looksLikeHfTokens(f.text))) {
    const odd = files.find(
      (f) => !lines.includes(f) && !(extension(f.path) === 'json' && isTagList(f.text)),
    );
    if (!odd) return 'hf-tokens';
    return {
      file: odd.path,
      reason:
        'is neither token classification JSONL nor its list of tag names; import one format at a time',
    };
  }
  const kinds = new Set(
    files.map((f): AnnotationFormat | undefined => {
      const ext = extension(f.path);
      if (ext === 'xml') return looksLikeCvat(f.text) ? 'cvat' : 'voc';
      if (ext === 'jsonl' || ext === 'ndjson') return 'spans-jsonl';
      if (ext === 'conll' || ext === 'bio' || ext === 'iob' || ext === 'txt') return 'conll';
      if (ext === 'json') return f.text.trimStart().startsWith('[') ? 'label-studio' : 'coco';
      return undefined;
    }),
  );
  if (kinds.has(undefined)) {
    const odd = files.find(
      (f) =>
        !['xml', 'jsonl', 'ndjson', 'conll', 'bio', 'iob', 'txt', 'json'].includes(
          extension(f.path),
        ),
    )!;
    return {
      file: odd.path,
      reason:
        'is not an annotation file Airlock reads (COCO, YOLO, Pascal VOC, CVAT, spans JSONL, Label Studio, CoNLL, Hugging Face tokens, brat)',
    };
  }
  if (kinds.size > 1)
    return {
      file: 'the selection',
      reason: `mixes formats (${[...kinds].map((k) => FORMAT_NAMES[k!]).join(', ')}); import one format at a time`,
    };
  return [...kinds][0]!;
}

/** Parses every file of the selection as one format; any problem fails the whole import. */
export function parseAnnotationFiles(
  format: AnnotationFormat,
  files: readonly TextFile[],
): ParseResult {
  if (format === 'yolo') return parseYolo(files);
  if (format === 'voc') return parseVoc(files);
  if (format === 'cvat') return parseCvat(files);
  if (format === 'hf-tokens') return parseHfTokens(files);
  if (format === 'brat') return parseBrat(files);
  const problems: ImportProblem[] = [];
  const records: ParseResult & { ok: true } = { ok: true, records: [], notes: [], classes: [] };
  for (const file of files) {
    const parse =
      format === 'coco'
        ? parseCoco
        : format === 'spans-jsonl'
          ? parseSpansJsonl
          : format === 'label-studio'
            ? parseLabelStudio
            : parseConll;
    const parsed = parse(file.path, file.text);
    if (parsed.ok) {
      records.records.push(...parsed.records);
      records.notes.push(...parsed.notes);
      records.classes!.push(...(parsed.classes ?? []));
    } else problems.push(...parsed.problems);
  }
  return result(problems, records.records, records.notes, records.classes);
}
