import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ConversationFileRejected,
  parseConversations,
  responseFields,
} from '../../../src/import/conversation-jsonl.ts';
import { importFiles } from '../../../src/import/importer.ts';
import { importConversationFile } from '../../../src/import/conversation-file.ts';
import { ImportRejected } from '../../../src/import/rejection.ts';
import { freshRepository, sourceFile } from '../../factories/files.ts';

const lines = (...objects: unknown[]) => objects.map((o) => JSON.stringify(o)).join('\n') + '\n';

function rejection(run: () => unknown): ConversationFileRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof ConversationFileRejected) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('conversation JSONL shapes', () => {
  it('reads {prompt, responses} with ids and model names kept, strings numbered r1, r2', () => {
    const text = lines(
      {
        id: 'p-1',
        prompt: 'Name a prime.',
        responses: [
          { id: 'gpt-a', content: '2', model: 'alpha-7b' },
          { response_id: 'x9', text: '**7**\r\n', model_name: 'beta' },
        ],
      },
      { prompt: 'Say hi', responses: ['hi', 'hello 👋🏽'] },
    );
    const [a, b] = parseConversations('p.jsonl', text, 'responses');
    expect(a).toMatchObject({
      line: 1,
      name: 'p-1',
      context: [{ role: 'user', content: 'Name a prime.' }],
      responses: [
        { id: 'gpt-a', content: '2', model: 'alpha-7b' },
        { id: 'x9', content: '**7**\r\n', model: 'beta' },
      ],
    });
    expect(b!.name).toBe('p.jsonl:2');
    expect(b!.responses).toEqual([
      { id: 'r1', content: 'hi' },
      { id: 'r2', content: 'hello 👋🏽' },
    ]);
  });

  it('reads TRL standard, conversational and implicit-prompt preference lines', () => {
    const text = lines(
      { prompt: 'The sky is', chosen: ' blue.', rejected: ' green.' },
      {
        prompt: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'What colour is the sky?' },
        ],
        chosen: [{ role: 'assistant', content: 'It is blue.' }],
        rejected: [{ role: 'assistant', content: 'It is green.' }],
      },
      {
        chosen: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
        ],
        rejected: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Go away.' },
        ],
      },
    );
    const [standard, conversational, implicit] = parseConversations('t.jsonl', text, '');
    expect(standard!.context).toEqual([{ role: 'user', content: 'The sky is' }]);
    expect(standard!.responses.map((r) => [r.id, r.content])).toEqual([
      ['r1', ' blue.'],
      ['r2', ' green.'],
    ]);
    expect(conversational!.context.map((m) => m.role)).toEqual(['system', 'user']);
    expect(conversational!.responses[1]!.content).toBe('It is green.');
    expect(implicit!.context).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(implicit!.responses.map((r) => r.content)).toEqual(['Hello!', 'Go away.']);
  });

  it('reads messages with candidates in a chosen field, and OpenAI chat alone', () => {
    const text = lines(
      {
        messages: [
          { role: 'developer', content: 'Answer in French.' },
          { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
        ],
        candidates: [{ content: 'Bonjour', model: 'm1' }, { content: 'Salut' }],
      },
      {
        model: 'gpt-x',
        messages: [
          { role: 'user', content: 'Capital of France?' },
          { role: 'assistant', content: 'Paris.' },
        ],
      },
    );
    expect(responseFields(text)).toEqual(['candidates']);
    const [withField, chat] = parseConversations('m.jsonl', text, 'candidates');
    expect(withField!.context).toEqual([
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'Hello' },
    ]);
    expect(withField!.responses).toEqual([
      { id: 'r1', content: 'Bonjour', model: 'm1' },
      { id: 'r2', content: 'Salut' },
    ]);
    expect(chat!.context).toEqual([{ role: 'user', content: 'Capital of France?' }]);
    expect(chat!.responses).toEqual([{ id: 'r1', content: 'Paris.', model: 'gpt-x' }]);
  });

  it('reads HH-RLHF dialogue strings, turn text exactly as between the markers', () => {
    const text = lines({
      chosen:
        '\n\nHuman: How do I boil an egg?\n\nAssistant: Put it in boiling water.\n\nHuman: How long?\n\nAssistant: About 9 minutes.',
      rejected:
        '\n\nHuman: How do I boil an egg?\n\nAssistant: Put it in boiling water.\n\nHuman: How long?\n\nAssistant:',
    });
    const [hh] = parseConversations('hh.jsonl', text, '');
    expect(hh!.context).toEqual([
      { role: 'user', content: 'How do I boil an egg?' },
      { role: 'assistant', content: 'Put it in boiling water.' },
      { role: 'user', content: 'How long?' },
    ]);
    expect(hh!.responses).toEqual([
      { id: 'r1', content: 'About 9 minutes.' },
      { id: 'r2', content: '' },
    ]);
  });

  it('names every bad line with its reason and returns nothing of the file', () => {
    const text = [
      JSON.stringify({ prompt: 'ok', responses: ['fine'] }),
      '{"prompt": "cut',
      '[1, 2]',
      JSON.stringify({ prompt: 'x', responses: [] }),
      JSON.stringify({
        prompt: 'x',
        responses: [
          { id: 'a', content: '1' },
          { id: 'a', content: '2' },
        ],
      }),
      JSON.stringify({ messages: [{ role: 'wizard', content: 'hi' }], responses: ['a'] }),
      JSON.stringify({
        chosen: '\n\nHuman: a\n\nAssistant: b',
        rejected: '\n\nHuman: c\n\nAssistant: d',
      }),
      JSON.stringify({ prompt: 'x', responses: ['\ud800'] }),
      JSON.stringify({ hello: 'world' }),
      '',
      JSON.stringify({ messages: [{ role: 'user', content: 'no answer' }] }),
    ].join('\r\n');
    const error = rejection(() => parseConversations('bad.jsonl', text, 'responses'));
    expect(error.lines.map((l) => [l.line, l.reason])).toEqual([
      [2, expect.stringMatching(/^is not valid JSON/)],
      [3, 'is not a JSON object'],
      [4, '"responses" is not a non-empty list of responses'],
      [5, 'two responses have the id "a"'],
      [6, 'messages message 1 has an unknown role "wizard"'],
      [7, '"chosen" and "rejected" differ before their last turn'],
      [8, 'responses 1 contains a lone surrogate at code unit 0'],
      [9, expect.stringMatching(/^is not a conversation/)],
      [11, expect.stringMatching(/does not end with an assistant message/)],
    ]);
  });
});

