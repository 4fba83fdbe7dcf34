import type { AgreementKind, AgreementMetric, AgreementRow } from './rows.ts';

// The pairwise rows of an agreement report as labeler × labeler matrices, one per measure
// and subject (all labels, one label, one class group), and the whole as CSV rows. A pair
// row is (reference, compared); precision of B against A is recall of A against B, so the
// matrix cell [row A][column B] reads "B measured against A".

export interface Matrix {
  kind: AgreementKind;
  metric: AgreementMetric;
  label?: string;
  group?: string;
  /** cells.get(reference)?.get(compared) */
  cells: Map<string, Map<string, { value?: number; n: number; reason?: string }>>;
}

const MIRROR: Partial<Record<AgreementMetric, AgreementMetric>> = {
  precision: 'recall',
  recall: 'precision',
  'exact-precision': 'exact-recall',
  'exact-recall': 'exact-precision',
  'overlap-precision': 'overlap-recall',
  'overlap-recall': 'overlap-precision',
};

const keyOf = (r: Pick<AgreementRow, 'kind' | 'metric' | 'label' | 'group'>) =>
  `${r.kind}|${r.metric}|${r.label ?? ''}|${r.group ?? ''}`;

export function matrices(rows: readonly AgreementRow[]): Matrix[] {
  const out = new Map<string, Matrix>();
  const cell = (r: AgreementRow, metric: AgreementMetric, a: string, b: string) => {
    const key = keyOf({ ...r, metric });
    let m = out.get(key);
    if (!m) {
      m = {
        kind: r.kind,
        metric,
        ...(r.label ? { label: r.label } : {}),
        ...(r.group ? { group: r.group } : {}),
        cells: new Map(),
      };
      out.set(key, m);
    }
    const row = m.cells.get(a) ?? new Map<string, { value?: number; n: number; reason?: string }>();
    m.cells.set(a, row);
    row.set(b, {
      ...(r.value !== undefined ? { value: r.value } : {}),
      n: r.n,
      ...(r.reason ? { reason: r.reason } : {}),
    });
  };
  for (const r of rows) {
    if (!r.pair) continue;
    const [a, b] = r.pair;
    cell(r, r.metric, a, b);
    cell(r, MIRROR[r.metric] ?? r.metric, b, a);
  }
  return [...out.values()];
}

/** One CSV row per ordered pair: kind, measure, label, reference, compared, value, n. */
export function matrixRows(
  list: readonly Matrix[],
  name: (m: Matrix) => { measure: string; subject: string },
  who: (signer: string) => string,
): string[][] {
  const rows: string[][] = [['kind', 'measure', 'label', 'reference', 'compared', 'value', 'n']];
  for (const m of list) {
    const { measure, subject } = name(m);
    for (const [a, row] of m.cells)
      for (const [b, c] of row)
        rows.push([
          m.kind,
          measure,
          subject,
          who(a),
          who(b),
          c.value?.toFixed(6) ?? '',
          String(c.n),
        ]);
  }
  return rows;
}
