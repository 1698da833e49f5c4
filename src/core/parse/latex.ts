/**
 * LaTeX in BibTeX field values → clean Unicode text: accents and special letters (`{\"u}`,
 * `\c{c}`, `{\ss}`), escaped characters (`\&`, `\%`, `\_`), dashes and quotes (`--`, `---`,
 * ``` `` ```, `''`), ties (`~`), font and emphasis commands (their text kept, the markup dropped) and
 * case-protecting braces (`{BERT}` → `BERT`).
 *
 * TeX math is rendered, not kept as source: Greek letters and common operators as Unicode
 * (`$\alpha$` → `α`), sub- and superscripts as Unicode when every character has one (`x_{ij}` →
 * `xᵢⱼ`, `10^{-3}` → `10⁻³`) and else written out (`x^(2n+q)`), operator names as words
 * (`n \log n` → `n log n`), math fonts as their letters (`\mathcal{O}` → `O`). Titles and abstracts
 * are read by people and by the TF-IDF stage, and both need "α-divergence" and "O(n log n)", not
 * `$\alpha$` or `\mathcal{O}`.
 *
 * This renderer knows the LaTeX that BibTeX exporters and authors write (Zotero, Mendeley,
 * JabRef, Google Scholar, arXiv, dblp), in one pass over each value. A command it does not
 * know (a rare symbol, or one defined with `\newcommand` in the file's `@preamble`) is handed,
 * with the arguments attached to it, to `@retorquere/bibtex-parser`, whose tables (unicode2latex)
 * know thousands; a command neither knows is left out and reported. The library does not render
 * whole values because its LaTeX parser (unified-latex's PEG grammar) costs about 1.5 ms per
 * abstract, 13 s for a 5,000-entry Zotero export, and because it reads a bare `%` as a TeX
 * comment (dropping the rest of the line), `<` and `>` as `¡` and `¿` (OT1 font encoding) and
 * `\'{\i}` as `ı́`; here a bare `%`, `<`, `>`, `&`, `#` or `_` outside math is the character itself.
 */

import { parse as parseWithLibrary } from '@retorquere/bibtex-parser';
import { LATEX_ACCENTS, LATEX_LETTERS } from './latex-accents';

/** An accent over nothing (`\^{}`, `\~{}`) is how exporters write the accent character itself. */
const BARE_ACCENTS: ReadonlyMap<string, string> = new Map([
  ['^', '^'],
  ['~', '~'],
  ["'", '´'],
  ['`', '`'],
  ['"', '¨'],
  ['=', '¯'],
  ['.', '˙'],
  ['u', '˘'],
  ['v', 'ˇ'],
  ['H', '˝'],
  ['c', '¸'],
  ['k', '˛'],
  ['r', '˚'],
]);

/** The TeX logos, as words. */
const LOGOS: ReadonlyMap<string, string> = new Map([
  ['TeX', 'TeX'],
  ['LaTeX', 'LaTeX'],
  ['LaTeXe', 'LaTeX2ε'],
  ['BibTeX', 'BibTeX'],
  ['XeTeX', 'XeTeX'],
  ['XeLaTeX', 'XeLaTeX'],
  ['LuaTeX', 'LuaTeX'],
  ['LuaLaTeX', 'LuaLaTeX'],
  ['AmS', 'AMS'],
]);

