import { describe, expect, it } from 'vitest';
import { adopt, type Submitted } from '../../../src/review/adopt.ts';
import { applyChange } from '../../../src/model/history.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import { conversation, flag, preference, rating, words } from '../../factories/conversations.ts';

const base = { projectId: 'p', itemId: 'i', createdAt: 't0', updatedAt: 't0' };
const span = (
  id: string,
  who: string,
  start: number,
  end: number,
  label = 'person',
): Submitted => ({
  signer: who,
  annotation: {
    ...base,
    id,
    annotator: who,
    type: 'span',
    label,
    start,
    end,
    text: 'x'.repeat(end - start),
  },
});
const cls = (id: string, who: string, label: string): Submitted => ({
  signer: who,
  annotation: { ...base, id, annotator: who, type: 'class', label },
});
const rel = (id: string, who: string, from: string, to: string): Submitted => ({
  signer: who,
  annotation: { ...base, id, annotator: who, type: 'relation', label: 'knows', from, to },
});

const A = 'AAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBB';
// Both found "Ada" (0-3) and the class; only A found "Grace" (8-13) and related them.
const all: Submitted[] = [
  span('a1', A, 0, 3),
  span('a2', A, 8, 13),
  rel('a3', A, 'a1', 'a2'),
  cls('a4', A, 'urgent'),
  span('b1', B, 0, 3),
  span('b2', B, 8, 12),
  cls('b3', B, 'urgent'),
];

describe('adopting labelers’ annotations', () => {
  it("accepting one labeler's version records who else said the same", () => {
    const current: Annotation[] = [
      { ...base, id: 'old', annotator: 'LEAD', type: 'class', label: 'spam' },
    ];
    const change = adopt(
      all.filter((s) => s.signer === A),
      all,
      current,
      'LEAD',
      true,
    );
    const result = applyChange(current, change);
    expect(result.find((a) => a.id === 'old')).toBeUndefined();
    const ada = result.find((a) => a.type === 'span' && a.start === 0)!;
    const grace = result.find((a) => a.type === 'span' && a.start === 8)!;
    expect(ada.sources).toEqual([A, B]);
    expect(grace.sources).toEqual([A]);
    expect(result.find((a) => a.type === 'class')?.sources).toEqual([A, B]);
    // The relation points at the adopted copies, not at A's ids.
    expect(result.find((a) => a.type === 'relation')).toMatchObject({
      from: ada.id,
      to: grace.id,
      sources: [A],
    });
    expect(result.every((a) => a.annotator === 'LEAD')).toBe(true);
    expect(change.before).toEqual(current);
  });

  it('accepting one annotation adds it once, and a relation brings its endpoints', () => {
    const first = applyChange([], adopt([all[0]!], all, [], 'LEAD', false));
    expect(first).toHaveLength(1);
    // B's identical span is already there: nothing new.
    expect(adopt([all[4]!], all, first, 'LEAD', false).after).toEqual([]);
    const withRelation = applyChange(first, adopt([all[2]!], all, first, 'LEAD', false));
    expect(withRelation.map((a) => a.type).sort()).toEqual(['relation', 'span', 'span']);
    const relation = withRelation.find((a) => a.type === 'relation');
    expect(relation).toMatchObject({ from: first[0]!.id });
  });

  it('accepting a class of a "choose one" group replaces the other choice, in one step', () => {
    const schema = {
      labels: [
        {
          id: 'pos',
          name: 'Positive',
          color: '#000000',
          kinds: ['text_class' as const],
          group: 'tone',
        },
        {
          id: 'neg',
          name: 'Negative',
          color: '#000001',
          kinds: ['text_class' as const],
          group: 'tone',
        },
        { id: 'urgent', name: 'Urgent', color: '#000002', kinds: ['text_class' as const] },
      ],
      classGroups: [{ id: 'tone', name: 'Tone', choice: 'one' as const }],
    };
    const current = applyChange(
      [],
      adopt([cls('x', A, 'pos'), cls('y', A, 'urgent')], all, [], 'LEAD', false, schema),
    );
    const change = adopt([cls('z', B, 'neg')], all, current, 'LEAD', false, schema);
    expect(change.before.map((a) => a.type === 'class' && a.label)).toEqual(['pos']);
    const result = applyChange(current, change);
    expect(result.map((a) => a.type === 'class' && a.label).sort()).toEqual(['neg', 'urgent']);
    // Without a group, classes combine as before.
    expect(adopt([cls('z', B, 'neg')], all, current, 'LEAD', false).before).toEqual([]);
  });

  it("accepting an answer replaces the result's answer to the same question, flags aside", () => {
    const item = conversation(
      'q1',
      [{ role: 'user', content: 'Hi' }],
      [
        { id: 'a', content: 'Hello' },
        { id: 'b', content: 'Hey' },
      ],
    );
    const schema = {
      labels: [
        { id: 'better', name: 'Better', color: '#000000', kinds: ['preference' as const] },
        { id: 'helpful', name: 'Helpful', color: '#000001', kinds: ['rating' as const] },
        { id: 'ideal', name: 'Ideal', color: '#000002', kinds: ['rewrite' as const] },
        { id: 'why', name: 'Why', color: '#000003', kinds: ['rationale' as const] },
        { id: 'refusal', name: 'Refusal', color: '#000004', kinds: ['flag' as const] },
      ],
      classGroups: [],
    };
    const from = (signer: string, annotation: Annotation): Submitted => ({ signer, annotation });
    const ada = [
      from(A, preference(item, 'better', ['a', 'b'], 'a', 2, A)),
      from(A, rating(item, 'helpful', 4, 'a', A)),
      from(A, rating(item, 'helpful', 2, 'b', A)),
      from(A, { ...words(item, 'ideal', 'Hello there', 'a'), annotator: A }),
      from(A, { ...words(item, 'why', 'Warmer', 'a'), annotator: A }),
      from(A, { ...flag(item, 'refusal', 'b'), annotator: A }),
    ];
    const bob = [
      from(B, preference(item, 'better', ['b', 'a'], 'b', 1, B)),
      from(B, rating(item, 'helpful', 3, 'a', B)),
      from(B, { ...words(item, 'ideal', 'Hey you', 'b'), annotator: B }),
      from(B, { ...words(item, 'why', 'Shorter', 'b'), annotator: B }),
      from(B, { ...flag(item, 'refusal', 'a'), annotator: B }),
    ];
    const everyone = [...ada, ...bob];
    let result = applyChange([], adopt(ada, everyone, [], 'LEAD', true, schema));
    for (const one of bob)
      result = applyChange(result, adopt([one], everyone, result, 'LEAD', false, schema));
    const said = (a: Annotation) =>
      a.type === 'preference'
        ? `better ${a.choice}`
        : a.type === 'rating'
          ? `helpful ${a.response}=${a.value}`
          : a.type === 'text'
            ? `${a.label} ${a.response}: ${a.text}`
            : `${a.label} ${a.type === 'class' ? a.field : ''}`;
    expect(result.map(said).sort()).toEqual([
      // One preference, Bob's; response a's rating is Bob's, b's stays Ada's; one rewrite.
      'better b',
      'helpful a=3',
      'helpful b=2',
      'ideal b: Hey you',
      // A rationale about a and one about b; flags add up.
      'refusal response:a',
      'refusal response:b',
      'why a: Warmer',
      'why b: Shorter',
    ]);
  });
});
