import { z } from 'zod';

// Conversation items (feedback on model outputs): the context up to the turn being judged and
// the candidate next assistant turns. Text is kept exactly as imported.

export const ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Message = z.object({ role: Role, content: z.string() });
export type Message = z.infer<typeof Message>;

export const Response = z.object({
  /** From the source, else r1, r2, … */
  id: z.string().min(1),
  content: z.string(),
  /** The model that wrote it; never shown to a labeler when the project is blind. */
  model: z.string().optional(),
});
export type Response = z.infer<typeof Response>;

/** Where a span or class sits on a conversation: a response or a context message. */
export const Field = z
  .string()
  .regex(/^(?:response:.+|context:\d+)$/, 'a field is "response:<id>" or "context:<index>"');

export const responseField = (id: string) => `response:${id}`;
export const contextField = (index: number) => `context:${index}`;

/** The response id a field names, or undefined for a context field. */
export function fieldResponse(field: string | undefined): string | undefined {
  return field?.startsWith('response:') ? field.slice('response:'.length) : undefined;
}

/** 32-bit FNV-1a of a string's UTF-16 units: small, stable, the same everywhere. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded generator, good enough to shuffle a handful of responses. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order a labeler sees the responses in, random across labelers and items (position bias
 * averages out and can be measured) yet the same every time this labeler opens this item.
 * Every labeler judges the same pair as A and B: the item's seed (project and item) picks the
 * pair, and the labeler's seed which side each is on and the order of the rest; so
 * preferences on an item of more than two responses compare like with like.
 */
export function shownOrder(
  ids: readonly string[],
  seed: { project: string; labeler: string; item: string },
): string[] {
  const order = shuffled(ids, generator(fnv1a(`${seed.project}\u0000${seed.item}`)));
  const random = generator(fnv1a(`${seed.project}\u0000${seed.labeler}\u0000${seed.item}`));
  if (order.length >= 2 && random() < 0.5) [order[0], order[1]] = [order[1]!, order[0]!];
  return [...order.slice(0, 2), ...shuffled(order.slice(2), random)];
}

/** Fisher–Yates, drawing from `random`. */
function shuffled(ids: readonly string[], random: () => number): string[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An answer that records the order it was given against. */
export interface OrderedAnswer {
  type: string;
  shown?: readonly string[];
}

/**
 * The order to show an item's responses in once it has answers: the order they were given
 * against — a preference's pair first (A and B are the responses it judged), then a ranking's
 * order, then the rest as seeded. So the response a labeler preferred as A is still A when
 * the seed changes (a signing key made after answering, shuffling turned on or off).
 */
export function keptOrder(seeded: readonly string[], answers: readonly OrderedAnswer[]): string[] {
  const ids = new Set(seeded);
  const recorded = (type: string) =>
    answers.find((a) => a.type === type && a.shown?.every((id) => ids.has(id)))?.shown ?? [];
  return [...new Set([...recorded('preference'), ...recorded('ranking'), ...seeded])];
}

/** Position letters for responses as shown: A, B, C, … */
export function positionName(index: number): string {
  return String.fromCharCode(65 + (index % 26)) + (index >= 26 ? String(index) : '');
}

// Preferences on a scale: with largest strength S there are 2S + 1 points, left much better
// (S) … tie … right much better (S). Point 0 is the far left.

export interface PreferencePoint {
  /** 'left', 'right' or 'tie'. */
  side: 'left' | 'right' | 'tie';
  /** 1 (slightly better) … S; absent on a tie. */
  strength?: number;
}

export function preferencePoints(maxStrength: number): PreferencePoint[] {
  const points: PreferencePoint[] = [];
  for (let s = maxStrength; s >= 1; s--) points.push({ side: 'left', strength: s });
  points.push({ side: 'tie' });
  for (let s = 1; s <= maxStrength; s++) points.push({ side: 'right', strength: s });
  return points;
}

const STRENGTH_WORDS = ['slightly', 'clearly', 'much', 'far'];

/** "A much better", "Tie", … in the labeler's words. */
export function describePoint(point: PreferencePoint, maxStrength: number): string {
  if (point.side === 'tie') return 'Tie';
  const s = point.strength ?? 1;
  const words =
    maxStrength <= STRENGTH_WORDS.length
      ? (maxStrength === 1 ? ['better'] : STRENGTH_WORDS.slice(0, maxStrength - 1).concat('much'))[
          s - 1
        ]
      : `by ${s}`;
  const word = words === 'better' ? '' : `${words} `;
  return `${point.side === 'left' ? 'A' : 'B'} ${word}better`;
}

/** Which point a stored preference is, given the pair as shown. */
export function pointOf(
  shown: readonly [string, string],
  choice: string,
  strength: number | undefined,
): PreferencePoint {
  if (choice === 'tie') return { side: 'tie' };
  return { side: choice === shown[0] ? 'left' : 'right', strength: strength ?? 1 };
}

// Rankings are stored as tiers, best first; the workbench edits them as a rank number per
// response (equal numbers are a tie), which is what a labeler types.

/** Rank numbers (1 = best) per response id, from tiers. */
export function ranksOf(order: readonly (readonly string[])[]): Map<string, number> {
  const ranks = new Map<string, number>();
  order.forEach((tier, i) => tier.forEach((id) => ranks.set(id, i + 1)));
  return ranks;
}

/**
 * Tiers from rank numbers: equal numbers share a tier, gaps close up (1, 3, 3 → [a], [b, c]).
 * Ids without a rank are left out; within a tier, ids keep the order given.
 */
export function tiersOf(ids: readonly string[], ranks: ReadonlyMap<string, number>): string[][] {
  const numbers = [...new Set(ids.flatMap((id) => (ranks.has(id) ? [ranks.get(id)!] : [])))];
  numbers.sort((a, b) => a - b);
  return numbers.map((n) => ids.filter((id) => ranks.get(id) === n));
}

/** Whether tiers hold every response exactly once (what a finished ranking must be). */
export function isCompleteRanking(
  order: readonly (readonly string[])[],
  ids: readonly string[],
): boolean {
  const all = order.flat();
  return (
    all.length === ids.length &&
    new Set(all).size === ids.length &&
    ids.every((id) => all.includes(id))
  );
}

/**
 * Moves a response to tier `to` (index into the tiers; `tiers.length` makes a new last tier;
 * with `alone`, a new tier is inserted before index `to`). Empty tiers close up.
 */
export function moveToTier(
  order: readonly (readonly string[])[],
  id: string,
  to: number,
  alone = false,
): string[][] {
  const without = order.map((tier) => tier.filter((x) => x !== id));
  const at = Math.max(0, Math.min(to, without.length));
  if (alone || at === without.length) without.splice(at, 0, [id]);
  else without[at] = [...without[at]!, id];
  return without.filter((tier) => tier.length > 0);
}
