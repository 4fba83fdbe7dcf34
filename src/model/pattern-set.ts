import { z } from 'zod';
import {
  checkRule,
  PatternError,
  parsePatternsJsonl,
  termRules,
  type PatternRule,
} from './patterns.ts';
import type { Label } from './label.ts';

// A project's pre-labeling rules, in named sets (a term list, a regular expression, an imported
// patterns file). Rules carry label ids; imported files name labels, mapped here.

const Rule = z.union([
  z.object({
    label: z.string(),
    kind: z.literal('phrase'),
    text: z.string(),
    ignoreCase: z.boolean(),
  }),
  z.object({
    label: z.string(),
    kind: z.literal('tokens'),
    tokens: z.array(z.record(z.string(), z.unknown())),
  }),
  z.object({
    label: z.string(),
    kind: z.literal('regex'),
    source: z.string(),
    ignoreCase: z.boolean(),
  }),
]);

export const PatternSet = z.object({
  id: z.string().min(1),
  name: z.string(),
  rules: z.array(Rule),
});
export type PatternSet = z.infer<typeof PatternSet>;

/** Terms (one per line) for one label. */
export function termSet(id: string, label: Label, terms: string, ignoreCase: boolean): PatternSet {
  const rules = termRules(label.id, terms, ignoreCase);
  if (rules.length === 0) throw new PatternError('Write at least one term, one per line.');
  return { id, name: `${rules.length} terms → ${label.name}`, rules };
}

/** A regular expression for one label, checked now. */
export function regexSet(
  id: string,
  label: Label,
  source: string,
  ignoreCase: boolean,
): PatternSet {
  const rule: PatternRule = { label: label.id, kind: 'regex', source, ignoreCase };
  checkRule(rule);
  return { id, name: `/${source}/${ignoreCase ? 'i' : ''} → ${label.name}`, rules: [rule] };
}

/**
 * A Prodigy patterns file, its labels matched by name (case-insensitive) to the project's
 * span labels. An unknown label or a bad line is an error naming the file and line.
 */
export function importedSet(
  id: string,
  fileName: string,
  content: string,
  spanLabels: readonly Label[],
): PatternSet {
  try {
    const rules = parsePatternsJsonl(content).map((rule, i) => {
      const label = spanLabels.find((l) => l.name.toLowerCase() === rule.label.toLowerCase());
      if (!label)
        throw new PatternError(
          `pattern ${i + 1} has the label "${rule.label}", which is not a span label of this project`,
        );
      return { ...rule, label: label.id };
    });
    if (rules.length === 0) throw new PatternError('no patterns in it');
    return { id, name: `${fileName} (${rules.length} patterns)`, rules };
  } catch (error) {
    if (error instanceof PatternError) throw new PatternError(`${fileName}: ${error.message}`);
    throw error;
  }
}
