// The entry names a bundle (or backup) may hold: relative, `/`-separated, no `..` segment,
// no leading `/`, no backslash. Shared by the writer (never writes one) and the reader
// (reports one), so both sides agree on what is unsafe.

/** Why `name` is not a safe entry name, or undefined when it is. */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0) return 'empty entry name';
  if (name.includes('\\')) return 'backslash in entry name';
  if (name.includes('\0')) return 'NUL character in entry name';
  if (name.startsWith('/')) return 'absolute entry name (leading /)';
  if (/^[a-zA-Z]:/.test(name)) return 'entry name starts with a drive letter';
  const segments = name.split('/');
  if (segments.includes('..')) return 'entry name has a ".." segment';
  if (segments.slice(0, -1).some((s) => s === '' || s === '.'))
    return 'entry name has an empty or "." segment';
  return undefined;
}
