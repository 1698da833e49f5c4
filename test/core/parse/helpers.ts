/** Shared helpers of the parse tests: fixtures and inputs as `InputFile`s. */
import { readFileSync } from 'node:fs';
import { newPaper } from '../../../src/core/parse/fields';
import type { InputFile } from '../../../src/core/parse/index';
import type { Paper, ParseResult } from '../../../src/core/types';

export const root = new URL('../../../', import.meta.url);
export const readBytes = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, root)));
/** A fixture of `test/fixtures/parse/`, named as given. */
export const fixture = (name: string): InputFile => ({
  name,
  bytes: readBytes(`test/fixtures/parse/${name}`),
});
export const input = (name: string, content: string | Uint8Array): InputFile => ({
  name,
  bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
});

/** The papers without their origins, for comparing inputs whose line numbers differ. */
export const content = (papers: Paper[]) => papers.map(({ origin: _origin, ...rest }) => rest);

/** A long, sentence-rich abstract for synthetic files. */
export const abstract = (topic: string): string =>
  `We study ${topic} in depth. Our method improves on strong baselines across many benchmarks and settings. ` +
  `Experiments on several data sets show consistent gains, and we release code and models for ${topic}.`;

/** The paper a parser should give: every field empty but those named. */
export const paper = (origin: string, fields: Partial<Paper>): Paper => ({ ...newPaper(origin), ...fields });

/** The messages of a parse's notices, in order. */
export const messages = (result: ParseResult): string[] => result.notices.map((notice) => notice.message);
