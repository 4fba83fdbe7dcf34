import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { SAMPLE_TEXTS } from '../../src/sample/sample-texts.ts';

const suite = appSuite();

const file = (name: string, text: string) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(text),
});

describe('brat standoff import', () => {
  it('recognises .ann with its .txt, puts the spans on the matching text, and notes a discontinuous span', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('launch-memo.txt').waitFor();
    const memo = SAMPLE_TEXTS.find((t) => t.name === 'launch-memo.txt')!.text;
    // brat counts code points, as Python does.
    const at = (words: string) => [...memo.slice(0, memo.indexOf(words))].length;
    const range = (words: string) => `${at(words)} ${at(words) + [...words].length}`;
    const ann = [
      `T1\tPerson ${range('Ada Lovelace')}\tAda Lovelace`,
      `T2\tLocation ${range('Zürich')}\tZürich`,
      `T3\tOrganization ${range('Acme')};${range('Research')}\tAcme Research`,
      '',
    ].join('\n');

    await bench.tab('Import').click();
    await page
      .getByLabel('Choose annotation files…')
      .setInputFiles([file('launch-memo.ann', ann), file('launch-memo.txt', memo)]);
    const summary = page.getByRole('region', { name: 'Annotation import summary' });
    await expect.poll(() => summary.textContent()).toMatch(/3 annotations added to 1 item\./);
    expect(await summary.textContent()).toContain('brat standoff');
    expect(await summary.textContent()).toContain('1 discontinuous span(s)');
    await screenshot(page, 'brat-import-summary');

    const stored = (await bench.storedAnnotations()) as unknown as Record<string, unknown>[];
    expect(
      stored
        .filter((a) => a.annotator === 'import:brat')
        .map((a) => a.text)
        .sort(),
    ).toEqual(['Acme Research', 'Ada Lovelace', 'Zürich']);
  });
});
