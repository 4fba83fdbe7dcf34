import { z } from 'zod';
import type { Repository } from '../storage/repository.ts';
import type { SigningKeyRecord } from '../storage/db.ts';
import { generateKeyPair } from '../bundle/signing.ts';
import { keyIdBytes, keyIdHex, publicKeyLine } from '../bundle/minisign.ts';
import type { ExportSigner } from '../export/export-job.ts';
import { now } from '../model/ids.ts';

const NAME = 'signerName';

/**
 * Who the annotator is: a display name and an Ed25519 signing key made in this browser.
 * Annotations carry the key id; bundles are signed with the key. Re-keying retires the old
 * key (still listed, so the lab can check what it signed) and starts using a new one.
 */
export class Identity {
  name = $state<string | undefined>();
  keys = $state.raw<SigningKeyRecord[]>([]);
  loaded = $state(false);

  current: SigningKeyRecord | undefined = $derived(this.keys.find((k) => !k.retiredAt));
  retired: SigningKeyRecord[] = $derived(this.keys.filter((k) => k.retiredAt));

  constructor(
    private readonly repository: Repository,
    /** This browser's annotator id from before it had a key (16 lower-case hex). */
    private readonly localId: string,
  ) {}

  /** What new annotations record as their annotator: the key id, once there is a key. */
  get annotator(): string {
    return this.current?.keyId ?? this.localId;
  }

  get ready(): boolean {
    return Boolean(this.name && this.current);
  }

  async load(): Promise<void> {
    [this.name, this.keys] = await Promise.all([
      this.repository.getSetting(NAME, z.string()),
      this.repository.signingKeys(),
    ]);
    this.loaded = true;
  }

  async setName(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('Enter the name the lab knows you by.');
    await this.repository.setSetting(NAME, trimmed);
    this.name = trimmed;
  }

  /**
   * Makes a new signing key. The first one takes this browser's annotator id as its key id,
   * so annotations made before it are attributed to it too.
   */
  async createKey(): Promise<SigningKeyRecord> {
    const keyId = this.keys.length === 0 ? keyIdBytes(this.localId) : undefined;
    const pair = await generateKeyPair(keyId);
    const record = {
      keyId: keyIdHex(pair.keyId),
      publicKey: publicKeyLine(pair.keyId, pair.publicKey),
      privateKey: pair.privateKey,
      createdAt: now(),
    };
    await this.repository.addSigningKey(record);
    this.keys = await this.repository.signingKeys();
    return record;
  }

  /** The minisign .pub file of a key, for the lab's list of trusted keys. */
  pubFile(key: SigningKeyRecord): string {
    const who = (this.name ?? 'Airlock annotator').replace(/[\r\n]+/g, ' ');
    return `untrusted comment: minisign public key ${key.keyId} (${who})\n${key.publicKey}\n`;
  }

  signer(): ExportSigner | undefined {
    const key = this.current;
    if (!key || !this.name) return undefined;
    return {
      name: this.name,
      keyId: key.keyId,
      publicKey: key.publicKey,
      privateKey: key.privateKey,
    };
  }
}
