/**
 * A file that is broken as a whole, where reading on would mean guessing and losing records (a
 * JSON array that does not parse, a binary file). `line` and `column` are 1-based; a binary file
 * has no line (0).
 */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly file: string;
  readonly line: number;
  readonly column: number | null;

  constructor(message: string, file: string, line: number, column: number | null = null) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}
