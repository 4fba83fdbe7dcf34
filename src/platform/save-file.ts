import type { ZipSink } from '../bundle/zip-writer.ts';

// Saving a file the app made (a workspace backup) through the browser's downloads. The bytes
// go into Blobs as they are produced: the browser keeps large Blobs on disk, not in the page.

/** A ZIP sink that collects the archive as one Blob. */
export class BlobSink implements ZipSink {
  private readonly parts: Blob[] = [];

  write(chunk: Uint8Array): Promise<void> {
    // Copied now: the writer reuses its buffer once this resolves.
    this.parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
    return Promise.resolve();
  }

  blob(type: string): Blob {
    return new Blob(this.parts, { type });
  }
}

/** Hands `blob` to the browser's downloads as `name`. Nothing leaves the machine. */
export function downloadFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; keep it alive a moment for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
