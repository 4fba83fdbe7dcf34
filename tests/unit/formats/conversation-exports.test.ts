import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportFormats } from '../../../src/formats/exports.ts';
import { parseConversations } from '../../../src/import/conversation-jsonl.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import { fileText, label, project } from '../../factories/annotations.ts';
import {
  conversation,
  flag,
  preference,
  ranking,
  rating,
  words,
} from '../../factories/conversations.ts';

const script = join(dirname(fileURLToPath(import.meta.url)), 'check_conversation_exports.py');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// Texts a pipeline most often gets wrong: CRLF, trailing spaces, emoji with modifiers,
// combining marks, right-to-left text, a lone "\r", JSON-escaped control characters.
const SOURCE = [
  {
    id: 'q1',
    prompt: 'Résumé?',
    responses: [
      { id: 'a', content: 'Yes 👩🏽‍💻\r\n' },
      { id: 'b', content: 'No  ' },
    ],
  },
  {
    id: 'q2',
    prompt: 'Rank these',
    responses: [
      { id: 'x', content: 'שלום' },
      { id: 'y', content: 'e\u0301\u0000' },
      { id: 'z', content: '```\ncode\r```' },
    ],
  },
  {
    id: 'q3',
    prompt: 'Tie?',
    responses: [
      { id: 'm', content: 'same' },
      { id: 'n', content: 'same.' },
    ],
  },
];
const SOURCE_JSONL = SOURCE.map((s) => JSON.stringify(s)).join('\n') + '\n';

function setup() {
  const items = parseConversations('source.jsonl', SOURCE_JSONL, 'responses').map((line) =>
    conversation(line.name, line.context, line.responses),
  );
  const [q1, q2, q3] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
  const better = { ...label('Better', ['preference']), strength: 3 };
  const order = label('Order', ['ranking']);
  const helpful = { ...label('Helpfulness', ['rating']), scale: { min: 1, max: 5, names: {} } };
  const overall = { ...label('Overall', ['rating']), perResponse: false };
  const unsafe = label('Unsafe', ['flag']);
  const why = label('Why', ['rationale']);
  const rewrite = label('Ideal answer', ['rewrite']);
  const annotations: Annotation[] = [
    preference(q1, better.id, ['b', 'a'], 'a', 2),
    ranking(q2, order.id, [['z'], ['x', 'y']]),
    preference(q3, better.id, ['m', 'n'], 'tie'),
    rating(q1, helpful.id, 4, 'a'),
    rating(q1, helpful.id, 2, 'b'),
    rating(q1, overall.id, 3),
    flag(q1, unsafe.id, 'b'),
    words(q1, why.id, 'a is kinder', 'a'),
    words(q1, rewrite.id, 'Yes, it is 👍', 'a'),
    words(q2, rewrite.id, '   ', 'x'),
  ];
  const labels = [better, order, helpful, overall, unsafe, why, rewrite];
  return { items, annotations, labels };
}

describe('conversation exports', () => {
  it('write the four files as the spec shows them, ties and empty rewrites reported', () => {
    const { items, annotations, labels } = setup();
    const { files, warnings } = exportFormats({ project: project(labels), items, annotations });
    expect(files.map((f) => f.path)).toEqual([
      'exports/openai-preference.jsonl',
      'exports/preference.jsonl',
      'exports/ratings.jsonl',
      'exports/sft.jsonl',
    ]);
    const pref = fileText(files, 'exports/preference.jsonl')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(pref[0]).toEqual({
      id: 'q1',
      prompt: [{ role: 'user', content: 'Résumé?' }],
      chosen: [{ role: 'assistant', content: 'Yes 👩🏽‍💻\r\n' }],
      rejected: [{ role: 'assistant', content: 'No  ' }],
      annotator: 'A1B2C3D4E5F60718',
      strength: 2,
    });
    // The ranking z > x = y gives z over x and z over y, not x against y.
    expect(
      pref.slice(1).map((p) => {
        const line = p as {
          chosen: { content: string }[];
          rejected: { content: string }[];
          strength: null;
        };
        return [line.chosen[0]!.content, line.rejected[0]!.content, line.strength];
      }),
    ).toEqual([
      ['```\ncode\r```', 'שלום', null],
      ['```\ncode\r```', 'e\u0301\u0000', null],
    ]);
    expect(JSON.parse(fileText(files, 'exports/openai-preference.jsonl').split('\n')[0]!)).toEqual({
      input: { messages: [{ role: 'user', content: 'Résumé?' }] },
      preferred_output: [{ role: 'assistant', content: 'Yes 👩🏽‍💻\r\n' }],
      non_preferred_output: [{ role: 'assistant', content: 'No  ' }],
    });
    expect(fileText(files, 'exports/sft.jsonl')).toBe(
      JSON.stringify({
        messages: [
          { role: 'user', content: 'Résumé?' },
          { role: 'assistant', content: 'Yes, it is 👍' },
        ],
      }) + '\n',
    );
    expect(JSON.parse(fileText(files, 'exports/ratings.jsonl'))).toEqual({
      id: 'q1',
      prompt: [{ role: 'user', content: 'Résumé?' }],
      responses: [
        {
          id: 'a',
          content: 'Yes 👩🏽‍💻\r\n',
          ratings: { Helpfulness: 4 },
          flags: [],
          rationale: 'a is kinder',
        },
        { id: 'b', content: 'No  ', ratings: { Helpfulness: 2 }, flags: ['Unsafe'] },
      ],
      ratings: { Overall: 3 },
    });
    expect(warnings.map((w) => [w.path, w.itemName, w.reason])).toEqual([
      ['exports/preference.jsonl', 'q2', expect.stringMatching(/tie/)],
      ['exports/preference.jsonl', 'q3', 'a tie prefers neither response, so it was left out'],
      ['exports/sft.jsonl', 'q2', 'the rewrite is empty, so it was left out'],
    ]);
  });

  it('are read by Python with every chosen and rejected text equal to the source, byte for byte', () => {
    const { items, annotations, labels } = setup();
    const { files } = exportFormats({ project: project(labels), items, annotations });
    dir = mkdtempSync(join(tmpdir(), 'airlock-conv-'));
    mkdirSync(join(dir, 'exports'));
    for (const f of files) writeFileSync(join(dir, f.path), f.data);
    writeFileSync(join(dir, 'source.jsonl'), SOURCE_JSONL);
    const out = execFileSync('python3', [script, join(dir, 'exports'), join(dir, 'source.jsonl')], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({
      preference: 3,
      openai: 3,
      sft: ['Yes, it is 👍'],
      ratings: {
        q1: {
          a: [{ Helpfulness: 4 }, [], 'a is kinder'],
          b: [{ Helpfulness: 2 }, ['Unsafe'], null],
        },
      },
    });
  });

  it('are absent from a bundle without conversation items', () => {
    const { labels } = setup();
    expect(exportFormats({ project: project(labels), items: [], annotations: [] }).files).toEqual(
      [],
    );
  });
});