/** Commands that stand for text, in and out of math (Zotero's, Mendeley's and BibLaTeX's escapes). */
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['&', '&'],
  ['%', '%'],
  ['$', '$'],
  ['#', '#'],
  ['_', '_'],
  ['{', '{'],
  ['}', '}'],
  ['|', '‖'],
  ['textbackslash', '\\'],
  ['backslash', '\\'],
  ['textasciitilde', '~'],
  ['textasciicircum', '^'],
  ['textless', '<'],
  ['textgreater', '>'],
  ['textbar', '|'],
  ['textunderscore', '_'],
  ['textdollar', '$'],
  ['textbraceleft', '{'],
  ['textbraceright', '}'],
  ['textendash', '–'],
  ['textemdash', '—'],
  ['textquoteleft', '‘'],
  ['textquoteright', '’'],
  ['textquotedblleft', '“'],
  ['textquotedblright', '”'],
  ['textquotedbl', '"'],
  ['textquotesingle', "'"],
  ['quotedblbase', '„'],
  ['quotesinglbase', '‚'],
  ['guillemotleft', '«'],
  ['guillemotright', '»'],
  ['guillemetleft', '«'],
  ['guillemetright', '»'],
  ['guilsinglleft', '‹'],
  ['guilsinglright', '›'],
  ['textexclamdown', '¡'],
  ['textquestiondown', '¿'],
  ['ldots', '…'],
  ['dots', '…'],
  ['textellipsis', '…'],
  ['textbullet', '•'],
  ['textperiodcentered', '·'],
  ['textdegree', '°'],
  ['copyright', '©'],
  ['textcopyright', '©'],
  ['textregistered', '®'],
  ['texttrademark', '™'],
  ['S', '§'],
  ['textsection', '§'],
  ['P', '¶'],
  ['textparagraph', '¶'],
  ['dag', '†'],
  ['textdagger', '†'],
  ['ddag', '‡'],
  ['textdaggerdbl', '‡'],
  ['pounds', '£'],
  ['textsterling', '£'],
  ['texteuro', '€'],
  ['euro', '€'],
  ['textyen', '¥'],
  ['textcent', '¢'],
  ['textmu', 'µ'],
  ['texttimes', '×'],
  ['textdiv', '÷'],
  ['textpm', '±'],
  ['textonehalf', '½'],
  ['textonequarter', '¼'],
  ['textthreequarters', '¾'],
  ['textordfeminine', 'ª'],
  ['textordmasculine', 'º'],
  ['textperthousand', '‰'],
  ['textnumero', '№'],
  ['textcelsius', '℃'],
  ['textasteriskcentered', '∗'],
  ['checkmark', '✓'],
  ['dh', 'ð'],
  ['DH', 'Ð'],
  ['dj', 'đ'],
  ['DJ', 'Đ'],
  ['th', 'þ'],
  ['TH', 'Þ'],
  ['ng', 'ŋ'],
  ['NG', 'Ŋ'],
  ...LOGOS,
  // Math: Greek (the italic forms unicode-math gives \phi and \epsilon) and common operators.
  ['alpha', 'α'],
  ['beta', 'β'],
  ['gamma', 'γ'],
  ['delta', 'δ'],
  ['epsilon', 'ϵ'],
  ['varepsilon', 'ε'],
  ['zeta', 'ζ'],
  ['eta', 'η'],
  ['theta', 'θ'],
  ['vartheta', 'ϑ'],
  ['iota', 'ι'],
  ['kappa', 'κ'],
  ['lambda', 'λ'],
  ['mu', 'μ'],
  ['nu', 'ν'],
  ['xi', 'ξ'],
  ['omicron', 'ο'],
  ['pi', 'π'],
  ['varpi', 'ϖ'],
  ['rho', 'ρ'],
  ['varrho', 'ϱ'],
  ['sigma', 'σ'],
  ['varsigma', 'ς'],
  ['tau', 'τ'],
  ['upsilon', 'υ'],
  ['phi', 'ϕ'],
  ['varphi', 'φ'],
  ['chi', 'χ'],
  ['psi', 'ψ'],
  ['omega', 'ω'],
  ['Gamma', 'Γ'],
  ['Delta', 'Δ'],
  ['Theta', 'Θ'],
  ['Lambda', 'Λ'],
  ['Xi', 'Ξ'],
  ['Pi', 'Π'],
  ['Sigma', 'Σ'],
  ['Upsilon', 'Υ'],
  ['Phi', 'Φ'],
  ['Psi', 'Ψ'],
  ['Omega', 'Ω'],
  ['times', '×'],
  ['cdot', '⋅'],
  ['cdots', '⋯'],
  ['ast', '∗'],
  ['star', '⋆'],
  ['circ', '∘'],
  ['bullet', '∙'],
  ['pm', '±'],
  ['mp', '∓'],
  ['div', '÷'],
  ['le', '≤'],
  ['leq', '≤'],
  ['ge', '≥'],
  ['geq', '≥'],
  ['ne', '≠'],
  ['neq', '≠'],
  ['ll', '≪'],
  ['gg', '≫'],
  ['approx', '≈'],
  ['sim', '∼'],
  ['simeq', '≃'],
  ['cong', '≅'],
  ['equiv', '≡'],
  ['propto', '∝'],
  ['infty', '∞'],
  ['partial', '∂'],
  ['nabla', '∇'],
  ['sum', '∑'],
  ['prod', '∏'],
  ['int', '∫'],
  ['oint', '∮'],
  ['in', '∈'],
  ['notin', '∉'],
  ['ni', '∋'],
  ['subset', '⊂'],
  ['subseteq', '⊆'],
  ['supset', '⊃'],
  ['supseteq', '⊇'],
  ['cup', '∪'],
  ['cap', '∩'],
  ['setminus', '∖'],
  ['emptyset', '∅'],
  ['varnothing', '∅'],
  ['forall', '∀'],
  ['exists', '∃'],
  ['neg', '¬'],
  ['lnot', '¬'],
  ['wedge', '∧'],
  ['land', '∧'],
  ['vee', '∨'],
  ['lor', '∨'],
  ['oplus', '⊕'],
  ['otimes', '⊗'],
  ['odot', '⊙'],
  ['to', '→'],
  ['rightarrow', '→'],
  ['leftarrow', '←'],
  ['gets', '←'],
  ['leftrightarrow', '↔'],
  ['Rightarrow', '⇒'],
  ['Leftarrow', '⇐'],
  ['Leftrightarrow', '⇔'],
  ['iff', '⇔'],
  ['implies', '⇒'],
  ['mapsto', '↦'],
  ['uparrow', '↑'],
  ['downarrow', '↓'],
  ['langle', '⟨'],
  ['rangle', '⟩'],
  ['lceil', '⌈'],
  ['rceil', '⌉'],
  ['lfloor', '⌊'],
  ['rfloor', '⌋'],
  ['mid', '∣'],
  ['parallel', '∥'],
  ['perp', '⊥'],
  ['top', '⊤'],
  ['bot', '⊥'],
  ['vdash', '⊢'],
  ['models', '⊨'],
  ['prime', '′'],
  ['ell', 'ℓ'],
  ['hbar', 'ℏ'],
  ['Re', 'ℜ'],
  ['Im', 'ℑ'],
  ['aleph', 'ℵ'],
  ['angle', '∠'],
  ['triangle', '△'],
  ['square', '□'],
  ['surd', '√'],
  ['degree', '°'],
  ['colon', ':'],
  ['lbrace', '{'],
  ['rbrace', '}'],
  ['vert', '|'],
  ['Vert', '‖'],
]);

