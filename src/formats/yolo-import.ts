import {
  Problems,
  result,
  type ImportProblem,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { parseClassesTxt, parseDataYaml } from './yaml-names.ts';
import { parseCsv, CsvError } from '../import/csv.ts';
import { unescapeCsvCell } from './csv-text.ts';

/** A text file of a dropped folder, by its folder-relative path. */
export interface TextFile {
  path: string;
  text: string;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const stemOf = (path: string) => baseName(path).replace(/\.[^.]*$/, '');
const NAME_FILES = /^(classes\.txt|obj\.names)$/i;

/** Whether a dropped folder's text files look like a YOLO dataset (class names plus labels). */
export function looksLikeYolo(paths: readonly string[]): boolean {
  const named = paths.some((p) => /\.ya?ml$/i.test(p) || NAME_FILES.test(baseName(p)));
  return named && paths.some((p) => /\.txt$/i.test(p) && !NAME_FILES.test(baseName(p)));
}

/**
 * Reads a YOLO dataset's text files: class names from data.yaml (any .yaml with `names`) or
 * classes.txt / obj.names, and `labels/…/<stem>.txt` files of `class x_center y_center width
 * height` (detection) or `class x1 y1 x2 y2 …` (segmentation) lines, normalized to [0, 1].
 * Airlock's own images.csv, when present, ties each stem to its image's SHA-256.
 */
export function parseYolo(files: readonly TextFile[]): ParseResult {
  const problems: ImportProblem[] = [];
  const names = classNames(files, problems);
  const labelFiles = files.filter(
    (f) => /\.txt$/i.test(f.path) && !NAME_FILES.test(baseName(f.path)),
  );
  const underLabels = labelFiles.filter((f) => /(^|\/)labels\//.test(f.path));
  const chosen = underLabels.length > 0 ? underLabels : labelFiles;
  if (chosen.length === 0)
    problems.push({
      file: files[0]?.path ?? 'YOLO dataset',
      reason: 'has no label files (labels/<image stem>.txt)',
    });
  if (!names || problems.length > 0) return result(problems, []);

  const index = imageIndex(files, problems);
  const records: ImportedRecord[] = [];
  for (const file of chosen) {
    const found = new Problems(file.path);
    const record = labelFile(file, names, found);
    problems.push(...found.list);
    const stem = stemOf(file.path);
    const known = index.get(stem);
    record.target = { kind: 'image', stem, labelPath: file.path, ...(known ?? {}) };
    records.push(record);
  }
  return result(problems, records);
}

function classNames(files: readonly TextFile[], problems: ImportProblem[]): string[] | undefined {
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.path) && /^names\s*:/m.test(f.text));
  const lists = files.filter((f) => NAME_FILES.test(baseName(f.path)));
  const source = yamls.find((f) => /^data\.ya?ml$/i.test(baseName(f.path))) ?? yamls[0] ?? lists[0];
  if (!source) {
    problems.push({
      file: 'YOLO dataset',
      reason: 'has no data.yaml (with names) or classes.txt, so its class numbers have no names',
    });
    return undefined;
  }
  const read = /\.ya?ml$/i.test(source.path)
    ? parseDataYaml(source.path, source.text)
    : parseClassesTxt(source.path, source.text);
  if (!read.ok) {
    problems.push(read.problem);
    return undefined;
  }
  const blank = read.names.findIndex((n) => n.trim() === '');
  if (blank >= 0) {
    problems.push({ file: source.path, reason: `class ${blank} has an empty name` });
    return undefined;
  }
  return read.names;
}

/** Airlock's images.csv: stem → file_name and sha256 of the image it labels. */
function imageIndex(
  files: readonly TextFile[],
  problems: ImportProblem[],
): Map<string, { fileName: string; sha256: string }> {
  const index = new Map<string, { fileName: string; sha256: string }>();
  const csv = files.find((f) => baseName(f.path) === 'images.csv');
  if (!csv) return index;
  try {
    const { rows, lines } = parseCsv(csv.text);
    const header = rows[0] ?? [];
    const [stem, name, sha] = ['stem', 'file_name', 'sha256'].map((h) => header.indexOf(h));
    if (
      stem === undefined ||
      name === undefined ||
      sha === undefined ||
      stem < 0 ||
      name < 0 ||
      sha < 0
    )
      return index;
    rows.slice(1).forEach((row, i) => {
      const sha256 = unescapeCsvCell(row[sha] ?? '');
      if (!/^[0-9a-f]{64}$/.test(sha256)) {
        problems.push({
          file: csv.path,
          where: `line ${lines[i + 1]}`,
          reason: 'has no valid sha256',
        });
      } else {
        // Undo the CSV-injection guard of our own export (csv-text.ts).
        const fileName = unescapeCsvCell(row[name] ?? '');
        index.set(unescapeCsvCell(row[stem] ?? ''), { fileName, sha256 });
      }
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push({ file: csv.path, where: `line ${error.line}`, reason: error.message });
  }
  return index;
}

function labelFile(file: TextFile, names: readonly string[], problems: Problems): ImportedRecord {
  const record: ImportedRecord = {
    file: file.path,
    where: file.path,
    target: { kind: 'image' },
    annotations: [],
  };
  file.text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (problems.full || line.trim() === '') return;
    const where = `line ${i + 1}`;
    const fields = line.trim().split(/\s+/);
    const cls = Number(fields[0]);
    if (!/^\d+$/.test(fields[0]!) || cls >= names.length) {
      return problems.add(
        where,
        `class ${JSON.stringify(fields[0])} is not one of 0…${names.length - 1} from the class names`,
      );
    }
    const values = fields.slice(1).map(Number);
    const bad = values.findIndex((v) => !Number.isFinite(v) || v < 0 || v > 1);
    if (bad >= 0)
      return problems.add(
        where,
        `value ${JSON.stringify(fields[bad + 1])} is not a number between 0 and 1`,
      );
    const category = names[cls]!;
    if (values.length === 4) {
      const [xc, yc, w, h] = values as [number, number, number, number];
      record.annotations.push({
        category,
        where,
        geometry: { type: 'box', x: xc - w / 2, y: yc - h / 2, w, h, relative: true },
      });
    } else if (values.length >= 6 && values.length % 2 === 0) {
      const points: [number, number][] = [];
      for (let k = 0; k < values.length; k += 2) points.push([values[k]!, values[k + 1]!]);
      record.annotations.push({
        category,
        where,
        geometry: { type: 'polygon', points, relative: true },
      });
    } else {
      problems.add(
        where,
        `has ${fields.length} values; a box has 5 (class x_center y_center width height), a polygon 1 + 2 per point (at least 3 points)`,
      );
    }
  });
  return record;
}
