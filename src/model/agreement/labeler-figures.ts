import type { Annotation } from '../annotation.ts';
import type { Label } from '../label.ts';
import type { ClassGroup } from '../class-group.ts';
import { f1Scores, type F1Scores } from './f1.ts';
import { agreementReport, type AgreementKind, type AgreementRow } from './report.ts';

// What a lead needs per labeler: items worked on, and how their work compares with the
// adjudicated result on the items the lead reviewed — precision (how much of what they
// marked the result kept) and recall (how much of the result they had marked). Spans match
// exactly, shapes at the IoU threshold (as in the agreement table); classes per item.

/** Stands for the adjudicated result among the annotators compared. */
export const RESULT = '(result)';

export interface LabelerFigure {
  signer: string;
  /** Items they worked on (marked done or annotated). */
  items: number;
  /** Of those, items the lead reviewed: the figures below count only these. */
  reviewed: number;
  kinds: { kind: AgreementKind; precision?: number; recall?: number; n: number }[];
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
    const classes = classScores(reviewed, result, mine);
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
    return { signer, items: worked.length, reviewed: reviewed.length, kinds };
  });
}

function figure(kind: AgreementKind, scores: F1Scores): LabelerFigure['kinds'][number] {
  return {
    kind,
    ...(scores.precision.value !== undefined ? { precision: scores.precision.value } : {}),
    ...(scores.recall.value !== undefined ? { recall: scores.recall.value } : {}),
    n: scores.reference + scores.compared,
  };
}

/** Classes chosen per item, the result as reference. */
function classScores(
  items: readonly string[],
  result: readonly Annotation[],
  mine: readonly Annotation[],
): F1Scores {
  let matched = 0;
  let reference = 0;
  let compared = 0;
  const classes = (list: readonly Annotation[], item: string) =>
    new Set(list.filter((a) => a.type === 'class' && a.itemId === item).map((a) => a.label));
  for (const item of items) {
    const r = classes(result, item);
    const m = classes(mine, item);
    reference += r.size;
    compared += m.size;
    for (const label of m) if (r.has(label)) matched++;
  }
  return f1Scores({ matched, reference, compared });
}