/** Spacing commands, a line break (`\\`) and a paragraph break: one space. */
const SPACES = new Set([
  ' ',
  ',',
  ';',
  ':',
  '>',
  '\\',
  '\n',
  '\t',
  'quad',
  'qquad',
  'enspace',
  'enskip',
  'thinspace',
  'medspace',
  'thickspace',
  'space',
  'nobreakspace',
  'hfill',
  'hfil',
  'newline',
  'linebreak',
  'par',
  'item',
  'hspace',
]);

/**
 * Commands that add no text: hyphenation and spacing hints, declarations (`\em`, `{\bf …}`), and
 * wrappers whose argument is simply text (`\emph{…}`, `\mathrm{…}`), which the braces after them
 * render anyway.
 */
const SILENT = new Set([
  '!',
  '-',
  '/',
  '@',
  'relax',
  'protect',
  'xspace',
  'unskip',
  'null',
  'nobreak',
  'noindent',
  'ignorespaces',
  'leavevmode',
  'displaystyle',
  'textstyle',
  'scriptstyle',
  'scriptscriptstyle',
  'limits',
  'nolimits',
  'em',
  'it',
  'bf',
  'sc',
  'tt',
  'rm',
  'sf',
  'sl',
  'md',
  'up',
  'cal',
  'frak',
  'Bbb',
  'itshape',
  'bfseries',
  'scshape',
  'upshape',
  'mdseries',
  'slshape',
  'rmfamily',
  'sffamily',
  'ttfamily',
  'normalfont',
  'tiny',
  'scriptsize',
  'footnotesize',
  'small',
  'normalsize',
  'large',
  'Large',
  'LARGE',
  'huge',
  'Huge',
  'emph',
  'textit',
  'textbf',
  'textsc',
  'texttt',
  'textrm',
  'textsf',
  'textsl',
  'textup',
  'textmd',
  'textnormal',
  'underline',
  'uline',
  'mbox',
  'hbox',
  'text',
  'mathrm',
  'mathit',
  'mathbf',
  'mathsf',
  'mathtt',
  'mathcal',
  'mathbb',
  'mathfrak',
  'mathscr',
  'mathnormal',
  'boldsymbol',
  'bm',
  'pmb',
  'operatorname',
  'mkbibemph',
  'mkbibitalic',
  'mkbibbold',
  'NoCaseChange',
  'nocase',
]);

