// RFC 4180 CSV, read in one left-to-right pass (shared by item import and the formats' readers) so large files stay linear time.
// Line numbers are physical lines (a quoted field may span several), 1-based.

export class CsvError extends Error {
  override name = 'CsvError';

  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

interface CsvRecord {
  fields: string[];
  line: number;
}

/** Yields records one at a time, so reading only the header does not parse the whole file. */
function* csvRecords(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = 0;
  let line = 1;

  /** Steps over a line ending at i (CRLF, LF or lone CR), if there is one. */
  const skipLineEnd = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      return true;
    }
    return false;
  };

  const quotedField = (): string => {
    const startLine = line;
    const parts: string[] = [];
    i++; // opening quote
    let start = i;
    for (;;) {
      if (i >= n) throw new CsvError('has an unterminated quoted field', startLine);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        parts.push(text.slice(start, i));
        if (text.charCodeAt(i + 1) !== QUOTE) break;
        i += 2; // "" is a literal quote: keep the first, skip the second
        start = i - 1;
      } else if (!skipLineEnd()) i++;
    }
    i++; // closing quote
    const next = text.charCodeAt(i);
    if (i < n && next !== COMMA && next !== CR && next !== LF) {
      throw new CsvError('has characters after a closing quote', line);
    }
    return parts.join('');
  };

  // Lenient: a quote inside an unquoted field is kept as written.
  const unquotedField = (): string => {
    const start = i;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CR || c === LF) break;
    }
    return text.slice(start, i);
  };

  while (i < n) {
    const record: CsvRecord = { fields: [], line };
    for (;;) {
      record.fields.push(text.charCodeAt(i) === QUOTE ? quotedField() : unquotedField());
      if (text.charCodeAt(i) !== COMMA) break;
      i++;
    }
    // The record ends at a line ending or at the end of the text; a final newline adds nothing.
    skipLineEnd();
    yield record;
  }
}

export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const { fields, line } of csvRecords(text)) {
    rows.push(fields);
    lines.push(line);
  }
  return { rows, lines };
}

/** The header row: the choices offered for "which column is the text?". */
export function csvColumns(text: string): string[] {
  for (const { fields } of csvRecords(text)) return fields;
  return [];
}
