import { LABEL_KIND_NAMES, Label, QUESTION_KINDS, type LabelKind } from './label.ts';
import { newId } from './ids.ts';

// Pure edits of a project's label schema. Each returns a new array; the caller stores it.

export class LabelSchemaError extends Error {
  override name = 'LabelSchemaError';
}

/** Kinds offered together: everything on a text item, everything on an image item. */
const SURFACES: readonly (readonly LabelKind[])[] = [
  ['span', 'text_class', 'relation'],
  ['box', 'polygon', 'point', 'image_class', 'rbox', 'polyline', 'keypoints', 'mask'],
  ['preference', 'ranking', 'rating', 'flag', 'rationale', 'rewrite'],
];

function onSameSurface(a: readonly LabelKind[], b: readonly LabelKind[]): boolean {
  return SURFACES.some(
    (surface) => a.some((k) => surface.includes(k)) && b.some((k) => surface.includes(k)),
  );
}

/**
 * Two labels conflict when they share a hotkey and are offered at the same time: both on
 * text items or both on image items. A span label and a box label may share "1".
 */
export function hotkeyConflict(
  labels: readonly Label[],
  hotkey: string,
  kinds: readonly LabelKind[],
  exceptId?: string,
): Label | undefined {
  const key = hotkey.toLowerCase();
  return labels.find(
    (l) => l.id !== exceptId && l.hotkey?.toLowerCase() === key && onSameSurface(l.kinds, kinds),
  );
}

function nameTaken(labels: readonly Label[], name: string, exceptId?: string): boolean {
  const wanted = name.trim().toLowerCase();
  return labels.some((l) => l.id !== exceptId && l.name.trim().toLowerCase() === wanted);
}

function checked(labels: readonly Label[], label: Label): Label {
  const parsed = Label.safeParse(label);
  if (!parsed.success)
    throw new LabelSchemaError(parsed.error.issues[0]?.message ?? 'invalid label');
  if (nameTaken(labels, label.name, label.id)) {
    throw new LabelSchemaError(`a label named "${label.name.trim()}" already exists`);
  }
  if (label.hotkey) {
    const other = hotkeyConflict(labels, label.hotkey, label.kinds, label.id);
    if (other)
      throw new LabelSchemaError(`hotkey "${label.hotkey}" is already used by "${other.name}"`);
  }
  return parsed.data;
}

/**
 * A question label asks only its question. Checked when kinds are set, not on other edits:
 * a label stored before the rule with mixed kinds can still be renamed or recoloured.
 */
function checkKinds(kinds: readonly LabelKind[]): void {
  const question = kinds.find((k) => QUESTION_KINDS.includes(k));
  if (question && kinds.length > 1) {
    throw new LabelSchemaError(
      `a ${LABEL_KIND_NAMES[question].toLowerCase()} label asks its own question: it applies to nothing else`,
    );
  }
}

export function addLabel(labels: readonly Label[], draft: Omit<Label, 'id'>): Label[] {
  checkKinds(draft.kinds);
  return [...labels, checked(labels, { ...draft, id: newId() })];
}

export function updateLabel(
  labels: readonly Label[],
  id: string,
  change: Partial<Omit<Label, 'id'>>,
): Label[] {
  const current = labels.find((l) => l.id === id);
  if (!current) throw new LabelSchemaError('no such label');
  // Dropping kinds from a label stored with a mix is fine; adding to one is checked.
  if (change.kinds?.some((k) => !current.kinds.includes(k))) checkKinds(change.kinds);
  const next = { ...current, ...change };
  if (next.hotkey === '') delete next.hotkey;
  if (next.group === '') delete next.group;
  const label = checked(labels, next);
  return labels.map((l) => (l.id === id ? label : l));
}

/** Moves a label to `index` (clamped), keeping the others in order. */
export function moveLabel(labels: readonly Label[], id: string, index: number): Label[] {
  const from = labels.findIndex((l) => l.id === id);
  if (from < 0) throw new LabelSchemaError('no such label');
  const rest = labels.filter((l) => l.id !== id);
  const to = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, to), labels[from]!, ...rest.slice(to)];
}

export function removeLabel(labels: readonly Label[], id: string): Label[] {
  return labels.filter((l) => l.id !== id);
}

/** Whether `replacement` can take over `label`'s annotations: it applies to all the same kinds. */
export function canReplace(label: Label, replacement: Label): boolean {
  return label.kinds.every((k) => replacement.kinds.includes(k));
}

export function labelsFor(labels: readonly Label[], kind: LabelKind): Label[] {
  return labels.filter((l) => l.kinds.includes(kind));
}