/** `\left(`, `\big[`: the size command adds nothing; `\left.` stands for no delimiter at all. */
const DELIMITER_SIZES = new Set([
  'left',
  'right',
  'middle',
  'big',
  'Big',
  'bigg',
  'Bigg',
  'bigl',
  'bigr',
  'Bigl',
  'Bigr',
  'biggl',
  'biggr',
  'Biggl',
  'Biggr',
]);

/** Commands whose first argument is not text: sort keys, phantoms, colours, labels, link targets. */
const DROP_ARGUMENT = new Set([
  'noopsort',
  'SortNoop',
  'vphantom',
  'hphantom',
  'phantom',
  'label',
  'index',
  'ref',
  'eqref',
  'pageref',
  'cite',
  'citep',
  'citet',
  'nocite',
  'color',
  'textcolor',
  'colorbox',
  'href',
  'vspace',
  'begin',
  'end',
]);

/** Operator names, set as words: `n \log n` → `n log n`. */
const MATH_WORDS = new Set([
  'log',
  'ln',
  'lg',
  'exp',
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'sinh',
  'cosh',
  'tanh',
  'arcsin',
  'arccos',
  'arctan',
  'max',
  'min',
  'sup',
  'inf',
  'lim',
  'liminf',
  'limsup',
  'arg',
  'argmax',
  'argmin',
  'det',
  'dim',
  'ker',
  'deg',
  'gcd',
  'hom',
  'Pr',
  'mod',
  'bmod',
]);

/** Math accents → combining marks, placed on a one-letter argument (`\hat{x}` → `x̂`). */
const MATH_ACCENTS: ReadonlyMap<string, string> = new Map([
  ['hat', '\u0302'],
  ['widehat', '\u0302'],
  ['tilde', '\u0303'],
  ['widetilde', '\u0303'],
  ['bar', '\u0304'],
  ['overline', '\u0305'],
  ['vec', '\u20D7'],
  ['dot', '\u0307'],
  ['ddot', '\u0308'],
  ['check', '\u030C'],
  ['breve', '\u0306'],
  ['acute', '\u0301'],
  ['grave', '\u0300'],
  ['mathring', '\u030A'],
]);

const SUPERSCRIPTS: ReadonlyMap<string, string> = charMap(
  '0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδφχ′″*†∗⊤−',
  '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᵠᵡ′″*†∗ᵀ⁻',
);
const SUBSCRIPTS: ReadonlyMap<string, string> = charMap(
  '0123456789+-=()aehijklmnoprstuvxβγρφχ−',
  '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ₋',
);

function charMap(from: string, to: string): ReadonlyMap<string, string> {
  const keys = [...from];
  const values = [...to];
  if (keys.length !== values.length) throw new Error('papermap/latex: script tables differ in length');
  return new Map(keys.map((key, i) => [key, values[i]]));
}

/** Anything that needs rendering; a value without any of these is already plain text. */
const NEEDS_RENDERING = /[\\{}$~]|--|``|''/;

