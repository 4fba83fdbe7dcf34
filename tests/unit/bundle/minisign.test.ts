// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MinisignFormatError,
  encodePublicKey,
  keyIdBytes,
  keyIdHex,
  parsePublicKey,
  parseSignature,
} from '../../../src/bundle/minisign.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-minisign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('minisign formats', () => {
  it('reads a key made by minisign itself and prints its key id as minisign does', () => {
    execFileSync('minisign', ['-G', '-W', '-p', 'k.pub', '-s', 'k.key'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const text = readFileSync(join(dir, 'k.pub'), 'utf8');
    const key = parsePublicKey(text);
    // minisign prints the id without leading zeros (one key in 16 starts with a 0 digit).
    const printed = /minisign public key ([0-9A-F]{1,16})\b/.exec(text)?.[1]?.padStart(16, '0');
    expect(keyIdHex(key.keyId)).toBe(printed);
    expect(keyIdBytes(printed!)).toEqual(key.keyId);
    expect(encodePublicKey(key)).toBe(text);
    // And a (prehashed) signature minisign makes, which the verifier also understands.
    execFileSync('minisign', ['-S', '-W', '-s', 'k.key', '-m', 'k.pub'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const sig = parseSignature(readFileSync(join(dir, 'k.pub.minisig'), 'utf8'));
    expect(sig).toMatchObject({ algorithm: 'ED', keyId: key.keyId });
    expect(sig.trustedComment).toMatch(/^timestamp:\d+\tfile:k\.pub/);
  });

  it('refuses files that are not minisign keys or signatures, saying why', () => {
    expect(() => parsePublicKey('hello')).toThrow(MinisignFormatError);
    expect(() => parsePublicKey('untrusted comment: x\nnot*base64\n')).toThrow('base64');
    expect(() => parsePublicKey('untrusted comment: x\nRWQ=\n')).toThrow(
      'not a minisign Ed25519 public key',
    );
    expect(() => parseSignature('untrusted comment: x\nRWQ=\n')).toThrow('2 lines, not 4');
    expect(() => keyIdBytes('xyz')).toThrow('16 hex digits');
    expect(() =>
      encodePublicKey({
        keyId: new Uint8Array(8),
        publicKey: new Uint8Array(32),
        untrustedComment: 'a\nb',
      }),
    ).toThrow('one line');
  });
});
