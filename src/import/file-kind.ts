/** How a file is read, decided by its extension; images are also checked by their bytes. */
export type FileKind = 'txt' | 'jsonl' | 'csv' | 'image';

const BY_EXTENSION: Record<string, FileKind> = {
  txt: 'txt',
  text: 'txt',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  webp: 'image',
  gif: 'image',
};

export const ACCEPTED_EXTENSIONS = Object.keys(BY_EXTENSION).map((e) => `.${e}`);

export function fileKind(name: string): FileKind | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}
