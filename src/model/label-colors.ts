import type { Label } from './label.ts';

/** Colours handed out to new labels in turn: distinct, readable on white and on photos. */
export const LABEL_PALETTE = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#808000',
] as const;

/**
 * How far apart two colours look ("redmean" weighted RGB distance: 0 the same, about 765 black
 * to white). Below CLOSE a labeler can mistake one label's shapes for the other's; the
 * palette's own closest pair (olive and brown) is 91 apart.
 */
export function colorDistance(a: string, b: string): number {
  const [r1, g1, b1] = rgb(a);
  const [r2, g2, b2] = rgb(b);
  const mean = (r1 + r2) / 2;
  const [dr, dg, db] = [r1 - r2, g1 - g2, b1 - b2];
  return Math.sqrt((2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db);
}

export const CLOSE = 80;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const hex = (r: number, g: number, b: number) =>
  `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Further candidates once the palette is used up: 24 hues, each darker and lighter. */
const MORE = [0.45, 0.65].flatMap((light) =>
  Array.from({ length: 24 }, (_, k) => {
    const hue = k * 15;
    const chroma = (1 - Math.abs(2 * light - 1)) * 0.75;
    const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
    const sextants: [number, number, number][] = [
      [chroma, x, 0],
      [x, chroma, 0],
      [0, chroma, x],
      [0, x, chroma],
      [x, 0, chroma],
      [chroma, 0, x],
    ];
    const [r, g, b] = sextants[Math.floor(hue / 60)]!;
    const m = light - chroma / 2;
    return hex((r + m) * 255, (g + m) * 255, (b + m) * 255);
  }),
);

/**
 * The colour for a new label: the first palette colour clearly distinct from every colour the
 * project's labels already have (chosen by hand or imported ones too, not only the palette's);
 * when none is, the candidate farthest from its nearest used colour.
 */
export function nextColor(labels: readonly Pick<Label, 'color'>[]): string {
  const used = labels.map((l) => l.color.toLowerCase());
  const nearest = (c: string) => Math.min(Infinity, ...used.map((u) => colorDistance(c, u)));
  const distinct = LABEL_PALETTE.find((c) => nearest(c) >= CLOSE);
  if (distinct) return distinct;
  let best: string = LABEL_PALETTE[0];
  let farthest = -1;
  for (const c of [...LABEL_PALETTE, ...MORE]) {
    const d = nearest(c);
    if (d > farthest) [best, farthest] = [c, d];
  }
  return best;
}
