import { classChoices, isClassLabel, labeledBy } from './class-decisions.ts';
import type { PairwiseKind } from './pairwise.ts';
import type { AgreementInput } from './report.ts';
import type { ItemDifference } from './rows.ts';
import { flagLabelIds, verdicts } from '../conversation-answers.ts';

// Which items the review view should show first: those whose annotators differ. Among the
// annotators who labeled an item, they differ on classes when their chosen class labels are
// not the same set; on spans when any span lacks an exact partner; on boxes and polygons
// when any lacks a partner at the IoU threshold; on points when any has none within the
// radius (pairwise.ts finds those); on answers about model outputs when their verdicts
// (preferences, rankings, ratings, flags on a response) are not the same set. Relations,
// rationales and rewrites are not compared. An item labeled by fewer than two annotators
// differs on nothing.

export function itemFlags(
  input: AgreementInput,
  pairwise: ReadonlyMap<string, readonly PairwiseKind[]>,
): Record<string, ItemDifference[]> {
  const classLabels = new Set(input.labels.filter(isClassLabel).map((l) => l.id));
  const choices = classChoices(input.annotations, classLabels);
  const verdicts = answerVerdicts(input);
  return Object.fromEntries(
    input.items.map((item) => {
      const who = input.annotators.filter((a) => labeledBy(item, a));
      if (who.length < 2) return [item.id, []];
      const chosen = choices.get(item.id);
      const sets = who.map((a) => JSON.stringify([...(chosen?.get(a) ?? [])].sort()));
      const classes = sets.some((s) => s !== sets[0]);
      const said = verdicts.get(item.id);
      const answerSets = who.map((a) => JSON.stringify([...(said?.get(a) ?? [])].sort()));
      const answers = answerSets.some((s) => s !== answerSets[0]);
      return [
        item.id,
        [
          ...(classes ? ['classes' as const] : []),
          ...(pairwise.get(item.id) ?? []),
          ...(answers ? ['answers' as const] : []),
        ],
      ];
    }),
  );
}

/** Item id → annotator → the verdicts of their answers and flags (conversation-answers.ts). */
function answerVerdicts(input: AgreementInput): Map<string, Map<string, Set<string>>> {
  const flags = flagLabelIds(input.labels);
  const out = new Map<string, Map<string, Set<string>>>();
  for (const a of input.annotations) {
    const [verdict] = verdicts([a], flags);
    if (verdict === undefined) continue;
    let byAnnotator = out.get(a.itemId);
    if (!byAnnotator) out.set(a.itemId, (byAnnotator = new Map<string, Set<string>>()));
    let said = byAnnotator.get(a.annotator);
    if (!said) byAnnotator.set(a.annotator, (said = new Set<string>()));
    said.add(verdict);
  }
  return out;
}
