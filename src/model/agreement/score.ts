// A figure of agreement, or the reason there is none. Degenerate data (nothing to compare,
// one category only) has no meaningful value, and a NaN in a review table explains nothing.

export type Score =
  | { value: number; n: number; reason?: undefined }
  | { value: undefined; n: number; reason: string };

export function scored(value: number, n: number): Score {
  return { value, n };
}

export function unscored(reason: string, n: number): Score {
  return { value: undefined, n, reason };
}
