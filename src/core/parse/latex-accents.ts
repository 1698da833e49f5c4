/**
 * LaTeX accents and special letters as Unicode, for the fields that carry them outside BibTeX: the
 * arXiv snapshot's author lists and abstracts in CSV and JSON (`Bal\'azs`, `{\O}bro`). The
 * BibTeX renderer (`latex.ts`) uses the same tables for its accents; only it renders the rest of
 * LaTeX (dashes, ties, math), which would damage text that is not LaTeX.
 */

/** Accent commands → combining marks: `\'e`, `\"{o}`, `\v{s}`, `\c c`. */
export const LATEX_ACCENTS: ReadonlyMap<string, string> = new Map([
  ["'", '\u0301'],
  ['`', '\u0300'],
  ['^', '\u0302'],
  ['"', '\u0308'],
  ['~', '\u0303'],
  ['=', '\u0304'],
  ['.', '\u0307'],
  ['u', '\u0306'],
  ['v', '\u030C'],
  ['H', '\u030B'],
  ['c', '\u0327'],
  ['k', '\u0328'],
  ['r', '\u030A'],
  ['d', '\u0323'],
  ['b', '\u0331'],
]);

/** Letter commands: `\o`, `\ss`, `\aa`, …; `\i` and `\j` are the dotless letters. */
export const LATEX_LETTERS: ReadonlyMap<string, string> = new Map([
  ['o', 'ø'],
  ['O', 'Ø'],
  ['l', 'ł'],
  ['L', 'Ł'],
  ['ss', 'ß'],
  ['ae', 'æ'],
  ['AE', 'Æ'],
  ['oe', 'œ'],
  ['OE', 'Œ'],
  ['aa', 'å'],
  ['AA', 'Å'],
  ['i', 'ı'],
  ['j', 'ȷ'],
]);

// A symbol accent takes a letter directly or in braces; a letter accent (`\v`) needs braces or a
// space, so that `\vec` or `\ref` are left alone. `\i`/`\j` under an accent are plain i/j.
const SYMBOL_ACCENT = /\\(['`^"~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g;
const LETTER_ACCENT = /\\([uvHckrdb])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))/g;
const LETTER_COMMAND = /\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\s+(?=[A-Za-z]))?/g;

/**
 * LaTeX accents and special letters as Unicode ("Bal\'azs" → "Balázs", "{\O}bro" → "Øbro",
 * "\v{S}r\'amek" → "Šrámek"); the braces left around a decoded letter go too. Any other LaTeX
 * (math, commands) is left as written: it is text the text stage knows how to drop.
 */
export function decodeLatexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  const accent = (command: string, braced: string | undefined, bare: string | undefined): string => {
    const letter = braced ?? bare ?? '';
    const base = letter === '\\i' ? 'i' : letter === '\\j' ? 'j' : letter;
    return `${base}${LATEX_ACCENTS.get(command) ?? ''}`.normalize('NFC');
  };
  return text
    .replace(SYMBOL_ACCENT, (_match, command: string, braced?: string, bare?: string) =>
      accent(command, braced, bare),
    )
    .replace(LETTER_ACCENT, (_match, command: string, braced?: string, bare?: string) =>
      accent(command, braced, bare),
    )
    .replace(LETTER_COMMAND, (_match, command: string) => LATEX_LETTERS.get(command) ?? command)
    .replace(/\{(\P{ASCII}\p{M}*)\}/gu, '$1');
}
