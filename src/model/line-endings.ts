// A text box gives back every line break as "\n" (browsers normalize CR LF on reading a
// textarea), so a rewrite of a response written with CR LF would silently change lines the
// labeler never touched. The edited text gets its line breaks back from the original: line i
// ends as line i of the original did, and lines past its end as its last break did.

/** The line breaks of a text in order ("\r\n" or "\n"). */
function breaksOf(text: string): string[] {
  return [...text.matchAll(/\r?\n/g)].map((m) => m[0]);
}

/** `edited` (line breaks "\n", as from a text box) with the line breaks of `original`. */
export function keepLineEndings(edited: string, original: string): string {
  const breaks = breaksOf(original);
  if (!breaks.includes('\r\n')) return edited;
  const last = breaks[breaks.length - 1]!;
  let i = 0;
  return edited.replace(/\r?\n/g, () => breaks[i++] ?? last);
}
