// Writing CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
// break quoted, quotes doubled).

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain field. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A field holding text someone else chose (an item or label name). Opened in a spreadsheet,
 * "=HYPERLINK(…)" would run as a formula, so such text gets a leading apostrophe, as OWASP
 * advises; the pipeline strips one leading "'" before = + - @ tab or CR to get the name back.
 */
export function csvText(value: string): string {
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.join(',')}\r\n`).join('');
}
