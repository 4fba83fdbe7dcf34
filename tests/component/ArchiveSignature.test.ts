import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ArchiveSignature from '../../src/ui/ArchiveSignature.svelte';
import type { ExportResult } from '../../src/export/export-job.ts';

const base: ExportResult = {
  fileName: 'contracts-20261123T102030Z-89113c0c.zip',
  size: 86_100,
  items: 2,
  annotations: 7,
  keyId: '0123456789ABCDEF',
  warnings: [],
  manifestSha256: '89113c0c',
};
const name = `${base.fileName}.minisig`;
const text = 'untrusted comment: x\nRWQ=\ntrusted comment: y\nRWQ=\n';
const win = window as { showSaveFilePicker?: unknown };
afterEach(() => delete win.showSaveFilePicker);

describe('ArchiveSignature', () => {
  it('names the .minisig written with the bundle', () => {
    render(ArchiveSignature, {
      props: { result: { ...base, archiveSignature: { name, text, saved: true } } },
    });
    expect(document.body).toHaveTextContent(`Archive signature ${name} written with it.`);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers to save it when the bundle went to a file the labeler chose', async () => {
    const written: string[] = [];
    const asked: string[] = [];
    win.showSaveFilePicker = (options: { suggestedName: string }) => {
      asked.push(options.suggestedName);
      return Promise.resolve({
        createWritable: () =>
          Promise.resolve({
            write: (t: string) => Promise.resolve(void written.push(t)),
            close: () => Promise.resolve(),
          }),
      });
    };
    render(ArchiveSignature, {
      props: { result: { ...base, archiveSignature: { name, text, saved: false } } },
    });
    await userEvent.click(screen.getByRole('button', { name: `Save ${name}…` }));
    expect(asked).toEqual([name]);
    expect(written).toEqual([text]);
  });

  it('says why an archive over the limit has none', () => {
    render(ArchiveSignature, { props: { result: base } });
    expect(document.body).toHaveTextContent(
      'No archive signature: it is over 536.9 MB, too large to sign whole here.',
    );
  });

  it('downloads it when the browser has no save dialog', async () => {
    const clicked: { name: string; text: Promise<string> }[] = [];
    const blobs = new Map<string, Blob>();
    const url = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const href = `blob:test/${blobs.size}`;
      blobs.set(href, blob as Blob);
      return href;
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ name: this.download, text: blobs.get(this.href)!.text() });
    });
    try {
      render(ArchiveSignature, {
        props: { result: { ...base, archiveSignature: { name, text, saved: false } } },
      });
      await userEvent.click(screen.getByRole('button', { name: `Save ${name}…` }));
      expect(clicked.map((c) => c.name)).toEqual([name]);
      expect(await clicked[0]!.text).toBe(text);
    } finally {
      url.mockRestore();
      click.mockRestore();
    }
  });

  it('says the bundle is saved when only its archive signature failed', () => {
    render(ArchiveSignature, {
      props: { result: { ...base, archiveSignatureError: 'out of memory' } },
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The bundle is saved, but its archive signature could not be made: out of memory.',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});
