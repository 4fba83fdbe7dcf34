import { describe, expect, it } from 'vitest';
import {
  addLabel,
  hotkeyConflict,
  LabelSchemaError,
  moveLabel,
  updateLabel,
} from '../../../src/model/label-schema.ts';
import { withKind, type Label } from '../../../src/model/label.ts';

const base = (): Label[] => {
  let labels: Label[] = [];
  labels = addLabel(labels, { name: 'Person', color: '#e6194b', hotkey: '1', kinds: ['span'] });
  labels = addLabel(labels, { name: 'Car', color: '#3cb44b', hotkey: '1', kinds: ['box'] });
  labels = addLabel(labels, { name: 'Place', color: '#4363d8', hotkey: '2', kinds: ['span'] });
  return labels;
};

describe('label schema', () => {
  it('lets labels of different kinds share a hotkey', () => {
    const labels = base();
    expect(labels.map((l) => l.hotkey)).toEqual(['1', '1', '2']);
  });

  it('refuses a hotkey already used by a label of the same kind, naming it', () => {
    const labels = base();
    expect(() =>
      addLabel(labels, { name: 'Org', color: '#000000', hotkey: '2', kinds: ['span', 'box'] }),
    ).toThrow('hotkey "2" is already used by "Place"');
    const place = labels[2]!;
    expect(() => updateLabel(labels, place.id, { hotkey: '1' })).toThrow(LabelSchemaError);
    expect(hotkeyConflict(labels, '1', ['box'])?.name).toBe('Car');
    expect(hotkeyConflict(labels, '3', ['box'])).toBeUndefined();
    // A document class is offered beside span labels on the same text: no shared hotkey.
    expect(hotkeyConflict(labels, '2', ['text_class'])?.name).toBe('Place');
    expect(hotkeyConflict(labels, '1', ['image_class'])?.name).toBe('Car');
  });

  it('keeps a question label (preference, rating, …) to that one question', () => {
    const labels = base();
    expect(() =>
      addLabel(labels, { name: 'Better', color: '#000000', kinds: ['span', 'preference'] }),
    ).toThrow('a preference label asks its own question: it applies to nothing else');
    expect(() =>
      addLabel(labels, { name: 'Helpful', color: '#000000', kinds: ['rating', 'rationale'] }),
    ).toThrow(LabelSchemaError);
    // A flag may also be a span: flagged on a response and marked in it.
    expect(
      addLabel(labels, { name: 'Hallucination', color: '#000000', kinds: ['span', 'flag'] }),
    ).toHaveLength(4);
    // Adding a kind to a label is checked; a label stored with a mix before the rule can
    // still be renamed, and have kinds taken off.
    const person = labels[0]!;
    expect(() => updateLabel(labels, person.id, { kinds: ['span', 'rating'] })).toThrow(
      'a rating label asks its own question',
    );
    const old: Label[] = [
      { id: 'h', name: 'Helpful', color: '#000000', kinds: ['rating', 'rationale'] },
    ];
    expect(updateLabel(old, 'h', { name: 'Helpfulness' })[0]!.name).toBe('Helpfulness');
    expect(updateLabel(old, 'h', { kinds: ['rating'] })[0]!.kinds).toEqual(['rating']);
    expect(() => updateLabel(old, 'h', { kinds: ['rating', 'rationale', 'flag'] })).toThrow(
      LabelSchemaError,
    );
    // Ticking a question kind in the add form replaces what was ticked, and back.
    expect(withKind(['span', 'flag'], 'rating', true)).toEqual(['rating']);
    expect(withKind(['rating'], 'preference', true)).toEqual(['preference']);
    expect(withKind(['rating'], 'span', true)).toEqual(['span']);
    expect(withKind(['span'], 'box', true)).toEqual(['span', 'box']);
    expect(withKind(['box', 'span'], 'box', false)).toEqual(['span']);
  });

  it('refuses duplicate names case-insensitively, empty names and bad colours', () => {
    const labels = base();
    expect(() => addLabel(labels, { name: ' person ', color: '#000000', kinds: ['span'] })).toThrow(
      /already exists/,
    );
    expect(() => addLabel(labels, { name: '  ', color: '#000000', kinds: ['span'] })).toThrow(
      /needs a name/,
    );
    expect(() => addLabel(labels, { name: 'X', color: 'red', kinds: ['span'] })).toThrow(/#rrggbb/);
    expect(() => addLabel(labels, { name: 'X', color: '#000000', kinds: [] })).toThrow(
      /at least one kind/,
    );
  });

  it('renames, recolours and clears a hotkey without touching the others', () => {
    const labels = base();
    const person = labels[0]!;
    const next = updateLabel(labels, person.id, { name: 'Human', color: '#123456', hotkey: '' });
    expect(next[0]).toEqual({ id: person.id, name: 'Human', color: '#123456', kinds: ['span'] });
    expect(next.slice(1)).toEqual(labels.slice(1));
  });

  it('moves a label to a new position, clamped to the ends', () => {
    const labels = base();
    const names = (ls: Label[]) => ls.map((l) => l.name);
    expect(names(moveLabel(labels, labels[2]!.id, 0))).toEqual(['Place', 'Person', 'Car']);
    expect(names(moveLabel(labels, labels[0]!.id, 99))).toEqual(['Car', 'Place', 'Person']);
    expect(names(moveLabel(labels, labels[1]!.id, -5))).toEqual(['Car', 'Person', 'Place']);
  });
});
