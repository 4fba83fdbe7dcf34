// A word-level diff of two responses (longest common subsequence over words and the spaces
// between them), for the "show differences" view. Pure; quadratic, bounded by MAX_WORDS.

export interface DiffPart {
  text: string;
  /** 'same' in both, 'gone' only in the left, 'new' only in the right. */
  kind: 'same' | 'gone' | 'new';
}

/** Beyond this many words and spaces a side, the table would outgrow memory: no diff is made. */
export const MAX_WORDS = 4000;

function words(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Both sides as parts: the left's parts (same and gone) and the right's (same and new). */
export function wordDiff(
  left: string,
  right: string,
): { left: DiffPart[]; right: DiffPart[] } | undefined {
  const a = words(left);
  const b = words(right);
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) return undefined;
  const m = a.length;
  const n = b.length;
  // lengths[i * (n + 1) + j]: LCS length of a[i..] and b[j..].
  const lengths = new Uint16Array((m + 1) * (n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      lengths[i * (n + 1) + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * (n + 1) + j + 1]! + 1
          : Math.max(lengths[(i + 1) * (n + 1) + j]!, lengths[i * (n + 1) + j + 1]!);
    }
  }
  const out = { left: [] as DiffPart[], right: [] as DiffPart[] };
  const push = (list: DiffPart[], text: string, kind: DiffPart['kind']) => {
    const last = list[list.length - 1];
    if (last && last.kind === kind) last.text += text;
    else list.push({ text, kind });
  };
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) {
      push(out.left, a[i]!, 'same');
      push(out.right, b[j]!, 'same');
      i++;
      j++;
    } else if (lengths[(i + 1) * (n + 1) + j]! >= lengths[i * (n + 1) + j + 1]!) {
      push(out.left, a[i++]!, 'gone');
    } else {
      push(out.right, b[j++]!, 'new');
    }
  }
  while (i < m) push(out.left, a[i++]!, 'gone');
  while (j < n) push(out.right, b[j++]!, 'new');
  return out;
}
