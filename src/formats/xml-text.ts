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
