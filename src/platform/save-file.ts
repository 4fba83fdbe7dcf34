/** Hands a file to the browser's download, which saves it where the labeler chooses. */
export function saveFile(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has its own reference by now; the URL only needs to live until the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
