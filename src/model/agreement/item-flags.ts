import type { Annotation } from '../annotation.ts';
import { classChoices, isClassLabel, labeledBy } from './class-decisions.ts';
import { compareKind, PAIRWISE_KINDS, type Thresholds } from './pairwise.ts';
import type { AgreementInput } from './report.ts';
import { pairsOf, type AgreementKind } from './rows.ts';

// Which items the review view should show first: those whose annotators differ. Among the
// annotators who labeled an item, they differ on classes when their chosen class labels are
// not the same set; on spans when any span lacks an exact partner; on boxes and polygons
// when any lacks a partner at the IoU threshold; on points when any has none within the
// radius. Relations are not compared. An item labeled by fewer than two differs on nothing.

export function itemFlags(
  input: AgreementInput,
  thresholds: Thresholds,
): Record<string, AgreementKind[]> {
  const byItem = new Map<string, Annotation[]>();
  for (const a of input.annotations) {
    const list = byItem.get(a.itemId);
    if (list) list.push(a);
    else byItem.set(a.itemId, [a]);
  }
  const classLabels = new Set(input.labels.filter(isClassLabel).map((l) => l.id));
  return Object.fromEntries(
    input.items.map((item) => {
      const who = input.annotators.filter((a) => labeledBy(item, a));
      const here = byItem.get(item.id) ?? [];
      const chosen = classChoices(here, classLabels).get(item.id);
      return [item.id, who.length < 2 ? [] : differences(who, here, chosen, thresholds)];
    }),
  );
}

function differences(
  who: readonly string[],
  here: readonly Annotation[],
  /** Annotator → the class labels they chose here. */
  chosen: ReadonlyMap<string, ReadonlySet<string>> | undefined,
  thresholds: Thresholds,
): AgreementKind[] {
  const kinds: AgreementKind[] = [];
  const sets = who.map((a) => JSON.stringify([...(chosen?.get(a) ?? [])].sort()));
  if (sets.some((s) => s !== sets[0])) kinds.push('classes');
  const of = (annotator: string) => here.filter((a) => a.annotator === annotator);
  for (const kind of PAIRWISE_KINDS) {
    const differ = pairsOf(who.length).some(([i, j]) => {
      const { overall } = compareKind(kind, of(who[i]!), of(who[j]!), thresholds);
      const counts = 'exact' in overall ? overall.exact : overall;
      return counts.matched !== counts.reference || counts.matched !== counts.compared;
    });
    if (differ) kinds.push(kind);
  }
  return kinds;
}
