// Writing CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
// break quoted, quotes doubled), safe to open in a spreadsheet.

/**
 * Characters that make a spreadsheet treat a cell as a formula (CSV injection), and the
 * apostrophe itself, so that a value already starting with one reads back unchanged.
 */
const ESCAPED_START = /^[=+\-@\t\r']/;

/**
 * One cell. Opened in a spreadsheet, "=HYPERLINK(…)" would run as a formula, so every cell
 * that starts like one gets a leading apostrophe, as OWASP advises; a pipeline strips one
 * leading "'" before = + - @ tab, CR or ' to get the value back (see unescapeCsvCell). Every cell
 * goes through here, ids and stems as much as names: none of them is ours to trust.
 */
export function csvCell(value: string): string {
  const safe = ESCAPED_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The value a cell written by csvCell held (after CSV unquoting). */
export function unescapeCsvCell(cell: string): string {
  return cell.replace(/^'(?=[=+\-@\t\r'])/, '');
}

/** Rows of raw values, each cell escaped by csvCell. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}