/** A run of characters that render as themselves in text and in math. */
const PLAIN_RUN = /[^\\{}$~\-`'^_\n\t\r]+/y;
const LETTERS = /[A-Za-z]+/y;

/** Private-use stand-ins for `<` and `>`, so that the library's HTML-like markup can be told apart. */
const LESS = '\uFDD0';
const GREATER = '\uFDD1';
/** The markup the library's output carries (`<i>`, `<span class="nocase">`, `<a href="…">`, `<sup>`). */
const LIBRARY_MARKUP = /<\/?(?:i|b|sc|span|a|sub|sup|code|p|br|li|ul|blockquote|h[1-6])(?:\s[^>]*)?>/g;

interface Cursor {
  readonly s: string;
  i: number;
}

/**
 * Renders the LaTeX of one BibTeX file's field values. `preamble` holds the file's `@preamble`
 * values, for the commands they define; renderings that needed the library are remembered.
 */
export class LatexRenderer {
  private readonly libraryCache = new Map<string, { text: string; unknown: readonly string[] }>();
  private readonly preamble: string;
  private unknown: Set<string> = new Set();

  constructor(preamble: readonly string[] = []) {
    this.preamble = preamble.map((value) => `@preamble{${value}}\n`).join('');
  }

  /**
   * The text of a field value, whitespace runs kept for the caller to collapse. The commands
   * that could not be turned into text are added to `unknown` (as written: `\foo`).
   */
  text(tex: string, unknown: Set<string>): string {
    if (!NEEDS_RENDERING.test(tex)) return tex;
    this.unknown = unknown;
    const text = this.render({ s: tex, i: 0 }, false, '');
    return text.normalize('NFC');
  }

  /** Renders until `stop` (`}`, `$`, `$$`, `\)`, `\]`; '' for the end), which is consumed. */
  private render(cur: Cursor, math: boolean, stop: string): string {
    let out = '';
    const { s } = cur;
    while (cur.i < s.length) {
      PLAIN_RUN.lastIndex = cur.i;
      const run = PLAIN_RUN.exec(s);
      if (run !== null) {
        out += run[0];
        cur.i = PLAIN_RUN.lastIndex;
        if (cur.i >= s.length) break;
      }
      const c = s[cur.i];
      if (stop !== '' && c === stop[0] && s.startsWith(stop, cur.i)) {
        cur.i += stop.length;
        return out;
      }
      switch (c) {
        case '\\':
          out = this.command(cur, math, out);
          break;
        case '{':
          cur.i++;
          out += this.render(cur, math, '}');
          break;
        case '}':
          // A stray closing brace (inside math, say): nothing to show.
          cur.i++;
          break;
        case '$':
          out += this.math(cur, math);
          break;
        case '~':
          out += ' ';
          cur.i++;
          break;
        case '-':
          out += this.dashes(cur, math);
          break;
        case '`':
        case "'":
          out += this.quote(cur, math);
          break;
        case '^':
        case '_':
          cur.i++;
          out += math ? this.script(cur, c) : c;
          break;
        default:
          // Whitespace: line breaks and tabs of a value wrapped over lines are spaces.
          out += ' ';
          cur.i++;
      }
    }
    return out;
  }

  /** `$…$` or `$$…$$` from text; inside math a `$` that does not close it is a stray one. */
  private math(cur: Cursor, math: boolean): string {
    const { s } = cur;
    const display = s.startsWith('$$', cur.i);
    const delimiter = display ? '$$' : '$';
    if (math) {
      cur.i += delimiter.length;
      return '';
    }
    let close = cur.i + delimiter.length;
    for (;;) {
      close = s.indexOf(delimiter, close);
      if (close === -1 || s[close - 1] !== '\\') break;
      close += 1;
    }
    if (close === -1) {
      // An unpaired dollar is a dollar sign (exporters escape theirs, people write "$5").
      cur.i++;
      return '$';
    }
    cur.i += delimiter.length;
    return this.render(cur, true, delimiter);
  }

  /** `--` and `---` are an en and an em dash in text; in math a hyphen is a minus, written `-`. */
  private dashes(cur: Cursor, math: boolean): string {
    const { s } = cur;
    if (math) {
      cur.i++;
      return '-';
    }
    if (s.startsWith('---', cur.i)) {
      cur.i += 3;
      return '—';
    }
    if (s.startsWith('--', cur.i)) {
      cur.i += 2;
      return '–';
    }
    cur.i++;
    return '-';
  }

  /** ``` `` ``` and `''` are double quotes; a single one is an apostrophe, or a prime in math. */
  private quote(cur: Cursor, math: boolean): string {
    const { s } = cur;
    const c = s[cur.i];
    const doubled = s[cur.i + 1] === c;
    cur.i += doubled ? 2 : 1;
    if (math && c === "'") return doubled ? '″' : '′';
    if (!doubled) return c;
    return c === '`' ? '“' : '”';
  }

  /** A sub- or superscript: Unicode when every character has one, else `x_i`, `x^(2n+q)`. */
  private script(cur: Cursor, mark: '^' | '_'): string {
    const arg = this.argument(cur, true);
    const table = mark === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
    const bare = arg.replace(/\s+/g, '');
    if (bare === '') return '';
    let mapped = '';
    for (const char of bare) {
      const script = table.get(char);
      if (script === undefined) return [...bare].length === 1 ? `${mark}${bare}` : `${mark}(${arg.trim()})`;
      mapped += script;
    }
    return mapped;
  }

  /**
   * One argument: a braced group, a command or one character, after any spaces (TeX skips
   * them before an undelimited argument).
   */
  private argument(cur: Cursor, math: boolean): string {
    const { s } = cur;
    while (cur.i < s.length && /\s/.test(s[cur.i])) cur.i++;
    if (cur.i >= s.length) return '';
    const c = s[cur.i];
    // A closing brace ends the group the command is in (`{\"}`): there is no argument.
    if (c === '}') return '';
    if (c === '{') {
      cur.i++;
      return this.render(cur, math, '}');
    }
    if (c === '\\') return this.command(cur, math, '');
    const char = String.fromCodePoint(s.codePointAt(cur.i) ?? 0);
    cur.i += char.length;
    return char;
  }

  /** Skips one argument without rendering it: a braced group, a command name or one character. */
  private skipArgument(cur: Cursor): void {
    const { s } = cur;
    while (cur.i < s.length && /\s/.test(s[cur.i])) cur.i++;
    if (s[cur.i] === '{') {
      cur.i = groupEnd(s, cur.i);
    } else if (s[cur.i] === '\\') {
      cur.i++;
      LETTERS.lastIndex = cur.i;
      cur.i = LETTERS.test(s) ? LETTERS.lastIndex : cur.i + 1;
    } else {
      cur.i++;
    }
  }

  /** An optional `[…]` argument, skipped. */
  private skipOptional(cur: Cursor): void {
    const { s } = cur;
    if (s[cur.i] !== '[') return;
    const close = s.indexOf(']', cur.i);
    cur.i = close === -1 ? s.length : close + 1;
  }

  /** The raw text of a braced argument (`\url{…}` keeps `%`, `_` and `~` as they are). */
  private rawArgument(cur: Cursor): string {
    const { s } = cur;
    while (cur.i < s.length && /\s/.test(s[cur.i])) cur.i++;
    if (s[cur.i] !== '{') return this.argument(cur, false);
    const end = groupEnd(s, cur.i);
    const raw = s.slice(cur.i + 1, end - 1);
    cur.i = end;
    return raw.replace(/[{}]/g, '');
  }

  /** A command at `cur.i` (its backslash); returns `out` with the command's text added. */
  private command(cur: Cursor, math: boolean, out: string): string {
    const { s } = cur;
    const start = cur.i;
    cur.i++;
    if (cur.i >= s.length) return out;
    LETTERS.lastIndex = cur.i;
    const word = LETTERS.exec(s);
    let name: string;
    if (word !== null) {
      name = word[0];
      cur.i = LETTERS.lastIndex;
      // TeX drops the spaces after a command word; in math spaces are ours to keep, for reading,
      // and after a logo too: "\LaTeX is" means "LaTeX is", whatever TeX prints.
      if (!math && !LOGOS.has(name)) while (cur.i < s.length && /\s/.test(s[cur.i])) cur.i++;
    } else {
      name = String.fromCodePoint(s.codePointAt(cur.i) ?? 0);
      cur.i += name.length;
    }

    const accent = LATEX_ACCENTS.get(name);
    if (accent !== undefined && (word === null || name.length === 1))
      return out + this.accent(cur, math, name, accent);
    const letter = LATEX_LETTERS.get(name) ?? SYMBOLS.get(name);
    if (letter !== undefined) return out + letter;
    if (SPACES.has(name)) {
      if (name === '\\') this.skipOptional(cur);
      if (name === 'hspace') this.skipArgument(cur);
      return `${out} `;
    }
    if (SILENT.has(name)) {
      if (name === 'operatorname' && s[cur.i] === '*') cur.i++;
      return out;
    }
    if (DELIMITER_SIZES.has(name)) {
      while (cur.i < s.length && /\s/.test(s[cur.i])) cur.i++;
      if (s[cur.i] === '.') cur.i++;
      return out;
    }
    if (DROP_ARGUMENT.has(name)) {
      this.skipOptional(cur);
      this.skipArgument(cur);
      return out;
    }
    if (MATH_WORDS.has(name)) {
      const before = /[\p{L}\p{N})]$/u.test(out) ? ' ' : '';
      const after = /^[\p{L}\p{N}\\]/u.test(s.slice(cur.i, cur.i + 1)) ? ' ' : '';
      return `${out}${before}${name}${after}`;
    }
    const mark = MATH_ACCENTS.get(name);
    if (mark !== undefined) return out + onFirst(this.argument(cur, math), mark);
    switch (name) {
      case 'url':
        return out + this.rawArgument(cur);
      case 'ensuremath':
        return out + this.argument(cur, true);
      case 'textsuperscript':
      case 'textsubscript': {
        const arg = this.argument(cur, false);
        const table = name === 'textsuperscript' ? SUPERSCRIPTS : SUBSCRIPTS;
        const chars = [...arg];
        return (
          out + (chars.every((char) => table.has(char)) ? chars.map((char) => table.get(char)).join('') : arg)
        );
      }
      case 'enquote':
      case 'mkbibquote':
        return `${out}“${this.argument(cur, math)}”`;
      case 'sqrt': {
        this.skipOptional(cur);
        const arg = this.argument(cur, math).trim();
        return `${out}√${[...arg].length > 1 ? `(${arg})` : arg}`;
      }
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const numerator = this.argument(cur, math).trim();
        const denominator = this.argument(cur, math).trim();
        return `${out}${operand(numerator)}/${operand(denominator)}`;
      }
      case 'not':
        return out + onFirst(this.argument(cur, math), '\u0338');
      case '(':
        return out + this.render(cur, true, '\\)');
      case '[':
        return out + this.render(cur, true, '\\]');
    }
    return out + this.withLibrary(s, start, cur, math);
  }

  /** An accent command (`\'`, `\"`, `\c`, …) over its argument. */
  private accent(cur: Cursor, math: boolean, name: string, mark: string): string {
    const arg = this.argument(cur, math);
    if (arg === '') return BARE_ACCENTS.get(name) ?? '';
    // An accent goes over the letter itself: `\'{\i}` is í, not a dotless i with an accent.
    const chars = [...arg];
    const base = chars[0] === 'ı' ? 'i' : chars[0] === 'ȷ' ? 'j' : chars[0];
    return `${base}${mark}${chars.slice(1).join('')}`;
  }

  /**
   * A command this renderer does not know, with the braced arguments attached to it, rendered by
   * @retorquere/bibtex-parser (with the file's @preamble, for `\newcommand`s).
   */
  private withLibrary(s: string, start: number, cur: Cursor, math: boolean): string {
    while (s[cur.i] === '{' || s[cur.i] === '[') {
      cur.i = s[cur.i] === '{' ? groupEnd(s, cur.i) : s.indexOf(']', cur.i) + 1 || s.length;
    }
    const snippet = s.slice(start, cur.i);
    const key = `${math ? '$' : ''}${snippet}`;
    let rendered = this.libraryCache.get(key);
    if (rendered === undefined) {
      rendered = renderWithLibrary(math ? `$${snippet}$` : snippet, this.preamble);
      this.libraryCache.set(key, rendered);
    }
    for (const command of rendered.unknown) this.unknown.add(command);
    return rendered.text;
  }
}

