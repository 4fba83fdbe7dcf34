/** Characters XML 1.0 cannot carry at all, not even escaped: most C0 controls, U+FFFE/FFFF, lone surrogates. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text content for an XML element: markup escaped, impossible characters as U+FFFD. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value for `name="…"`: also quotes, and tabs and line breaks as references (kept). */
export function xmlAttribute(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
