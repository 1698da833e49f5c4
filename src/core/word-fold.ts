/**
 * Words as a reader matches them when looking for a term in a text: lowercase, accents dropped,
 * cut at anything that is not a letter or digit ("fine-tuning" and "fine tuning" are the same two
 * words), each folded by a small stemmer that both sides share, so "fine-tuned", "fine-tuning" and
 * "fine-tune" all read "fin tun", and "LMs" reads "lm". Cheap and deterministic; used where the
 * lemmatizer has not run (a cluster's name checked against its papers' texts).
 */

const VOWEL = /[aeiouy]/;
const CONSONANT = /[b-df-hj-np-rt-z]/;

/** The folded form of one lowercase word: plural, then "-ing"/"-ed", then a final "e" or doubled consonant. */
export function foldWord(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies') && !/[ae]ies$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('es') && !/[aeo]es$/.test(w)) w = w.slice(0, -1);
  else if (w.length > 2 && w.endsWith('s') && !/(us|ss|is)$/.test(w)) w = w.slice(0, -1);
  // "-ing"/"-ed" only where a syllable is left ("tuning" → "tun", but "ring" and "bed" stay).
  if (w.endsWith('ing') && w.length >= 6 && VOWEL.test(w.slice(0, -3))) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 5 && VOWEL.test(w.slice(0, -2))) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  const last = w[w.length - 1];
  if (w.length > 3 && last === w[w.length - 2] && CONSONANT.test(last)) w = w.slice(0, -1);
  return w;
}

/** Lowercase without accents: how a text and a term are compared. */
export function plainLower(text: string): string {
  // Most words are ASCII and need no normalisation.
  const lower = text.toLowerCase();
  return isAscii(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}+/gu, '');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Written word → folded word. A pure function's memo, so it never changes a result; bounded. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 100_000;

/** `foldWord(plainLower(word))` of one written word, remembered. */
export function foldWritten(word: string): string {
  let folded = memo.get(word);
  if (folded === undefined) {
    folded = foldWord(plainLower(word));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, folded);
  }
  return folded;
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** The folded words of a text or term, in order. */
export function foldedWords(text: string): string[] {
  return plainLower(text)
    .split(NOT_WORD)
    .filter((w) => w.length > 0)
    .map(foldWord);
}
