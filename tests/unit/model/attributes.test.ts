import { describe, expect, it } from 'vitest';
import {
  AttributeDef,
  AttributeError,
  FORMAT_ATTRIBUTES,
  attributeProblems,
  putAttribute,
  withAttribute,
  type AttributeDef as Def,
} from '../../../src/model/attributes.ts';
import { Label } from '../../../src/model/label.ts';

const colour: Def = { name: 'colour', type: 'choice', choices: ['red', 'blue'] };
const occluded: Def = { name: 'occluded', type: 'boolean', hotkey: 'q' };
const count: Def = { name: 'count', type: 'number' };
const note: Def = { name: 'note', type: 'text' };

describe('attribute declarations', () => {
  it('need a name, and choices for a choice attribute, all different', () => {
    expect(AttributeDef.safeParse({ name: ' ', type: 'text' }).success).toBe(false);
    expect(AttributeDef.safeParse({ name: 'kind', type: 'choice' }).success).toBe(false);
    expect(
      AttributeDef.safeParse({ name: 'kind', type: 'choice', choices: ['a', 'a'] }).success,
    ).toBe(false);
    expect(AttributeDef.safeParse(colour).success).toBe(true);
  });

  it('are declared on labels, and the formats’ own attributes are ready to add', () => {
    const parsed = Label.parse({
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      kinds: ['box'],
      attributes: [...FORMAT_ATTRIBUTES, colour],
    });
    expect(parsed.attributes?.map((a) => a.name)).toEqual([
      'occluded',
      'truncated',
      'difficult',
      'iscrowd',
      'colour',
    ]);
  });

  it('are added, replaced in place, and refuse a taken name or hotkey', () => {
    let defs = putAttribute([], occluded);
    defs = putAttribute(defs, colour);
    defs = putAttribute(defs, { ...colour, choices: ['red', 'blue', 'green'] }, 'colour');
    expect(() => putAttribute(defs, colour)).toThrow('an attribute named "colour" already exists');
    expect(defs.map((d) => d.name)).toEqual(['occluded', 'colour']);
    expect(defs[1]?.choices).toEqual(['red', 'blue', 'green']);
    defs = putAttribute(defs, { ...occluded, name: 'hidden' }, 'occluded');
    expect(defs.map((d) => d.name)).toEqual(['hidden', 'colour']);
    expect(() => putAttribute(defs, { name: 'colour', type: 'text' }, 'hidden')).toThrow(
      AttributeError,
    );
    expect(() => putAttribute(defs, { name: 'blurred', type: 'boolean', hotkey: 'q' })).toThrow(
      /hotkey "q"/,
    );
  });
});

describe('attribute values', () => {
  const defs = [colour, occluded, count, note];

  it('fit their declaration, or each problem is named', () => {
    expect(attributeProblems(defs, { colour: 'red', occluded: true, count: 3, note: '' })).toEqual(
      [],
    );
    expect(
      attributeProblems(defs, { colour: 'green', occluded: 'yes', count: '3', size: 1 }),
    ).toEqual([
      '"colour" is one of "red", "blue"',
      '"occluded" is yes or no',
      '"count" is a number',
      'the label declares no attribute "size"',
    ]);
  });

  it('are set and cleared without leaving an empty object behind', () => {
    const set = withAttribute(undefined, 'occluded', true);
    expect(set).toEqual({ occluded: true });
    expect(withAttribute(set, 'count', 2)).toEqual({ occluded: true, count: 2 });
    expect(withAttribute(set, 'occluded', undefined)).toBeUndefined();
  });
});
