import { z } from 'zod';

// Attributes: facts about one annotation beyond its label (a box is "occluded", a span is
// "negated", a car has "colour: red"). They are declared on the label, so every annotation of
// that label offers the same fields, and stored on the annotation as plain JSON values: the
// native record's `attributes` object, keyed by the attribute's name.

export const ATTRIBUTE_TYPES = ['boolean', 'number', 'text', 'choice'] as const;
export const AttributeType = z.enum(ATTRIBUTE_TYPES);
export type AttributeType = z.infer<typeof AttributeType>;

export const ATTRIBUTE_TYPE_NAMES: Record<AttributeType, string> = {
  boolean: 'Yes/no',
  number: 'Number',
  text: 'Text',
  choice: 'Choice',
};

/** One attribute as a label declares it. */
export const AttributeDef = z
  .object({
    name: z.string().trim().min(1, 'an attribute needs a name').max(100),
    type: AttributeType,
    /** The values a "choice" attribute offers, in the order shown. */
    choices: z.array(z.string().trim().min(1).max(200)).optional(),
    /** A single letter that toggles a yes/no attribute of the selected annotations. */
    hotkey: z
      .string()
      .regex(/^[a-z]$/, 'an attribute hotkey is one letter')
      .optional(),
  })
  .refine((d) => d.type !== 'choice' || (d.choices?.length ?? 0) > 0, {
    message: 'a choice attribute needs at least one choice',
  })
  .refine((d) => d.choices === undefined || new Set(d.choices).size === d.choices.length, {
    message: 'the choices of an attribute must differ',
  });
export type AttributeDef = z.infer<typeof AttributeDef>;

export const AttributeValue = z.union([z.boolean(), z.number().finite(), z.string()]);
export type AttributeValue = z.infer<typeof AttributeValue>;

/** An annotation's attribute values, by attribute name. */
export const AttributeValues = z.record(z.string().min(1), AttributeValue);
export type AttributeValues = z.infer<typeof AttributeValues>;

/**
 * Attributes that standard formats carry (COCO's `iscrowd`; Pascal VOC's `truncated`,
 * `difficult`, `occluded`): a label can declare them in one click, and the exports read them.
 */
export const FORMAT_ATTRIBUTES: readonly AttributeDef[] = [
  { name: 'occluded', type: 'boolean', hotkey: 'q' },
  { name: 'truncated', type: 'boolean' },
  { name: 'difficult', type: 'boolean' },
  { name: 'iscrowd', type: 'boolean' },
];

/** Why `value` does not fit `def`, or undefined when it does. */
export function valueProblem(def: AttributeDef, value: AttributeValue): string | undefined {
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `"${def.name}" is yes or no`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `"${def.name}" is a number`;
    case 'text':
      return typeof value === 'string' ? undefined : `"${def.name}" is text`;
    case 'choice':
      return typeof value === 'string' && def.choices?.includes(value)
        ? undefined
        : `"${def.name}" is one of ${(def.choices ?? []).map((c) => `"${c}"`).join(', ')}`;
  }
}

/**
 * Every problem of `values` against the label's declarations: an undeclared name, or a value
 * of the wrong type. Missing attributes are fine (not yet set).
 */
export function attributeProblems(
  defs: readonly AttributeDef[],
  values: AttributeValues,
): string[] {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const def = byName.get(name);
    if (!def) problems.push(`the label declares no attribute "${name}"`);
    else {
      const problem = valueProblem(def, value);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/**
 * The values with `name` set to `value`, or removed when `value` is undefined. An empty result
 * is undefined, so an annotation without attributes stores none.
 */
export function withAttribute(
  values: AttributeValues | undefined,
  name: string,
  value: AttributeValue | undefined,
): AttributeValues | undefined {
  const next = { ...values };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * Adds a declaration to a label's list, or with `previousName` replaces that one in place.
 * A name or hotkey another declaration has is refused.
 */
export function putAttribute(
  defs: readonly AttributeDef[],
  def: AttributeDef,
  previousName?: string,
): AttributeDef[] {
  const parsed = AttributeDef.safeParse(def);
  if (!parsed.success) throw new AttributeError(parsed.error.issues[0]?.message ?? 'invalid');
  const { name, hotkey } = parsed.data;
  const others = defs.filter((d) => d.name !== previousName);
  if (others.some((d) => d.name === name))
    throw new AttributeError(`an attribute named "${name}" already exists`);
  if (hotkey && others.some((d) => d.hotkey === hotkey))
    throw new AttributeError(`hotkey "${hotkey}" is already used by an attribute`);
  const at = defs.findIndex((d) => d.name === previousName);
  const next = [...others];
  next.splice(at < 0 ? next.length : at, 0, parsed.data);
  return next;
}

export class AttributeError extends Error {
  override name = 'AttributeError';
}
