import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ItemView from '../../src/ui/ItemView.svelte';
import { ItemEditor } from '../../src/state/item-editor.svelte.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { StatusWritten } from '../../src/storage/repository.ts';
import type { Item } from '../../src/model/item.ts';
import type { Label } from '../../src/model/label.ts';
import type { ClassGroup } from '../../src/model/class-group.ts';
import { freshRepository } from '../factories/files.ts';
import { StorageFullError } from '../../src/storage/errors.ts';
import { pendingWrites } from '../../src/storage/pending-writes.ts';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const TEXT = `Hi 👋🏽 ${HOSTILE}\n👩‍💻 & &amp; 🇳🇴 done`;
const NAME = '<b>bold</b> 🎉.txt';

const LABELS: Label[] = [
  { id: 'spam', name: 'Spam', color: '#e6194b', hotkey: 's', kinds: ['text_class'] },
  { id: 'urgent', name: 'Urgent', color: '#3cb44b', hotkey: 'shift+u', kinds: ['text_class'] },
  { id: 'person', name: 'Person', color: '#4363d8', hotkey: 'p', kinds: ['span'] },
  { id: 'cat', name: 'Cat', color: '#f58231', hotkey: 'c', kinds: ['image_class'] },
];

async function setup(labels: Label[] = LABELS, groups: ClassGroup[] = []) {
  const repository = freshRepository();
  const project = await repository.createProject('Mail', labels, groups);
  await repository.addItems(project.id, [
    {
      id: 'doc',
      kind: 'text',
      name: NAME,
      text: TEXT,
      sha256: 'a'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  const workspace = new Workspace(repository);
  await workspace.load();
  const changed = vi.fn<(item: Item, status?: StatusWritten) => void>();
  // Wired as ItemBrowser wires it: failures are reported through the workspace.
  const editor = new ItemEditor(
    repository,
    () => 'annotator-1',
    (write) => workspace.attempt(write),
    changed,
  );
  await editor.open('doc');
  const onnext = vi.fn();
  const onprevious = vi.fn();
  const onnexttodo = vi.fn();
  const result = render(ItemView, { props: { editor, project, onnext, onprevious, onnexttodo } });
  return {
    repository,
    workspace,
    project,
    editor,
    changed,
    onnext,
    onprevious,
    onnexttodo,
    ...result,
  };
}

const classButton = (name: string) =>
  within(screen.getByRole('group', { name: 'Document classes' })).getByRole('button', {
    name: new RegExp(`^${name}`),
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('ItemView', () => {
  it('shows hostile text and names literally, creating no elements from them', async () => {
    const { container } = await setup();
    const text = screen.getByTestId('item-text');
    expect(text.textContent).toBe(TEXT);
    // Only the view's own elements (blocks, text runs, the caret), none made from the text.
    expect(
      [...text.querySelectorAll('*')].every((el) =>
        el.matches('div.content, div.slot, div.block, span.seg, span.caret'),
      ),
    ).toBe(true);
    expect(text.querySelector('script, img')).toBeNull();
    expect(container.querySelector('script, img, b')).toBeNull();

    expect(screen.getByRole('heading', { name: NAME })).toHaveTextContent(NAME);
    expect(screen.getByRole('article', { name: `Item ${NAME}` })).toBeVisible();
  });

  it('persists the status chosen in the "Item status" radio group', async () => {
    const { repository, workspace, changed, project } = await setup();
    const group = screen.getByRole('radiogroup', { name: 'Item status' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.textContent?.trim()),
    ).toEqual(['To do', 'Done', 'Skipped']);
    expect(within(group).getByRole('radio', { name: 'To do' })).toHaveAttribute(
      'aria-checked',
      'true',
    );

    const user = userEvent.setup();
    await user.click(within(group).getByRole('radio', { name: 'Done' }));

    await waitFor(() =>
      expect(within(group).getByRole('radio', { name: 'Done' })).toHaveAttribute(
        'aria-checked',
        'true',
      ),
    );
    expect(within(group).getByRole('radio', { name: 'To do' })).toHaveAttribute(
      'aria-checked',
      'false',
    );
    expect((await repository.getItem('doc'))?.status).toBe('done');
    expect(changed).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'done' }),
      expect.objectContaining({ projectId: project.id, before: 'todo', after: 'done' }),
    );

    await user.click(within(group).getByRole('radio', { name: 'Skipped' }));
    await waitFor(async () => expect((await repository.getItem('doc'))?.status).toBe('skipped'));
    expect(workspace.error).toBeUndefined();
  });

  it('offers only document-class labels as class buttons', async () => {
    await setup();
    const group = screen.getByRole('group', { name: 'Document classes' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Spam s',
      'Urgent shift+u',
    ]);
    for (const button of buttons) expect(button).toHaveAttribute('aria-pressed', 'false');
  });

  it('creates and removes a class annotation with the class button', async () => {
    const { repository, workspace, project } = await setup();
    const user = userEvent.setup();

    await user.click(classButton('Spam'));
    await waitFor(() => expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'true'));
    const stored = await repository.annotationsOf('doc');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'class',
      label: 'spam',
      itemId: 'doc',
      projectId: project.id,
      annotator: 'annotator-1',
    });
    expect(classButton('Urgent')).toHaveAttribute('aria-pressed', 'false');

    await user.click(classButton('Spam'));
    await waitFor(() => expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'false'));
    expect(await repository.annotationsOf('doc')).toEqual([]);
    expect(workspace.error).toBeUndefined();
  });

  it('toggles a class with its hotkey pressed anywhere on the page', async () => {
    const { repository } = await setup();
    const user = userEvent.setup();

    await user.keyboard('s');
    await waitFor(() => expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'true'));
    expect((await repository.annotationsOf('doc')).map((a) => a.label)).toEqual(['spam']);

    // Modifier hotkeys: shift+u.
    await user.keyboard('{Shift>}U{/Shift}');
    await waitFor(() => expect(classButton('Urgent')).toHaveAttribute('aria-pressed', 'true'));
    expect((await repository.annotationsOf('doc')).map((a) => a.label).sort()).toEqual([
      'spam',
      'urgent',
    ]);

    await user.click(classButton('Spam'));
    await waitFor(() => expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'false'));
    expect((await repository.annotationsOf('doc')).map((a) => a.label)).toEqual(['urgent']);
  });

  it('ignores hotkeys of other kinds, with Ctrl, and while typing a note', async () => {
    const { repository } = await setup();
    const user = userEvent.setup();

    await user.keyboard('p'); // a span label
    await user.keyboard('c'); // an image-class label
    await user.keyboard('{Control>}s{/Control}');
    await user.keyboard('u'); // "u" alone is not "shift+u"
    await user.click(screen.getByRole('textbox', { name: 'Note' }));
    await user.keyboard('ssss');

    // Give any stray toggle time to land before checking nothing was stored.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await repository.annotationsOf('doc')).toEqual([]);
    expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'false');
    expect(classButton('Urgent')).toHaveAttribute('aria-pressed', 'false');
  });

  it('saves the note once typing pauses', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { repository, changed } = await setup();
    const saved = vi.spyOn(repository, 'setNote');
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });

    const note = screen.getByRole('textbox', { name: 'Note' });
    await user.type(note, 'Check the source');
    expect(note).toHaveValue('Check the source');
    // Debounced: nothing is written while typing.
    vi.advanceTimersByTime(299);
    expect(saved).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(saved).toHaveBeenCalledWith('doc', 'Check the source');
    vi.useRealTimers();

    await waitFor(async () =>
      expect((await repository.getItem('doc'))?.note).toBe('Check the source'),
    );
    await waitFor(() =>
      expect(changed).toHaveBeenLastCalledWith(
        expect.objectContaining({ note: 'Check the source' }),
        undefined,
      ),
    );
  });

  it('saves the note at once when it loses focus', async () => {
    const { repository } = await setup();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Blurred');
    await user.tab();
    await waitFor(async () => expect((await repository.getItem('doc'))?.note).toBe('Blurred'));
  });

  it('calls onprevious and onnext from the Previous and Next buttons', async () => {
    const { onnext, onprevious } = await setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next item' }));
    expect(onnext).toHaveBeenCalledTimes(1);
    expect(onprevious).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Previous item' }));
    expect(onprevious).toHaveBeenCalledTimes(1);
  });

  it('undoes a status change with Ctrl+Z', async () => {
    const { repository } = await setup();
    const user = userEvent.setup();
    const group = screen.getByRole('radiogroup', { name: 'Item status' });
    await user.click(within(group).getByRole('radio', { name: 'Skipped' }));
    await waitFor(async () => expect((await repository.getItem('doc'))?.status).toBe('skipped'));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() =>
      expect(within(group).getByRole('radio', { name: 'To do' })).toHaveAttribute(
        'aria-checked',
        'true',
      ),
    );
    await waitFor(async () => expect((await repository.getItem('doc'))?.status).toBe('todo'));
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(async () => expect((await repository.getItem('doc'))?.status).toBe('skipped'));
  });
});

