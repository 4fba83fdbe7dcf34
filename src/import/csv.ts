import { ImportRejected } from './rejection.ts';
import { checkText, type TextRecord } from './text-record.ts';
import { CsvError, parseCsv } from '../text/csv.ts';

// CSV files as text items: one item per row of the chosen column (parsing: text/csv.ts).

/** One item per data row; the first bad row rejects the whole file. */
export function parseCsvItems(file: string, text: string, column: string): TextRecord[] {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new ImportRejected(file, e.message, e.line);
    throw e;
  }
  const { rows, lines } = parsed;
  const header = rows[0] ?? [];
  const textAt = header.indexOf(column);
  if (textAt === -1) throw new ImportRejected(file, `has no column "${column}"`, 1);
  const idAt = header.indexOf('id');

  const records: TextRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lines[r]!;
    // A blank line is a gap, not an item (as in JSONL); editors often leave one at the end.
    if (row.length === 1 && row[0] === '') continue;
    if (row.length < header.length) {
      throw new ImportRejected(
        file,
        `has ${row.length} fields but the header has ${header.length}`,
        line,
      );
    }
    const value = row[textAt]!;
    checkText(file, line, value);
    const id = idAt === -1 ? '' : row[idAt]!;
    records.push({ name: id !== '' ? id : `${file}:${line}`, text: value });
  }
  return records;
}
