// Agreement figures for each label and for all labels together (micro: pooled counts).

export interface ByLabel<T> {
  overall: T;
  /** One entry per label either annotator used, in code-unit order of the label ids. */
  labels: ({ label: string } & T)[];
}
