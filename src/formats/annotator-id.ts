/** Key ids as minisign prints them (upper-case hex), as the native record writes them. */
export function annotatorId(id: string): string {
  return /^[0-9a-f]{16}$/i.test(id) ? id.toUpperCase() : id;
}
