import type { Item } from '../model/item.ts';

// A labeler's bundle carries a copy of each item it labels, and intake holds that copy to the
// item the lead sent. Equal SHA-256 fields are only a claim: a conversation's is of its source
// line, which nobody can recompute from its messages, and a text edited with its hash kept
// would pass them. Annotations made on other words than the lead's must not land.

type Fields = Record<string, unknown>;
const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Fields)[name] : undefined;
/** A list of objects as the values of `names` in order: key order and extra keys aside. */
const canonical = (list: unknown, names: readonly string[]) =>
  Array.isArray(list)
    ? JSON.stringify(list.map((entry) => names.map((name) => field(entry, name) ?? null)))
    : undefined;

/** What in the bundle's copy of `item` differs from the lead's; undefined when nothing does. */
export function contentDiffers(item: Item, copy: Fields): string | undefined {
  switch (item.kind) {
    case 'text':
      return copy.text === item.text ? undefined : 'its text differs from the one sent';
    case 'image':
      return copy.width === item.width && copy.height === item.height
        ? undefined
        : 'its size differs from the image sent';
    case 'conversation':
      if (
        canonical(copy.context, ['role', 'content']) !==
        canonical(item.context, ['role', 'content'])
      )
        return 'its messages differ from the ones sent';
      return canonical(copy.responses, ['id', 'content', 'model']) ===
        canonical(item.responses, ['id', 'content', 'model'])
        ? undefined
        : 'its responses differ from the ones sent';
  }
}
