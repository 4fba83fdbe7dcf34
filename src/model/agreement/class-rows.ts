import { classQuestions, isClassLabel, type ClassQuestion } from './class-decisions.ts';
import { cohenKappa, fleissKappa, krippendorffAlpha, type Rating } from './classes.ts';
import type { AgreementInput } from './report.ts';
import { inLabelOrder, pairsOf, row, type AgreementRow } from './rows.ts';

// Class agreement rows: overall (every class label's present/absent decisions pooled), each
// "choose one" group (its labels as categories), each class label (present/absent). Fleiss'
// κ and Krippendorff's α over all annotators, Cohen's κ for each pair.

export function classRows(input: AgreementInput): AgreementRow[] {
  if (!input.labels.some(isClassLabel)) return [];
  const { groups, labels } = classQuestions(input);
  const pooled: ClassQuestion = {
    itemIds: labels.flatMap((q) => q.itemIds),
    ratings: labels.flatMap((q) => q.ratings),
  };
  const order = new Map(input.classGroups.map((g, i) => [g.id, i]));
  const byGroupOrder = (a: ClassQuestion, b: ClassQuestion) =>
    order.get(a.group!)! - order.get(b.group!)!;
  return [
    ...questionRows(pooled, input.annotators),
    ...groups.sort(byGroupOrder).flatMap((q) => questionRows(q, input.annotators)),
    ...inLabelOrder(
      input.labels,
      labels.flatMap((q) => questionRows(q, input.annotators)),
    ),
  ];
}

function questionRows(question: ClassQuestion, annotators: readonly string[]): AgreementRow[] {
  const about = {
    kind: 'classes' as const,
    ...(question.group !== undefined && { group: question.group }),
    ...(question.label !== undefined && { label: question.label }),
  };
  const rows = [
    row(about, 'fleiss-kappa', fleissKappa(question.ratings)),
    row(about, 'krippendorff-alpha', krippendorffAlpha(question.ratings)),
  ];
  for (const [i, j] of pairsOf(annotators.length)) {
    const units = question.ratings.map((r): [Rating, Rating] => [r[i], r[j]]);
    const pair = [annotators[i]!, annotators[j]!] as const;
    rows.push(row({ ...about, pair }, 'cohen-kappa', cohenKappa(units)));
  }
  return rows;
}
