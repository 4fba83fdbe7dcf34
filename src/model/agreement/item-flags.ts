import { classChoices, isClassLabel, labeledBy } from './class-decisions.ts';
import type { PairwiseKind } from './pairwise.ts';
import type { AgreementInput } from './report.ts';
import type { AgreementKind } from './rows.ts';

// Which items the review view should show first: those whose annotators differ. Among the
// annotators who labeled an item, they differ on classes when their chosen class labels are
// not the same set; on spans when any span lacks an exact partner; on boxes and polygons
// when any lacks a partner at the IoU threshold; on points when any has none within the
// radius (pairwise.ts finds those). Relations are not compared. An item labeled by fewer
// than two annotators differs on nothing.

export function itemFlags(
  input: AgreementInput,
  pairwise: ReadonlyMap<string, readonly PairwiseKind[]>,
): Record<string, AgreementKind[]> {
  const classLabels = new Set(input.labels.filter(isClassLabel).map((l) => l.id));
  const choices = classChoices(input.annotations, classLabels);
  return Object.fromEntries(
    input.items.map((item) => {
      const who = input.annotators.filter((a) => labeledBy(item, a));
      if (who.length < 2) return [item.id, []];
      const chosen = choices.get(item.id);
      const sets = who.map((a) => JSON.stringify([...(chosen?.get(a) ?? [])].sort()));
      const classes = sets.some((s) => s !== sets[0]);
      return [
        item.id,
        [...(classes ? ['classes' as const] : []), ...(pairwise.get(item.id) ?? [])],
      ];
    }),
  );
}
