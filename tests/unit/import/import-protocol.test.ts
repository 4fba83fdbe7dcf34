import { describe, expect, it } from 'vitest';
import { failureMessage, failureOf } from '../../../src/import/import-protocol.ts';
import { ConversationFileRejected } from '../../../src/import/conversation-jsonl.ts';
import { ImportRejected } from '../../../src/import/rejection.ts';
import { StorageFullError } from '../../../src/storage/errors.ts';

// The worker reports what went wrong as plain data; the page must meet the same error it
// would have met importing on its own thread, so the summary names the same lines.
const roundTrip = (error: Error) => {
  const message = failureMessage(error);
  if (message.type === 'finished') throw new Error('not a failure');
  return failureOf(message);
};

describe('import worker failures', () => {
  it('keep bad lines with their line numbers and the count of more', () => {
    const lines = [{ file: 'a.jsonl', line: 3, reason: 'is not a JSON object' }];
    const back = roundTrip(new ConversationFileRejected('a.jsonl', lines, 4));
    expect(back).toBeInstanceOf(ConversationFileRejected);
    expect(back).toMatchObject({ file: 'a.jsonl', lines, more: 4 });
  });

  it('keep a refused file, a full disk and anything else', () => {
    const refused = roundTrip(new ImportRejected('b.jsonl', 'is empty'));
    expect(refused).toBeInstanceOf(ImportRejected);
    expect(refused).toMatchObject({ file: 'b.jsonl', reason: 'is empty', line: undefined });
    expect(roundTrip(new ImportRejected('c.jsonl', 'is not valid UTF-8', 7))).toMatchObject({
      line: 7,
    });
    expect(roundTrip(new StorageFullError())).toBeInstanceOf(StorageFullError);
    expect(roundTrip(new Error('boom')).message).toBe('boom');
  });
});
