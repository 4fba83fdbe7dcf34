import type { PreferenceAnnotation } from '../annotation.ts';
import { fleissKappa, type Rating } from './classes.ts';
import { scored, unscored, type Score } from './score.ts';

// Agreement on pairwise preferences. Each item is a unit; an annotator's category is the
// response they preferred, or "tie". Annotators saw the pair in different orders, so the
// category is the response id, never "left" or "right".

/** Units × annotators of preferences (undefined: this annotator did not answer). */
export type PreferenceUnits = readonly (readonly (PreferenceAnnotation | undefined)[])[];

/** Fleiss' κ on the choice, a tie being a category of its own. */
export function preferenceKappa(units: PreferenceUnits): Score {
  return fleissKappa(units.map((u) => u.map((a): Rating => a?.choice)));
}

/** Fleiss' κ on the direction only: over the items where nobody said tie. */
export function directionKappa(units: PreferenceUnits): Score {
  const decided = units.filter((u) => u.every((a) => a === undefined || a.choice !== 'tie'));
  return fleissKappa(decided.map((u) => u.map((a): Rating => a?.choice)));
}

/**
 * Position bias: the share of decided preferences (ties left out) where the response shown
 * on the left won. With responses shuffled, a fair labeler is near 0.5.
 */
export function leftWins(preferences: readonly PreferenceAnnotation[]): Score {
  const decided = preferences.filter((p) => p.choice !== 'tie');
  if (decided.length === 0) return unscored('no preference chose a side', 0);
  const left = decided.filter((p) => p.choice === p.shown[0]).length;
  return scored(left / decided.length, decided.length);
}