describe('importing conversations', () => {
  it('stores each line as an item whose SHA-256 is of the line as imported; a bad file adds nothing', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('Feedback');
    const first = JSON.stringify({ id: 'q1', prompt: 'Hi', responses: ['a', 'b'] });
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices: {
        jsonlField: 'text',
        csvColumn: 'text',
        jsonlAs: 'conversation',
        responsesField: 'responses',
      },
      decodeImage: () => Promise.reject(new Error('no images here')),
      files: [
        sourceFile('good.jsonl', `${first}\r\n${first}\n`),
        sourceFile('half.jsonl', `${JSON.stringify({ prompt: 'ok', responses: ['x'] })}\n{oops\n`),
      ],
    });
    expect(summary.added).toBe(1);
    expect(summary.duplicates).toBe(1);
    expect(summary.rejected).toEqual([
      {
        file: 'half.jsonl',
        line: 2,
        reason: expect.stringMatching(/^is not valid JSON/) as unknown,
      },
    ]);
    const items = await repository.getItems(await repository.itemIds(project.id));
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.kind).toBe('conversation');
    expect(item.name).toBe('q1');
    expect(item.sha256).toBe(createHash('sha256').update(first, 'utf8').digest('hex'));
  });

  describe('one file, parsed while it is stored', () => {
    const good = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({ id: `q${i}`, prompt: `Q${i}`, responses: ['a', 'b'] }),
      );

    async function importBytes(text: string | Uint8Array, signal?: AbortSignal) {
      const repository = freshRepository();
      const project = await repository.createProject('Feedback');
      const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      const run = importConversationFile(
        repository,
        { projectId: project.id, name: 'c.jsonl', bytes, field: 'responses', seen: new Set() },
        signal,
      );
      const stored = () => repository.itemIds(project.id);
      const names = async () => (await repository.getItems(await stored())).map((i) => i.name);
      return { run, stored, names };
    }

    it('stores every line in the order of the file, across batches', async () => {
      const { run, names } = await importBytes(good(250).join('\n'));
      expect((await run).added).toHaveLength(250);
      expect(await names()).toEqual(Array.from({ length: 250 }, (_, i) => `q${i}`));
    });

    it('stores nothing when a bad line comes after hundreds already handed to storage', async () => {
      const text = [...good(450), '{"prompt": "cut', ...good(3), '[1]'].join('\n');
      const { run, stored } = await importBytes(text);
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConversationFileRejected);
      expect((error as ConversationFileRejected).lines.map((l) => l.line)).toEqual([451, 455]);
      expect(await stored()).toEqual([]);
    });

    it('stores nothing when cancelled before the file lands', async () => {
      const controller = new AbortController();
      controller.abort();
      const { run, stored } = await importBytes(good(300).join('\n'), controller.signal);
      expect(await run).toMatchObject({ cancelled: true, added: [] });
      expect(await stored()).toEqual([]);
    });

    it('refuses an empty file, a BOM alone and blank lines alone, each with its reason', async () => {
      const reasons = [];
      for (const bytes of [[], [0xef, 0xbb, 0xbf], [0x20, 0x0a, 0x0d, 0x0a]]) {
        const { run } = await importBytes(new Uint8Array(bytes));
        reasons.push(
          await run.then(
            () => '',
            (e: unknown) => (e as ImportRejected).reason,
          ),
        );
      }
      expect(reasons).toEqual(['is empty', 'is empty', 'has no conversations to import']);
    });

    it('names the first byte that is not UTF-8, and its line', async () => {
      const head = new TextEncoder().encode(`${good(2).join('\n')}\n`);
      const bytes = new Uint8Array([...head, 0x7b, 0xff, 0x7d, 0x0a]);
      const { run, stored } = await importBytes(bytes);
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportRejected);
      expect(error).toMatchObject({
        reason: `is not valid UTF-8 text (first bad byte at offset ${head.length + 1})`,
        line: 3,
      });
      expect(await stored()).toEqual([]);
    });
  });
});
