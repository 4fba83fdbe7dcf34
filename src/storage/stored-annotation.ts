import { Annotation } from '../model/annotation.ts';
import { CorruptRecordError } from './errors.ts';
import { isPlainShape } from '../model/plain-shape.ts';

// Annotations read back from IndexedDB are checked before they are shown. Through the schema
// (zod, jitless under our CSP) that takes about 12 µs a record: 10,000 spans are a good part
// of a long text's opening. Spans and relations with plain fields only (what the text
// workbench writes) and plain boxes, points and polygons (model/plain-shape.ts) are checked
// directly, to the schema's own rules; any other record,
// and any that fails here, goes through the schema, whose message says what is wrong.

const BASE = ['id', 'projectId', 'itemId', 'label', 'annotator', 'createdAt', 'updatedAt', 'type'];
const SPAN_FIELDS = new Set([...BASE, 'start', 'end', 'text', 'comment']);
const RELATION_FIELDS = new Set([...BASE, 'from', 'to']);

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function onlyFields(row: object, fields: ReadonlySet<string>): boolean {
  for (const key of Object.keys(row)) if (!fields.has(key)) return false;
  return true;
}

function hasBase(r: Record<string, unknown>): boolean {
  return (
    isName(r.id) &&
    isName(r.projectId) &&
    isName(r.itemId) &&
    isName(r.label) &&
    isName(r.annotator) &&
    typeof r.createdAt === 'string' &&
    typeof r.updatedAt === 'string'
  );
}

/** A plain span or relation the schema would accept as it is (no field to drop or default). */
function isPlainTextAnnotation(row: unknown): boolean {
  if (typeof row !== 'object' || row === null || Object.getPrototypeOf(row) !== Object.prototype)
    return false;
  const r = row as Record<string, unknown>;
  if (r.type === 'span') {
    return (
      onlyFields(r, SPAN_FIELDS) &&
      hasBase(r) &&
      isOffset(r.start) &&
      isOffset(r.end) &&
      r.end > r.start &&
      typeof r.text === 'string' &&
      (r.comment === undefined
        ? !('comment' in r)
        : typeof r.comment === 'string' && r.comment.length <= 10_000)
    );
  }
  if (r.type === 'relation') {
    return onlyFields(r, RELATION_FIELDS) && hasBase(r) && isName(r.from) && isName(r.to);
  }
  return false;
}

/** A stored annotation, checked; a damaged one throws CorruptRecordError naming it. */
export function storedAnnotation(row: unknown): Annotation {
  if (isPlainTextAnnotation(row) || isPlainShape(row)) return row as Annotation;
  const parsed = Annotation.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const id = (row as { id?: unknown } | null)?.id;
    throw new CorruptRecordError(
      `Stored annotation ${String(id)} is damaged: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
  return parsed.data;
}
