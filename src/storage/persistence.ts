/** Whether the browser promised not to evict our data, and how much space we use. */
export interface StorageStatus {
  persisted: boolean | 'unsupported';
  usage?: number;
  quota?: number;
}

/** Asks the browser to keep our data under storage pressure, then reports where we stand. */
export async function requestPersistence(
  storage = globalThis.navigator?.storage,
): Promise<StorageStatus> {
  if (!storage?.persist) return { persisted: 'unsupported' };
  const persisted = (await storage.persisted()) || (await storage.persist());
  const { usage, quota } = await storage.estimate();
  return { persisted, usage, quota };
}
