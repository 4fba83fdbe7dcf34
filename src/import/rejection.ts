/** Why a file (or a line of it) was not imported. */
export interface Rejection {
  file: string;
  /** 1-based physical line, when the problem is on one line. */
  line?: number;
  reason: string;
  /** Set on the "and N more bad lines" entry that ends a long list: how many it stands for. */
  more?: number;
}

export function describeRejection(r: Rejection): string {
  return `${r.file}${r.line ? `, line ${r.line}` : ''}: ${r.reason}`;
}

/** Thrown by the parsers; the caller turns it into a Rejection shown to the labeler. */
export class ImportRejected extends Error {
  override name = 'ImportRejected';

  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(describeRejection({ file, reason, line }));
  }
}
