import type { Annotation } from '../annotation.ts';
import type { Label } from '../label.ts';
import type { ClassGroup } from '../class-group.ts';
import { f1Scores, type F1Scores } from './f1.ts';
import {
  agreementReport,
  type AgreementKind,
  type AgreementRow,
  type ItemDifference,
} from './report.ts';
import { flagLabelIds, verdicts } from '../conversation-answers.ts';

// What a lead needs per labeler: items worked on, and how their work compares with the
// adjudicated result on the items the lead reviewed — precision (how much of what they
// marked the result kept) and recall (how much of the result they had marked). Spans match
// exactly, shapes at the IoU threshold (as in the agreement table); classes per item; answers
// about model outputs by their verdicts per item (preferences, rankings, ratings and flags on
// a response, as "Only disagreements" compares them).

/** Stands for the adjudicated result among the annotators compared. */
export const RESULT = '(result)';

export interface LabelerFigure {
  signer: string;
  /** Items they worked on (marked done or annotated). */
  items: number;
  /** Of those, items the lead reviewed: the figures below count only these. */
  reviewed: number;
  kinds: { kind: ItemDifference; precision?: number; recall?: number; n: number }[];
}

export interface FiguresInput {
  labels: readonly Label[];
  classGroups: readonly ClassGroup[];
  signers: readonly string[];
  /** Item id → who worked on it. */
  labeledBy: ReadonlyMap<string, readonly string[]>;
  /** Items the lead reviewed, with the result's annotations. */
  results: ReadonlyMap<string, readonly Annotation[]>;
  kindOf: (itemId: string) => 'text' | 'image';
  /** Every labeler's annotations; `annotator` is the signer. */
  submitted: readonly Annotation[];
  iouThreshold: number;
}

const METRIC = { spans: 'exact-', boxes: '', polygons: '', points: '' } as const;

export function labelerFigures(input: FiguresInput): LabelerFigure[] {
  return input.signers.map((signer) => {
    const worked = [...input.labeledBy].filter(([, who]) => who.includes(signer));
    const reviewed = worked.filter(([id]) => input.results.has(id)).map(([id]) => id);
    const mine = input.submitted.filter((a) => a.annotator === signer);
    const result = reviewed.flatMap((id) =>
      (input.results.get(id) ?? []).map((a) => ({ ...a, annotator: RESULT })),
    );
    const report = agreementReport(
      {
        labels: input.labels,
        classGroups: input.classGroups,
        annotators: [RESULT, signer],
        items: reviewed.map((id) => ({ id, kind: input.kindOf(id), annotators: [RESULT, signer] })),
        annotations: [...result, ...mine],
      },
      { iouThreshold: input.iouThreshold },
    );
    const overall = (kind: AgreementKind, metric: string): AgreementRow | undefined =>
      report.rows.find((r) => r.kind === kind && !r.label && !r.group && r.metric === metric);
    const kinds: LabelerFigure['kinds'] = [];
    const flags = flagLabelIds(input.labels);
    const classes = classScores(reviewed, result, mine, flags);
    if (classes.reference + classes.compared > 0) kinds.push(figure('classes', classes));
    for (const kind of ['spans', 'boxes', 'polygons', 'points'] as const) {
      const p = overall(kind, `${METRIC[kind]}precision`);
      const r = overall(kind, `${METRIC[kind]}recall`);
      if (!p && !r) continue;
      kinds.push({
        kind,
        ...(p?.value !== undefined ? { precision: p.value } : {}),
        ...(r?.value !== undefined ? { recall: r.value } : {}),
        n: Math.max(p?.n ?? 0, r?.n ?? 0),
      });
    }
    const answers = answerScores(reviewed, result, mine, flags);
    if (answers.reference + answers.compared > 0) kinds.push(figure('answers', answers));
    return { signer, items: worked.length, reviewed: reviewed.length, kinds };
  });
}

function figure(kind: ItemDifference, scores: F1Scores): LabelerFigure['kinds'][number] {
  return {
    kind,
    ...(scores.precision.value !== undefined ? { precision: scores.precision.value } : {}),
    ...(scores.recall.value !== undefined ? { recall: scores.recall.value } : {}),
    n: scores.reference + scores.compared,
  };
}

/** Classes chosen per item (flags aside: they are answers), the result as reference. */
function classScores(
  items: readonly string[],
  result: readonly Annotation[],
  mine: readonly Annotation[],
  flags: ReadonlySet<string>,
): F1Scores {
  const classes = (list: readonly Annotation[], item: string) =>
    list
      .filter((a) => a.type === 'class' && a.itemId === item && !flags.has(a.label))
      .map((a) => a.label);
  return perItem(items, result, mine, classes);
}

/** Verdicts given per item, the result as reference. */
function answerScores(
  items: readonly string[],
  result: readonly Annotation[],
  mine: readonly Annotation[],
  flags: ReadonlySet<string>,
): F1Scores {
  const said = (list: readonly Annotation[], item: string) =>
    verdicts(
      list.filter((a) => a.itemId === item),
      flags,
    );
  return perItem(items, result, mine, said);
}

/** Precision and recall of the sets `of` gives per item, the result's as reference. */
function perItem(
  items: readonly string[],
  result: readonly Annotation[],
  mine: readonly Annotation[],
  of: (list: readonly Annotation[], item: string) => string[],
): F1Scores {
  let matched = 0;
  let reference = 0;
  let compared = 0;
  for (const item of items) {
    const r = new Set(of(result, item));
    const m = new Set(of(mine, item));
    reference += r.size;
    compared += m.size;
    for (const key of m) if (r.has(key)) matched++;
  }
  return f1Scores({ matched, reference, compared });
}
