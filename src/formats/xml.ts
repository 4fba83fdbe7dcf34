// A small XML reader for annotation files (Pascal VOC, CVAT): elements, attributes, text,
// the five predefined entities and numeric character references, comments, CDATA, the XML
// declaration and a DOCTYPE without an internal subset. No external entities are ever
// resolved, so a hostile file cannot reach anything. Errors name the line.

export interface XmlElement {
  name: string;
  /** Attribute values by name, entities decoded (CVAT keeps its geometry there). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element, entities decoded. */
  text: string;
  line: number;
}

export class XmlError extends Error {
  override name = 'XmlError';

  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][\w.:-]*/y;

function decode(raw: string, line: number): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError('has a bare "&" (write &amp;)', line);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) {
        throw new XmlError(`has an invalid character reference ${whole}`, line);
      }
      return String.fromCodePoint(code);
    }
    const entity = ENTITIES[ref];
    if (entity === undefined) throw new XmlError(`uses the undefined entity ${whole}`, line);
    return entity;
  });
}

/** Parses a document; returns its root element. */
export function parseXml(text: string): XmlElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const skipPast = (end: string, what: string) => {
    const at = text.indexOf(end, i);
    if (at < 0) throw new XmlError(`has an unclosed ${what}`, line);
    advance(at + end.length);
  };

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.trim() !== '') {
      const top = stack[stack.length - 1];
      if (!top) throw new XmlError('has text outside the root element', line);
      top.text += decode(chunk, line);
    }
    advance(lt < 0 ? text.length : lt);
    if (lt < 0) break;
    if (text.startsWith('<!--', i)) skipPast('-->', 'comment');
    else if (text.startsWith('<![CDATA[', i)) {
      const top = stack[stack.length - 1];
      const end = text.indexOf(']]>', i);
      if (!top || end < 0)
        throw new XmlError('has a CDATA section outside an element or unclosed', line);
      top.text += text.slice(i + 9, end);
      advance(end + 3);
    } else if (text.startsWith('<?', i)) skipPast('?>', 'processing instruction');
    else if (text.startsWith('<!DOCTYPE', i)) {
      const end = text.indexOf('>', i);
      if (end < 0 || text.slice(i, end).includes('[')) {
        throw new XmlError('has a DOCTYPE with an internal subset, which is not read', line);
      }
      advance(end + 1);
    } else if (text.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text);
      const top = stack.pop();
      if (!m || !top || m[0] !== top.name) {
        throw new XmlError(
          `closes <${m?.[0] ?? '?'}> where <${top?.name ?? 'nothing'}> is open`,
          line,
        );
      }
      const end = text.indexOf('>', i);
      if (end < 0 || text.slice(i + 2 + m[0].length, end).trim() !== '')
        throw new XmlError(`has a malformed </${m[0]}>`, line);
      advance(end + 1);
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) throw new XmlError('has a "<" that starts no element (write &lt;)', line);
      const end = tagEnd(text, i);
      if (end < 0) throw new XmlError(`has an unclosed <${m[0]}> tag`, line);
      const selfClosing = text[end - 1] === '/';
      const attributes = readAttributes(
        text.slice(i + 1 + m[0].length, selfClosing ? end - 1 : end),
        m[0],
        line,
      );
      const element: XmlElement = { name: m[0], attributes, children: [], text: '', line };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlError('has a second root element', line);
      else root = element;
      advance(end + 1);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length > 0) throw new XmlError(`ends before </${stack[stack.length - 1]!.name}>`, line);
  if (!root) throw new XmlError('has no root element', line);
  return root;
}

const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/**
 * The attributes of a start tag (the text between its name and `>`). As XML normalizes them,
 * a literal tab or line break in a value reads as a space; `&#10;` stays a line break.
 */
function readAttributes(raw: string, element: string, line: number): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let at = 0;
  while (at < raw.length) {
    if (raw.slice(at).trim() === '') break;
    ATTRIBUTE.lastIndex = at;
    const m = ATTRIBUTE.exec(raw);
    if (!m) throw new XmlError(`has a malformed attribute in <${element}>`, line);
    const name = m[1]!;
    if (name in out) throw new XmlError(`repeats the attribute ${name} in <${element}>`, line);
    out[name] = decode((m[2] ?? m[3]!).replace(/[\t\n\r]/g, ' '), line);
    at = ATTRIBUTE.lastIndex;
  }
  return out;
}

/** Index of the `>` ending the tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let k = from + 1; k < text.length; k++) {
    const c = text[k]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return k;
    else if (c === '<') return -1;
  }
  return -1;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text.trim();
}
