import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';

const suite = appSuite();

describe('projects and labels', () => {
  it('creates and renames a project, edits its labels, and keeps it all after a reload', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.createProject('Contracts');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Project name').fill('Contracts 2026 📄');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('heading', { name: 'Contracts 2026 📄', level: 2 }).waitFor();

    await bench.tab('Labels').click();
    const form = page.getByRole('form', { name: 'Add a label' });
    for (const [name, hotkey] of [
      ['Party', '1'],
      ['Date', '2'],
    ]) {
      await form.getByLabel('Name').fill(name!);
      await form.getByLabel('Hotkey').fill(hotkey!);
      await form.getByRole('button', { name: 'Add label' }).click();
      await page.getByRole('textbox', { name: `Name of ${name}` }).waitFor();
    }
    // A clash with a label of the same kind is refused and named.
    await form.getByLabel('Name').fill('Amount');
    await form.getByLabel('Hotkey').fill('2');
    await form.getByRole('button', { name: 'Add label' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('hotkey "2" is already used by "Date"');
    // The same hotkey on another kind is fine.
    await form.getByRole('checkbox', { name: 'Span', exact: true }).uncheck();
    await form.getByRole('checkbox', { name: 'Box', exact: true }).check();
    await form.getByRole('button', { name: 'Add label' }).click();
    await page.getByRole('textbox', { name: 'Name of Amount' }).waitFor();

    await page.getByRole('button', { name: 'Move Date up' }).click();
    // Renamed once the move shows (two edits in flight at once: tests/unit/state/workspace.test.ts).
    await expect
      .poll(() => page.getByRole('button', { name: 'Move Date up' }).isDisabled())
      .toBe(true);
    await page.getByRole('textbox', { name: 'Name of Party' }).fill('Signatory');
    await page.getByRole('textbox', { name: 'Name of Party' }).press('Enter');
    await page.getByRole('textbox', { name: 'Name of Signatory' }).waitFor();
    await screenshot(page, 'label-editor');

    const names = () =>
      page
        .getByRole('textbox', { name: /^Name of / })
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(await names()).toEqual(['Date', 'Signatory', 'Amount']);

    await bench.reload();
    await page.getByRole('heading', { name: 'Contracts 2026 📄', level: 2 }).waitFor();
    await bench.tab('Labels').click();
    await expect.poll(names).toEqual(['Date', 'Signatory', 'Amount']);
    expect(await page.getByRole('textbox', { name: 'Hotkey of Amount' }).inputValue()).toBe('2');
  });

  it('asks what happens to annotations when a label in use is deleted', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await page.getByRole('button', { name: /Urgent/ }).click();
    await expect
      .poll(() => page.getByRole('button', { name: /Urgent/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await bench.tab('Labels').click();
    await page.getByRole('button', { name: 'Delete Urgent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete label Urgent' });
    await expect.poll(() => dialog.textContent()).toContain('1 annotation uses this label');
    await dialog.getByRole('radio', { name: /Give them another label/ }).check();
    await dialog.getByLabel('Replacement label').selectOption({ label: 'Off-topic' });
    await dialog.getByRole('button', { name: 'Delete label' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Name of Urgent' }).count()).toBe(0);
    await bench.tab('Items').click();
    await expect
      .poll(() => page.getByRole('button', { name: /Off-topic/ }).getAttribute('aria-pressed'))
      .toBe('true');
  });

  it('deletes a project only after a confirmation that says what is lost', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await page.getByRole('heading', { name: 'Sample project', level: 2 }).waitFor();
    await page.getByRole('button', { name: /Urgent/ }).click();
    await expect
      .poll(() => page.getByRole('button', { name: /Urgent/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.getByRole('button', { name: 'Delete project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Sample project”?' });
    await expect
      .poll(() => dialog.textContent())
      .toMatch(/This permanently deletes 9 items and 1 annotation\s+from this browser/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => bench.project('Sample project').count()).toBe(1);

    await page.getByRole('button', { name: 'Delete project' }).click();
    await dialog.getByRole('button', { name: 'Delete project and its data' }).click();
    await expect.poll(() => bench.project('Sample project').count()).toBe(0);
    await bench.project('Sample conversations').click();
    await bench.deleteProject('Sample conversations');
    await bench.reload();
    await page.getByText('No project yet.').waitFor();
    // The samples are not forced back on someone who deleted them.
    expect(await bench.project('Sample project').count()).toBe(0);
    expect(await bench.project('Sample conversations').count()).toBe(0);
  });
});
