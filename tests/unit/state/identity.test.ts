import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { Identity } from '../../../src/state/identity.svelte.ts';
import { parsePublicKey, keyIdHex } from '../../../src/bundle/minisign.ts';

describe('identity', () => {
  it('asks for a name, makes a key that keeps the annotator id, and re-keys keeping old keys', async () => {
    const repository = freshRepository();
    const identity = new Identity(repository, '0123456789abcdef');
    await identity.load();
    expect(identity.ready).toBe(false);
    expect(identity.annotator).toBe('0123456789abcdef');
    await expect(identity.setName('   ')).rejects.toThrow('Enter the name');

    await identity.setName(' Ada Lovelace ');
    const first = await identity.createKey();
    // Annotations made before the key are attributed to it: same id, as minisign prints it.
    expect(first.keyId).toBe('0123456789ABCDEF');
    expect(identity.annotator).toBe('0123456789ABCDEF');
    expect(identity.ready).toBe(true);
    const pub = parsePublicKey(identity.pubFile(first));
    expect(keyIdHex(pub.keyId)).toBe(first.keyId);
    expect(identity.pubFile(first)).toMatch(
      /^untrusted comment: minisign public key 0123456789ABCDEF \(Ada Lovelace\)\n/,
    );

    const second = await identity.createKey();
    expect(second.keyId).not.toBe(first.keyId);
    expect(identity.current?.keyId).toBe(second.keyId);
    expect(identity.retired.map((k) => k.keyId)).toEqual([first.keyId]);
    expect(identity.signer()).toMatchObject({ name: 'Ada Lovelace', keyId: second.keyId });

    // A reload finds the same identity.
    const again = new Identity(repository, '0123456789abcdef');
    await again.load();
    expect(again.name).toBe('Ada Lovelace');
    expect(again.current?.keyId).toBe(second.keyId);
    expect(again.current?.privateKey.extractable).toBe(false);
  });
});
