import { afterEach, describe, expect, it } from 'vitest';
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
});
