/** A new random identifier (UUID v4). Ids never carry meaning. */
export function newId(): string {
  return crypto.randomUUID();
}

/** The current time as an RFC 3339 UTC timestamp, the form stored and exported. */
export function now(): string {
  return new Date().toISOString();
}
