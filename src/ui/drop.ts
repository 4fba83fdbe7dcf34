import type { SourceFile } from '../import/importer.ts';

/** The browser's File with the folder-relative path kept, so items name their folder. */
function withPath(file: File, path: string): SourceFile {
  return { name: file.name, size: file.size, path, arrayBuffer: () => file.arrayBuffer() };
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: SourceFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push(withPath(file, entry.fullPath.replace(/^\//, '')));
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most 100 entries a call; an empty batch means done.
    for (
      let batch = await readEntries(reader);
      batch.length > 0;
      batch = await readEntries(reader)
    ) {
      for (const child of batch) await walk(child, out);
    }
  }
}

/** Every file dropped, folders walked recursively. */
export async function droppedFiles(data: DataTransfer): Promise<SourceFile[]> {
  const entries = [...data.items].flatMap((i) => {
    const entry = i.kind === 'file' ? i.webkitGetAsEntry() : null;
    return entry ? [entry] : [];
  });
  if (entries.length === 0) return [...data.files].map((f) => withPath(f, f.name));
  const out: SourceFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

/** Files from an <input type=file>, keeping folder-relative paths from a folder picker. */
export function pickedFiles(list: FileList | null): SourceFile[] {
  return [...(list ?? [])].map((f) => withPath(f, f.webkitRelativePath || f.name));
}