/** The end (one past the closing brace) of the balanced group that opens at `open`. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** A combining mark on the first character of a one-character text; longer texts stay as they are. */
function onFirst(text: string, mark: string): string {
  const chars = [...text.trim()];
  return chars.length === 1 ? `${chars[0]}${mark}` : text;
}

/** A fraction's operand, in parentheses when it is more than one term: `(n+1)/2`. */
function operand(text: string): string {
  return /^[\p{L}\p{N}.]+$/u.test(text) || /^\(.*\)$/.test(text) ? text : `(${text})`;
}

/** One snippet rendered by the library; its HTML-like markup dropped, `<` and `>` kept as written. */
function renderWithLibrary(tex: string, preamble: string): { text: string; unknown: readonly string[] } {
  const unknown: string[] = [];
  const escaped = tex
    .replace(/</g, LESS)
    .replace(/>/g, GREATER)
    .replace(/(?<!\\)%/g, '\\%');
  let value: unknown;
  try {
    const library = parseWithLibrary(`${preamble}@misc{papermap,\n  abstract = {${escaped}}\n}\n`, {
      sentenceCase: false,
      applyCrossRef: false,
      unsupported: (node, raw) => {
        unknown.push(node.type === 'macro' ? `\\${node.content}` : raw);
        return '';
      },
    });
    value = library.entries[0]?.fields.abstract;
  } catch {
    // Whatever the library cannot take leaves the command unknown, never the file unread.
    value = undefined;
  }
  if (typeof value !== 'string') return { text: '', unknown: [tex] };
  const text = value.replace(LIBRARY_MARKUP, '').replaceAll(LESS, '<').replaceAll(GREATER, '>');
  return { text, unknown };
}