describe('ItemView class groups', () => {
  const tone: ClassGroup = { id: 'tone', name: 'Tone', choice: 'one' };
  const topics: ClassGroup = { id: 'topics', name: 'Topics', choice: 'any' };
  const grouped: Label[] = [
    {
      id: 'pos',
      name: 'Positive',
      color: '#3cb44b',
      hotkey: '1',
      kinds: ['text_class'],
      group: 'tone',
    },
    {
      id: 'neg',
      name: 'Negative',
      color: '#e6194b',
      hotkey: '2',
      kinds: ['text_class'],
      group: 'tone',
    },
    {
      id: 'sport',
      name: 'Sport',
      color: '#4363d8',
      hotkey: 's',
      kinds: ['text_class'],
      group: 'topics',
    },
    {
      id: 'war',
      name: 'War',
      color: '#911eb4',
      hotkey: 'w',
      kinds: ['text_class'],
      group: 'topics',
    },
    { id: 'spam', name: 'Spam', color: '#808000', kinds: ['text_class'] },
  ];
  const stored = async (repository: { annotationsOf(id: string): Promise<{ label: string }[]> }) =>
    (await repository.annotationsOf('doc')).map((a) => a.label).sort();

  it('shows a "choose one" group as radios, a "choose any" group and lone classes as toggles', async () => {
    await setup(grouped, [tone, topics]);
    const one = screen.getByRole('radiogroup', { name: 'Tone (choose one)' });
    expect(
      within(one)
        .getAllByRole('radio')
        .map((r) => r.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['Positive 1', 'Negative 2']);
    const any = screen.getByRole('group', { name: 'Topics (choose any)' });
    expect(within(any).getAllByRole('button', { pressed: false })).toHaveLength(2);
    expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'false');
  });

  it('replaces the choice in a "choose one" group, and one undo brings it back', async () => {
    const { repository } = await setup(grouped, [tone, topics]);
    const user = userEvent.setup();
    const radio = (name: string) =>
      within(screen.getByRole('radiogroup', { name: 'Tone (choose one)' })).getByRole('radio', {
        name: new RegExp(`^${name}`),
      });

    await user.keyboard('1');
    await waitFor(() => expect(radio('Positive')).toHaveAttribute('aria-checked', 'true'));
    await user.keyboard('s');
    await user.keyboard('w');
    await waitFor(async () => expect(await stored(repository)).toEqual(['pos', 'sport', 'war']));

    await user.click(radio('Negative'));
    await waitFor(() => expect(radio('Negative')).toHaveAttribute('aria-checked', 'true'));
    expect(radio('Positive')).toHaveAttribute('aria-checked', 'false');
    await waitFor(async () => expect(await stored(repository)).toEqual(['neg', 'sport', 'war']));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(radio('Positive')).toHaveAttribute('aria-checked', 'true'));
    await waitFor(async () => expect(await stored(repository)).toEqual(['pos', 'sport', 'war']));
  });
});

