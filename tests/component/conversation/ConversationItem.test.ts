import { describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ItemView from '../../../src/ui/ItemView.svelte';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import { Workspace } from '../../../src/state/workspace.svelte.ts';
import type { Label } from '../../../src/model/label.ts';
import type { Project } from '../../../src/model/project.ts';
import { freshRepository } from '../../factories/files.ts';
import { shownOrder } from '../../../src/model/conversation.ts';
import { pendingWrites } from '../../../src/storage/pending-writes.ts';
import { saveTextSettings } from '../../../src/storage/text-settings.ts';
import { ProjectGuide } from '../../../src/state/project-guide.svelte.ts';

const LABELS: Label[] = [
  {
    id: 'pref',
    name: 'Better',
    color: '#4363d8',
    kinds: ['preference'],
    strength: 2,
    required: true,
  },
  { id: 'rank', name: 'Order', color: '#911eb4', kinds: ['ranking'] },
  {
    id: 'help',
    name: 'Helpful',
    color: '#3cb44b',
    kinds: ['rating'],
    scale: { min: 1, max: 3, names: { '1': 'no', '3': 'very' } },
  },
  { id: 'refusal', name: 'Refusal', color: '#9a6324', kinds: ['flag'], hotkey: 'r' },
  { id: 'why', name: 'Why', color: '#808000', kinds: ['rationale'], hotkey: 'w' },
  { id: 'ideal', name: 'Ideal', color: '#f58231', kinds: ['rewrite'] },
  // A digit on purpose: words selected in a message take it before the questions do.
  { id: 'halluc', name: 'Hallucination', color: '#e6194b', kinds: ['span'], hotkey: '1' },
];

/** The item view as the item browser shows it, to a labeler with this key id. */
function show(
  editor: ItemEditor,
  project: Project,
  labeler: string,
  onnexttodo = vi.fn(),
  guide?: ProjectGuide,
) {
  render(ItemView, {
    props: { editor, project, onnext: vi.fn(), onprevious: vi.fn(), onnexttodo, labeler, guide },
  });
}

/** One conversation to judge, shown; with `guidelines`, the project has them. */
async function setup(guidelines?: string) {
  const repository = freshRepository();
  const project = await repository.createProject('Judge', LABELS);
  await repository.addItems(project.id, [
    {
      id: 'c1',
      kind: 'conversation',
      name: 'q1',
      sha256: 'c'.repeat(64),
      status: 'todo',
      note: '',
      context: [
        { role: 'system', content: 'Be nice.' },
        { role: 'user', content: 'Hello <b>there</b>' },
      ],
      responses: [
        { id: 'x', content: 'Hi **friend**', model: 'model-x' },
        { id: 'y', content: 'Go away\r\nnow', model: 'model-y' },
      ],
    },
  ]);
  const workspace = new Workspace(repository);
  await workspace.load();
  const editor = new ItemEditor(
    repository,
    () => 'ABCDEF0123456789',
    (w) => workspace.attempt(w),
  );
  await editor.open('c1');
  if (guidelines !== undefined) await saveTextSettings(repository.db, project.id, { guidelines });
  const guide = new ProjectGuide(repository.db, project.id);
  const onnexttodo = vi.fn();
  show(editor, project, 'ABCDEF0123456789', onnexttodo, guide);
  const stored = async () => await repository.annotationsOf('c1');
  return { editor, onnexttodo, stored, project, guide };
}

describe('a conversation item', () => {
  it('shows the transcript with roles and the responses blind', async () => {
    await setup();
    const transcript = screen.getByRole('list', { name: 'Conversation so far' });
    expect(
      within(transcript).getByRole('listitem', { name: 'System message 1' }).textContent,
    ).toContain('Be nice.');
    expect(
      within(transcript).getByRole('listitem', { name: 'User message 2' }).textContent,
    ).toContain('Hello <b>there</b>');
    expect(screen.getByRole('region', { name: 'Response A' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Response B' })).toBeTruthy();
    expect(document.body.textContent).not.toContain('model-x');
  });

  it('marks words selected in a message with a span label’s key, in code points of that message', async () => {
    const user = userEvent.setup();
    const { editor, stored } = await setup();
    await user.click(screen.getByRole('checkbox', { name: 'Show raw text' }));
    // Select "friend" in the raw text of the response shown as A (x or y, by the seeded order).
    const a = screen.getByRole('region', { name: 'Response A' });
    const pre = a.querySelector('pre')!;
    const node = pre.firstElementChild!.firstChild!;
    const words = node.textContent!;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 2);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    // A key press as the browser sends it (user-event would move the selection to the focus).
    await fireEvent.keyDown(document.body, { key: '1' });
    await waitFor(async () => expect((await stored()).map((x) => x.type)).toEqual(['span']));
    const span = (await stored())[0]!;
    const expected = words.startsWith('Hi')
      ? { field: 'response:x', start: 0, end: 2, text: 'Hi' }
      : { field: 'response:y', start: 0, end: 2, text: 'Go' };
    expect(span).toMatchObject({ type: 'span', label: 'halluc', ...expected });
    // Shown marked, listed with a way to remove it; no question was answered by the digit.
    expect(within(a).getByRole('list', { name: 'Span critiques' }).textContent).toContain(
      expected.text,
    );
    expect(a.querySelector('mark')!.textContent).toBe(expected.text);
    expect(
      screen.getByRole('radiogroup', { name: 'Better' }).querySelector('[aria-checked="true"]'),
    ).toBeNull();
    // The same words and label again are refused; removing it is one undoable step.
    const marked = a.querySelector('mark')!.firstChild!;
    range.setStart(marked, 0);
    range.setEnd(marked, 2);
    window.getSelection()!.addRange(range);
    await fireEvent.keyDown(document.body, { key: '1' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'These words already carry this label.',
    );
    await user.click(within(a).getByRole('button', { name: /Remove Hallucination/ }));
    await waitFor(async () => expect(await stored()).toEqual([]));
    await editor.undo();
    await waitFor(async () => expect((await stored()).length).toBe(1));
  });

  it('keeps A and B as answered when the order seed changes (a signing key made afterwards)', async () => {
    const { editor, stored, project } = await setup();
    const textOf = (letter: string) =>
      screen.getByRole('region', { name: `Response ${letter}` }).textContent;
    const a = textOf('A').includes('friend') ? 'x' : 'y';
    await fireEvent.keyDown(document.body, { key: '1' }); // A much better
    await waitFor(async () => expect((await stored())[0]).toMatchObject({ choice: a }));
    // A labeler id whose seed shows the two the other way round.
    const seed = (labeler: string) =>
      shownOrder(['x', 'y'], { project: project.id, labeler, item: 'c1' });
    const other = ['0', '1', '2', '3', '4', '5', '6', '7']
      .map((d) => d.repeat(16))
      .find((id) => seed(id)[0] !== seed('ABCDEF0123456789')[0])!;
    cleanup();
    show(editor, project, other);
    expect(textOf('A')).toContain(a === 'x' ? 'friend' : 'Go away');
    const better = screen.getByRole('radiogroup', { name: 'Better' });
    expect(within(better).getByRole('radio', { checked: true }).textContent).toContain(
      'A much better',
    );
    // The rewrite offers the preferred one as such; nothing is called preferred before.
    const ideal = screen.getByRole('group', { name: /Ideal/ });
    expect(within(ideal).getByRole('button', { name: /preferred/ }).textContent).toContain(
      'Response A',
    );
  });

  it('calls no response preferred before one is', async () => {
    await setup();
    const ideal = screen.getByRole('group', { name: /Ideal/ });
    expect(ideal.textContent).not.toContain('preferred');
  });

  it('keeps the CR LF line breaks of the response a rewrite started from', async () => {
    const user = userEvent.setup();
    const { stored } = await setup();
    const letter = screen.getByRole('region', { name: 'Response A' }).textContent.includes('Go')
      ? 'A'
      : 'B';
    const ideal = screen.getByRole('group', { name: /Ideal/ });
    await user.click(within(ideal).getByRole('button', { name: new RegExp(`Response ${letter}`) }));
    const box = within(ideal).getByRole('textbox', { name: 'Ideal' });
    await user.type(box, ', please');
    await user.tab();
    await waitFor(async () =>
      expect((await stored()).find((a) => a.type === 'text')).toMatchObject({
        response: 'y',
        text: 'Go away\r\nnow, please',
      }),
    );
  });

  it('goes to a question by its label’s key; a flag’s key flags the active flags question', async () => {
    const { stored } = await setup();
    const current = () =>
      document.querySelector('fieldset[aria-current="step"] legend')!.textContent;
    await fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(() => expect(current()).toMatch(/^Flags on A/));
    await fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(async () => expect((await stored()).map((a) => a.type)).toEqual(['class']));
    const flagA = within(screen.getByRole('group', { name: /Flags on A/ })).getByRole('checkbox', {
      name: /Refusal/,
    });
    expect(flagA).toBeChecked();
    // The rationale's key goes to its text box, ready to type in.
    await fireEvent.keyDown(document.body, { key: 'w' });
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Why' })),
    );
    // The help lists them.
    await fireEvent.keyDown(document.body, { key: '?' });
    const help = await screen.findByRole('dialog');
    expect(help.textContent).toContain('Flag Refusal on the active flags question, else go to it');
    expect(help.textContent).toContain('Go to “Why” (again: its next one)');
  });

  it('answers by keyboard and mouse, each a saved undoable step, and Done waits for the required one', async () => {
    const user = userEvent.setup();
    const { editor, onnexttodo, stored } = await setup();
    // Done is refused while "Better" is unanswered.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('alert').textContent).toBe('Answer “Better” before marking this done.');
    expect(onnexttodo).not.toHaveBeenCalled();

    // Preference: 5 points for strength 2; key 3 is the tie, 1 is A much better.
    await user.keyboard('3');
    const better = screen.getByRole('radiogroup', { name: 'Better' });
    expect(within(better).getByRole('radio', { checked: true }).textContent).toContain('Tie');
    await user.keyboard('1');
    expect(within(better).getByRole('radio', { checked: true }).textContent).toContain(
      'A much better',
    );
    await waitFor(async () => expect((await stored()).map((a) => a.type)).toEqual(['preference']));
    const pref = (await stored())[0]!;
    expect(pref.type === 'preference' && pref.choice === pref.shown[0] && pref.strength === 2).toBe(
      true,
    );

    // Ranking by mouse: rank B first, then A second.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rank of response B' }), '1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rank of response A' }), '2');
    expect(screen.getByRole('listitem', { name: 'Rank 1: B' })).toBeTruthy();

    // Rating of A with a click, flag on B, then undo the flag.
    const helpA = screen.getByRole('radiogroup', { name: 'Helpful of A' });
    await user.click(within(helpA).getByRole('radio', { name: /3.*very/ }));
    const flagB = within(screen.getByRole('group', { name: /Flags on B/ })).getByRole('checkbox', {
      name: /Refusal/,
    });
    await user.click(flagB);
    expect(flagB).toBeChecked();
    await editor.undo();
    await waitFor(() => expect(flagB).not.toBeChecked());

    // Rationale typed, then Done from inside the box.
    const why = screen.getByRole('textbox', { name: 'Why' });
    await user.type(why, 'B refuses for no reason');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onnexttodo).toHaveBeenCalledTimes(1));
    await waitFor(async () =>
      expect((await stored()).map((a) => a.type).sort()).toEqual([
        'preference',
        'ranking',
        'rating',
        'text',
      ]),
    );
    const text = (await stored()).find((a) => a.type === 'text');
    expect(text?.type === 'text' && text.text).toBe('B refuses for no reason');
  });

  it('counts a rationale being typed as not saved yet, until it is written', async () => {
    const { stored } = await setup();
    const user = userEvent.setup();
    expect(pendingWrites.pending).toBe(0);
    await user.type(screen.getByRole('textbox', { name: 'Why' }), 'Kinder');
    // Typed, not yet written: the header says Saving… and leaving the page asks first.
    expect(pendingWrites.pending).toBeGreaterThan(0);
    await waitFor(() => expect(pendingWrites.pending).toBe(0));
    const text = (await stored()).find((a) => a.type === 'text');
    expect(text?.type === 'text' && text.text).toBe('Kinder');
  });

  it('writes a rationale still being typed when the item closes', async () => {
    const { stored } = await setup();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Why' }), 'Short');
    cleanup();
    await waitFor(() => expect(pendingWrites.pending).toBe(0));
    const text = (await stored()).find((a) => a.type === 'text');
    expect(text?.type === 'text' && text.text).toBe('Short');
  });

  it('shows the guidelines with h or the button, Markdown as text', async () => {
    const { guide } = await setup(
      '# Judging\nPrefer the **honest** answer <img src=x onerror=alert(1)>',
    );
    await waitFor(() => expect(guide.guidelines).toContain('Judging'));
    const user = userEvent.setup();
    await user.keyboard('h');
    const dialog = await screen.findByRole('dialog', { name: 'Guidelines' });
    expect(within(dialog).getByRole('heading', { name: 'Judging' })).toBeTruthy();
    expect(dialog.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(dialog.querySelector('img')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(guide.open).toBe(false));
    await user.click(screen.getByRole('button', { name: /Guidelines/ }));
    expect(guide.open).toBe(true);
  });

  it('marks the preferred response to start a rewrite from, and none on a tie', async () => {
    const { stored } = await setup();
    const user = userEvent.setup();
    const from = () =>
      within(screen.getByRole('group', { name: /Ideal/ }))
        .getAllByRole('button', { name: /^Response/ })
        .map((b) => b.textContent);
    // Key 3 is the tie on a strength-2 preference: nothing is preferred.
    await user.keyboard('3');
    await waitFor(() =>
      expect(screen.getByRole('radiogroup', { name: 'Better' })).toHaveTextContent(/tie/i),
    );
    // Both ranked first: a tie at the top prefers none either.
    await user.keyboard('{Tab}11');
    await waitFor(async () => expect((await stored()).map((a) => a.type)).toContain('ranking'));
    expect(from()).toEqual(['Response A', 'Response B']);
    await user.keyboard('{Shift>}{Tab}{/Shift}1');
    await waitFor(() => expect(from()).toEqual(['Response A (preferred)', 'Response B']));
  });

  it('Done refused goes to the first required question left', async () => {
    const user = userEvent.setup();
    const { onnexttodo } = await setup();
    // In the rewrite box, far below "Better" (required, unanswered), Ctrl+Enter.
    await user.click(screen.getByRole('textbox', { name: 'Ideal' }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('alert').textContent).toBe('Answer “Better” before marking this done.');
    expect(onnexttodo).not.toHaveBeenCalled();
    // The keyboard is on "Better" now: its number keys answer it.
    const better = screen.getByRole('radiogroup', { name: 'Better' });
    await waitFor(() =>
      expect(better.closest('fieldset')?.contains(document.activeElement)).toBe(true),
    );
    await user.keyboard('1');
    expect(within(better).getByRole('radio', { checked: true }).textContent).toContain(
      'A much better',
    );
  });
});
