import type { SourceFile } from '../import/importer.ts';
import { fileKind } from '../import/file-kind.ts';
import { jsonlTextFields } from '../import/jsonl.ts';
import { csvColumns } from '../text/csv.ts';
import { MAX_FILE_BYTES } from '../import/limits.ts';

/** Offers the fields of the first JSONL file and the columns of the first CSV file chosen. */
export async function textColumns(
  files: readonly SourceFile[],
): Promise<{ jsonl: string[]; csv: string[] }> {
  const head = async (kind: 'jsonl' | 'csv') => {
    const file = files.find((f) => fileKind(f.path || f.name) === kind && f.size <= MAX_FILE_BYTES);
    if (!file) return undefined;
    return new TextDecoder().decode(await file.arrayBuffer());
  };
  const [jsonl, csv] = await Promise.all([head('jsonl'), head('csv')]);
  let columns: string[] = [];
  try {
    columns = csv === undefined ? [] : csvColumns(csv);
  } catch {
    // A broken CSV is reported by name when imported.
  }
  return { jsonl: jsonl === undefined ? [] : jsonlTextFields(jsonl), csv: columns };
}
