import type { Annotation, PreferenceAnnotation } from '../annotation.ts';
import type { Label } from '../label.ts';
import { ranksOf } from '../conversation.ts';
import { directionKappa, leftWins, preferenceKappa } from './preferences.ts';
import { krippendorffAlphaScale } from './ratings.ts';
import { kendallW, meanPairwiseTau } from './rankings.ts';
import { scored, unscored, type Score } from './score.ts';

// The agreement rows for conversation questions, from the labelers' answers: one row per
// figure, per question label. Annotations carry the labeler in `annotator`.

export interface ConversationRow {
  label: string;
  measure: string;
  score: Score;
}

export function conversationAgreement(
  labels: readonly Label[],
  annotators: readonly string[],
  annotations: readonly Annotation[],
): ConversationRow[] {
  const rows: ConversationRow[] = [];
  const items = [...new Set(annotations.map((a) => a.itemId))].sort();
  const of = (label: Label) => annotations.filter((a) => a.label === label.id);
  for (const label of labels) {
    const mine = of(label);
    if (label.kinds.includes('preference')) {
      const prefs = mine.filter((a): a is PreferenceAnnotation => a.type === 'preference');
      const units = items.map((item) =>
        annotators.map((who) => prefs.find((p) => p.itemId === item && p.annotator === who)),
      );
      const used = units.filter((u) => u.some((p) => p !== undefined));
      rows.push({
        label: label.name,
        measure: 'κ on choice (tie a category)',
        score: preferenceKappa(used),
      });
      rows.push({
        label: label.name,
        measure: 'κ on direction (no ties)',
        score: directionKappa(used),
      });
      rows.push({
        label: label.name,
        measure: 'Left one wins (position bias)',
        score: leftWins(prefs),
      });
    }
    if (label.kinds.includes('rating')) {
      const keys = new Map<string, (number | undefined)[]>();
      for (const a of mine) {
        if (a.type !== 'rating') continue;
        const key = `${a.itemId}\u0000${a.response ?? ''}`;
        const unit = keys.get(key) ?? annotators.map(() => undefined);
        const at = annotators.indexOf(a.annotator);
        if (at >= 0) unit[at] = a.value;
        keys.set(key, unit);
      }
      const units = [...keys.values()];
      rows.push({
        label: label.name,
        measure: "Krippendorff's α (ordinal)",
        score: krippendorffAlphaScale(units, 'ordinal'),
      });
      rows.push({
        label: label.name,
        measure: "Krippendorff's α (interval)",
        score: krippendorffAlphaScale(units, 'interval'),
      });
    }
    if (label.kinds.includes('ranking')) {
      const perItem = items.map((item) =>
        annotators.map((who) => {
          const r = mine.find(
            (a) => a.type === 'ranking' && a.itemId === item && a.annotator === who,
          );
          if (r?.type !== 'ranking') return undefined;
          const ranks = ranksOf(r.order);
          const ids = [...ranks.keys()].sort();
          return ids.map((id) => ranks.get(id)!);
        }),
      );
      let sum = 0;
      let n = 0;
      for (const rankings of perItem) {
        const w = kendallW(rankings.filter((r): r is number[] => r !== undefined));
        if (w.value !== undefined) {
          sum += w.value;
          n++;
        }
      }
      rows.push({
        label: label.name,
        measure: "Kendall's W (mean over items)",
        score:
          n > 0 ? scored(sum / n, n) : unscored('no item was ranked by two or more labelers', 0),
      });
      rows.push({
        label: label.name,
        measure: 'Mean pairwise τ-b',
        score: meanPairwiseTau(perItem),
      });
    }
  }
  return rows;
}