describe('ItemView when a write is refused', () => {
  it('puts the note back as stored when its write is refused (disk full), and says why', async () => {
    const { repository, workspace } = await setup();
    const user = userEvent.setup();
    const note = screen.getByRole('textbox', { name: 'Note' });
    vi.spyOn(repository, 'setNote').mockRejectedValue(new StorageFullError());

    await user.clear(note);
    await user.type(note, 'Not kept');
    await user.tab(); // saves at once
    await waitFor(() => expect(workspace.blocker).toMatch(/no room left/));
    await waitFor(() => expect(note).toHaveValue(''));
    expect((await repository.getItem('doc'))?.note).toBe('');
    expect(pendingWrites.pending).toBe(0);
  });

  it('puts the status back as stored when its write is refused', async () => {
    const { repository, workspace } = await setup();
    vi.spyOn(repository, 'setStatus').mockRejectedValue(new Error('The database is closed'));
    const user = userEvent.setup();
    const group = screen.getByRole('radiogroup', { name: 'Item status' });
    await user.click(within(group).getByRole('radio', { name: 'Done' }));
    await waitFor(() => expect(workspace.error).toBe('The database is closed'));
    await waitFor(() =>
      expect(within(group).getByRole('radio', { name: 'To do' })).toHaveAttribute(
        'aria-checked',
        'true',
      ),
    );
    expect((await repository.getItem('doc'))?.status).toBe('todo');
  });

  it('takes back a refused class toggle', async () => {
    const { repository } = await setup();
    vi.spyOn(repository, 'applyAnnotations').mockRejectedValue(new StorageFullError());
    const user = userEvent.setup();
    await user.click(classButton('Spam'));
    await waitFor(() => expect(classButton('Spam')).toHaveAttribute('aria-pressed', 'false'));
    expect(await repository.annotationsOf('doc')).toEqual([]);
  });

  it('counts a note being typed as pending, and writes it to its own item even after moving on', async () => {
    const { repository, editor } = await setup();
    await repository.addItems((await repository.getItem('doc'))!.projectId, [
      {
        id: 'next',
        kind: 'text',
        name: 'b.txt',
        text: 'b',
        sha256: 'b'.repeat(64),
        status: 'todo',
        note: '',
      },
    ]);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'For doc');
    expect(pendingWrites.pending).toBeGreaterThan(0); // typed, waiting for a pause
    await editor.open('next'); // moving on before the pause
    await pendingWrites.settled();
    expect((await repository.getItem('doc'))?.note).toBe('For doc');
    expect((await repository.getItem('next'))?.note).toBe('');
  });
});
