/**
 * The part of papaparse's string parser that csv.ts uses, for its browser build
 * (`papaparse/papaparse.min.js`). Declared here rather than taken from @types/papaparse, which
 * pulls Node's types into code that must run in a browser worker.
 */
declare module 'papaparse/papaparse.min.js' {
  export interface PapaError {
    code: string;
    /** Offset (in the parsed string) just after the quote the error is about. */
    index?: number;
  }

  export interface PapaStep {
    data: string[];
    errors: PapaError[];
    /** Offset just after this row, its line break included. */
    meta: { cursor: number };
  }

  export interface PapaConfig {
    delimiter: string;
    newline: '\n';
    quoteChar: '"';
    preview?: number;
    step: (result: PapaStep, parser: { abort: () => void }) => void;
  }

  const Papa: { parse(input: string, config: PapaConfig): void };
  export default Papa;
}
