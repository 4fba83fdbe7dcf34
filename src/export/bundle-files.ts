import type { ZipSink } from '../bundle/zip-writer.ts';

// Where a bundle's bytes land. The final name holds the manifest's hash, known only at the
// end, so a bundle is written under a temporary name and renamed when it is complete; an
// interrupted export leaves no file that looks finished.

export interface BundleFile {
  sink: ZipSink;
  /** Closes the file under its final name; returns the name it ended up with. */
  commit(finalName: string): Promise<string>;
  /** Throws the partial file away. */
  discard(): Promise<void>;
  /** The committed file, read back from disk (to sign the whole archive). */
  saved(): Promise<File>;
  /** Writes a small file next to the bundle (its .minisig); absent when there is no folder. */
  beside?: (name: string, text: string) => Promise<File>;
}

type Movable = FileSystemFileHandle & { move?: (name: string) => Promise<void> };

function sinkOf(writable: FileSystemWritableFileStream): ZipSink {
  return { write: (chunk) => writable.write(chunk as Uint8Array<ArrayBuffer>) };
}

/** A file the labeler chose in a save dialog: renamed only if they kept the suggested name. */
export async function chosenFile(
  handle: FileSystemFileHandle,
  suggestedName: string,
): Promise<BundleFile> {
  const writable = await handle.createWritable();
  return {
    sink: sinkOf(writable),
    async commit(finalName) {
      await writable.close();
      const movable = handle as Movable;
      if (handle.name !== suggestedName || !movable.move) return handle.name;
      try {
        await movable.move(finalName);
        return finalName;
      } catch {
        return handle.name;
      }
    },
    discard: () => writable.abort(),
    saved: () => handle.getFile(),
  };
}

/** A new file in a folder, written as `<temp>.part` and renamed on commit. */
export async function fileInFolder(folder: FileSystemDirectoryHandle): Promise<BundleFile> {
  const temp = `.airlock-${crypto.randomUUID()}.part`;
  const handle = await folder.getFileHandle(temp, { create: true });
  const writable = await handle.createWritable();
  let final: FileSystemFileHandle = handle;
  return {
    sink: sinkOf(writable),
    async commit(finalName) {
      await writable.close();
      const movable = handle as Movable;
      if (movable.move) {
        await movable.move(finalName);
      } else {
        // No rename here: copy under the final name, then drop the temporary file.
        const target = await folder.getFileHandle(finalName, { create: true });
        const out = await target.createWritable();
        await (await handle.getFile()).stream().pipeTo(out);
        await folder.removeEntry(temp);
        final = target;
      }
      return finalName;
    },
    async discard() {
      await writable.abort().catch(() => undefined);
      await folder.removeEntry(temp).catch(() => undefined);
    },
    saved: () => final.getFile(),
    async beside(name, text) {
      const target = await folder.getFileHandle(name, { create: true });
      const out = await target.createWritable();
      await out.write(text);
      await out.close();
      return target.getFile();
    },
  };
}

const STAGING = 'airlock-export-staging';

/**
 * The browser's private file system (OPFS) holds bundles that will be downloaded, so even a
 * download never keeps the archive in memory. Emptied at the start of each export.
 */
export async function stagingFolder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(STAGING, { recursive: true }).catch(() => undefined);
  return root.getDirectoryHandle(STAGING, { create: true });
}
