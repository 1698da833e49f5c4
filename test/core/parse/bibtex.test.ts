/** BibTeX and BibLaTeX: exports of Zotero, Google Scholar, JabRef and Mendeley, BibLaTeX, the syntax, LaTeX, broken files. */
import { gzipSync } from 'node:zlib';
import { parse as parseWithLibrary } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { looksLikeBibtex, parseBibtex } from '../../../src/core/parse/bibtex';
import { detectFormat, type ParsedFiles, parseFiles } from '../../../src/core/parse/index';
import { LatexRenderer } from '../../../src/core/parse/latex';
import type { Paper } from '../../../src/core/types';
import { content, fixture, input, messages, paper, readBytes } from './helpers';

/** A paper as the parser should give it: every field not named is empty. */
const text = (path: string): string => new TextDecoder().decode(readBytes(path));
/** The one paper of a file holding one entry. */
const one = (bib: string): Paper => {
  const result = parseBibtex('x.bib', bib);
  expect(result.papers).toHaveLength(1);
  return result.papers[0];
};
/** LaTeX as text, and the commands that could not be rendered. */
const latex = (tex: string, preamble: string[] = []): { text: string; unknown: string[] } => {
  const unknown = new Set<string>();
  const rendered = new LatexRenderer(preamble).text(tex, unknown);
  return { text: rendered.replace(/\s+/g, ' ').trim(), unknown: [...unknown] };
};

describe('BibTeX: a Zotero "Export Library… → BibTeX" export', () => {
  it('reads every entry with its fields: accents, case-protecting braces, \\textit, math and escapes as text', async () => {
    const result = await parseFiles([fixture('bibtex/zotero-export.bib')]);
    const file = 'bibtex/zotero-export.bib';
    expect(result.files[0]).toMatchObject({ format: 'bibtex', records: 6, papers: 6, skipped: 0 });
    expect(result.skipped).toEqual([]);
    expect(result.notices).toEqual([]);
    expect(result.papers).toEqual([
      paper(`${file}:2`, {
        title: 'Attention Is All You Need',
        abstract: expect.stringMatching(
          /^The dominant sequence transduction models .* from the literature\.$/,
        ),
        authors: [
          'Ashish Vaswani',
          'Noam Shazeer',
          'Niki Parmar',
          'Jakob Uszkoreit',
          'Llion Jones',
          'Aidan N. Gomez',
          'Łukasz Kaiser',
          'Illia Polosukhin',
        ],
        year: 2017,
        // Zotero's arXiv items: `journal = {arXiv:1706.03762 [cs]}`.
        arxiv: '1706.03762',
        url: 'http://arxiv.org/abs/1706.03762',
      }),
      paper(`${file}:16`, {
        title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
        abstract:
          'We introduce a new language representation model called BERT, which stands for Bidirectional Encoder ' +
          'Representations from Transformers. BERT obtains new state-of-the-art results on eleven natural language ' +
          'processing tasks, including pushing the GLUE score to 80.5% (7.7% point absolute improvement) and SQuAD ' +
          'v1.1 question answering Test F1 to 93.2 (1.5 point absolute improvement).',
        authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
        year: 2019,
        doi: '10.18653/v1/N19-1423',
        url: 'https://aclanthology.org/N19-1423',
      }),
      paper(`${file}:33`, {
        title: 'Toward Causal Representation Learning',
        abstract: expect.stringMatching(/contribute to modern machine learning research & practice\.$/),
        authors: [
          'Bernhard Schölkopf',
          'Francesco Locatello',
          'Stefan Bauer',
          'Nan Rosemary Ke',
          'Nal Kalchbrenner',
          'Anirudh Goyal',
          'Yoshua Bengio',
        ],
        year: 2021,
        doi: '10.1109/JPROC.2021.3058954',
      }),
      paper(`${file}:48`, {
        title: 'The genome sequence of Drosophila melanogaster',
        abstract: expect.stringContaining('nearly all of the ~120-megabase euchromatic portion'),
        authors: [
          'M. D. Adams',
          'S. E. Celniker',
          'R. A. Holt',
          'C. A. Evans',
          'J. D. Gocayne',
          'P. G. Amanatides',
          'S. E. Scherer',
          'P. W. Li',
          'R. A. Hoskins',
          'R. F. Galle',
        ],
        year: 2000,
        doi: '10.1126/science.287.5461.2185',
        pmid: '10731132',
      }),
      paper(`${file}:63`, {
        title: 'Rényi Divergence and Kullback-Leibler Divergence',
        abstract: expect.stringContaining(
          'including convexity, continuity, limits of σ-algebras, and the relation',
        ),
        authors: ['Tim van Erven', 'Peter Harremoës'],
        year: 2014,
        doi: '10.1109/TIT.2014.2320500',
      }),
      paper(`${file}:77`, {
        title: 'On the Measure of Intelligence',
        abstract: expect.stringContaining('comparisons with humans. – Over the past hundred years'),
        authors: ['François Chollet'],
        year: 2019,
        doi: '10.48550/arXiv.1911.01547',
        arxiv: '1911.01547',
        url: 'http://arxiv.org/abs/1911.01547',
      }),
    ]);
  });

  it('leaves no LaTeX in any title, abstract or name', async () => {
    const { papers } = await parseFiles([fixture('bibtex/zotero-export.bib')]);
    for (const { title, abstract, authors } of papers) {
      for (const value of [title, abstract, ...authors]) expect(value).not.toMatch(/[\\{}$]/);
    }
  });
});

describe('BibTeX: a Google Scholar "Cite → BibTeX" entry', () => {
  it('reads the entry and the arXiv id of "journal={arXiv preprint arXiv:…}"', async () => {
    const result = await parseFiles([fixture('bibtex/google-scholar.bib')]);
    expect(result.papers).toEqual([
      paper('bibtex/google-scholar.bib:1', {
        title: 'Bert: Pre-training of deep bidirectional transformers for language understanding',
        authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
        year: 2018,
        arxiv: '1810.04805',
      }),
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: bibtex/google-scholar.bib:1: entry "devlin2018bert" "Bert: Pre-training of deep ' +
        'bidirectional transformers for language understanding" has no abstract; its title is its text',
    ]);
  });
});

describe('BibTeX: a JabRef library', () => {
  it('reads past the "% Encoding" header, the @String and the jabref-meta comments', async () => {
    const result = await parseFiles([fixture('bibtex/jabref.bib')]);
    const file = 'bibtex/jabref.bib';
    expect(result.skipped).toEqual([]);
    expect(result.papers).toEqual([
      paper(`${file}:5`, {
        title: 'Adam: A Method for Stochastic Optimization',
        abstract: expect.stringMatching(/^We introduce Adam, .* in terms of data and\/or parameters\.$/),
        authors: ['Diederik P. Kingma', 'Jimmy Ba'],
        year: 2014,
        arxiv: '1412.6980',
      }),
      paper(`${file}:21`, {
        title: 'Dropout: A Simple Way to Prevent Neural Networks from Overfitting',
        abstract: expect.stringMatching(/^Deep neural nets .* during training\.$/),
        authors: [
          'Nitish Srivastava',
          'Geoffrey Hinton',
          'Alex Krizhevsky',
          'Ilya Sutskever',
          'Ruslan Salakhutdinov',
        ],
        year: 2014,
        url: 'http://jmlr.org/papers/v15/srivastava14a.html',
      }),
      paper(`${file}:36`, {
        title: 'Generative Adversarial Nets',
        authors: [
          'Ian J. Goodfellow',
          'Jean Pouget-Abadie',
          'Mehdi Mirza',
          'Bing Xu',
          'David Warde-Farley',
          'Sherjil Ozair',
          'Aaron Courville',
          'Yoshua Bengio',
        ],
        year: 2014,
        url: 'https://proceedings.neurips.cc/paper/2014/hash/5ca3e9b122f61f8f06494c97b1afccf3-Abstract.html',
      }),
      paper(`${file}:50`, {
        title: 'Long Short-Term Memory',
        authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'],
        year: 1997,
        doi: '10.1162/neco.1997.9.8.1735',
      }),
    ]);
    // The editors of the NeurIPS volume are not its authors.
    expect(result.papers[2].authors).not.toContain('Z. Ghahramani');
  });
});

describe('BibTeX: a Mendeley Desktop export', () => {
  it('reads past its header and unescapes its {\\%}, {\\&}, {\\_} and {\\"{u}}', async () => {
    const result = await parseFiles([fixture('bibtex/mendeley.bib')]);
    const file = 'bibtex/mendeley.bib';
    expect(result.files[0].format).toBe('bibtex');
    expect(result.skipped).toEqual([]);
    expect(result.notices).toEqual([]);
    expect(result.papers).toEqual([
      paper(`${file}:7`, {
        title: 'Deep Residual Learning for Image Recognition',
        abstract: expect.stringContaining('up to 152 layers—8× deeper than VGG nets'),
        authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
        year: 2016,
        doi: '10.1109/CVPR.2016.90',
        arxiv: '1512.03385',
        // Mendeley lists every link it has, separated by spaces: the first one is kept.
        url: 'http://ieeexplore.ieee.org/document/7780459/',
      }),
      paper(`${file}:26`, {
        title: 'Deep learning in neural networks: An overview',
        abstract: expect.stringContaining(
          'reinforcement learning & evolutionary computation, and indirect search',
        ),
        authors: ['Jürgen Schmidhuber'],
        year: 2015,
        doi: '10.1016/j.neunet.2014.09.003',
        arxiv: '1404.7828',
        pmid: '25462637',
        url: 'http://dx.doi.org/10.1016/j.neunet.2014.09.003',
      }),
      paper(`${file}:47`, {
        title: 'Distributed Representations of Words and Phrases and their Compositionality',
        abstract: expect.stringMatching(
          /^The recently introduced continuous Skip-gram model .* representations\.$/,
        ),
        authors: ['Tomas Mikolov', 'Ilya Sutskever', 'Kai Chen', 'Greg Corrado', 'Jeffrey Dean'],
        year: 2013,
        arxiv: '1310.4546',
        url:
          'http://papers.nips.cc/paper/5021-distributed-representations-of-words-and-phrases-and-their-' +
          'compositionality_files/NIPS2013_5021.pdf',
      }),
    ]);
    expect(result.papers[0].abstract).toContain('achieves 3.57% error');
  });
});

describe('BibTeX: a BibLaTeX database', () => {
  it('reads @online and @report, date, subtitle, eprinttype, a DOI as a URL and an eprint of PubMed', async () => {
    const result = await parseFiles([fixture('bibtex/biblatex.bib')]);
    const file = 'bibtex/biblatex.bib';
    expect(result.skipped).toEqual([]);
    expect(result.papers).toEqual([
      paper(`${file}:2`, {
        title: 'CTAN: The Comprehensive TeX Archive Network',
        year: 2006,
        url: 'http://www.ctan.org',
      }),
      paper(`${file}:12`, {
        title:
          'Comparison of methods for deriving atomic charges from the electrostatic potential and moments',
        authors: ['Emma Sigfridsson', 'Ulf Ryde'],
        year: 1998,
        doi: '10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P',
      }),
      paper(`${file}:26`, {
        title: 'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
        abstract:
          'We explore how generating a chain of thought—a series of intermediate reasoning steps—significantly ' +
          'improves the ability of large language models to perform complex reasoning.',
        authors: [
          'Jason Wei',
          'Xuezhi Wang',
          'Dale Schuurmans',
          'Maarten Bosma',
          'Brian Ichter',
          'Fei Xia',
          'Ed Chi',
          'Quoc Le',
          'Denny Zhou',
        ],
        year: 2022,
        arxiv: '2201.11903',
      }),
      paper(`${file}:37`, {
        title: 'A Path Towards Autonomous Machine Intelligence',
        authors: ['Yann LeCun'],
        year: 2022,
        url: 'https://openreview.net/forum?id=BZ5a1r-kVsf',
      }),
      paper(`${file}:46`, {
        title: 'Scaling Laws for Neural Language Models',
        authors: ['Jared Kaplan', 'Sam McCandlish', 'Tom Henighan', 'Tom B. Brown'],
        year: 2021,
        doi: '10.48550/arXiv.2001.08361',
        arxiv: '2001.08361',
      }),
      paper(`${file}:56`, {
        title: 'The new frontier of genome engineering with CRISPR-Cas9',
        authors: ['Jennifer A. Doudna', 'Emmanuelle Charpentier'],
        year: 2014,
        doi: '10.1126/science.1258096',
        pmid: '25430774',
      }),
    ]);
  });
});

describe('BibTeX: the syntax', () => {
  const file = 'bibtex/syntax.bib';
  const read = (): Promise<ParsedFiles> => parseFiles([fixture(file)]);

  it('expands @string macros and month macros, joins with #, and never turns @comment or @preamble into a record', async () => {
    const result = await read();
    expect(result.papers[0]).toEqual(
      paper(`${file}:8`, {
        title: 'Macros, Nested Braces and Quoted Values',
        abstract: 'Concatenation with # keeps the parts in order; an unescaped 5% stays.',
        // `{\noopsort{b}}` is a sort key, not text; "and others" is not an author.
        authors: ['Donald E. Knuth', 'Barnes and Noble', 'John Smith Jr.'],
        year: 1984,
      }),
    );
    const titles = result.papers.map((p) => p.title);
    expect(titles).not.toContain('Never a Record');
    expect(result.files[0]).toMatchObject({ records: 10, papers: 9, skipped: 1 });
  });

  it('reads parenthesised entries, upper-case names, % comment lines and "First von Last" names', async () => {
    const result = await read();
    expect(result.papers[1]).toEqual(
      paper(`${file}:17`, {
        title: 'Entry in Parentheses with UPPERCASE Field Names',
        authors: ['Ludwig van Beethoven', 'Jean de la Fontaine'],
        year: 2001,
      }),
    );
  });

  it('skips an entry without a title with its key and line, and keeps an unknown type and both copies of a key', async () => {
    const result = await read();
    expect(result.skipped).toEqual([
      { origin: `${file}:24`, title: null, reason: 'no title (entry "notitle" has only an abstract)' },
    ]);
    expect(result.papers.slice(2, 5)).toEqual([
      paper(`${file}:30`, { title: 'A Data Set of an Unknown Entry Type', year: 2019 }),
      paper(`${file}:35`, { title: 'The First of Two Entries with One Key', year: 2010 }),
      paper(`${file}:40`, {
        title: 'The Second of Two Entries with One Key',
        year: 2011,
        doi: '10.1000/missing-comma',
      }),
    ]);
  });

  it('takes a missing year from the crossref parent, and nothing else from it', async () => {
    const result = await read();
    expect(result.papers[5]).toEqual(
      paper(`${file}:47`, { title: 'A Paper That Takes Its Year From Its Proceedings', year: 2005 }),
    );
    expect(result.papers[6]).toMatchObject({
      title: 'Proceedings of the Conference',
      doi: '10.1000/volume-doi',
    });
  });

  it('renders math in titles and abstracts', async () => {
    const result = await read();
    expect(result.papers[8]).toEqual(
      paper(`${file}:64`, {
        title: 'The α-Divergence of O(n log n) Samples, H₂O and x^(2n+q)',
        abstract: 'Bounds of 1/2√n for ϵ ≤ 10⁻³ and k ∈ N; a cost of $5 is a dollar sign.',
        year: 2022,
      }),
    );
  });

  it('says what it made of a repeated field, a missing comma and an undefined macro, naming file, line and key', async () => {
    const notices = messages(await read()).filter((message) => !message.includes('has no abstract'));
    expect(notices).toEqual([
      `papermap/parse: ${file}:40: entry "dup" "The Second of Two Entries with One Key" has the field "title" twice ` +
        '(lines 41 and 42); the first is used',
      `papermap/parse: ${file}:40: entry "dup" "The Second of Two Entries with One Key" has no comma after the ` +
        'field "year" (line 44); read as if it had one',
    ]);
    const macro = parseBibtex('m.bib', '@article{m,\n  title = {A} # undefined,\n  journal = jacm\n}\n');
    expect(macro.papers[0].title).toBe('Aundefined');
    // Journal macros often live in another file (IEEEabrv.bib): only a field papermap reads is worth a word.
    expect(messages(macro)).toContain(
      'papermap/parse: m.bib:1: entry "m" "Aundefined" uses the macro "undefined" in its field "title", but no ' +
        '@string defines it; its name is used',
    );
    expect(messages(macro).some((message) => message.includes('jacm'))).toBe(false);
  });
});

describe('BibTeX: authors', () => {
  const authors = (list: string): string[] => one(`@misc{a, title = {T}, author = {${list}}}`).authors;

  it.each([
    ['Last, First and First Last', ['First Last', 'First Last']],
    ['Müller, Hans and {Barnes and Noble} and others', ['Hans Müller', 'Barnes and Noble']],
    ['van der Berg, Jan and Ludwig van Beethoven', ['Jan van der Berg', 'Ludwig van Beethoven']],
    [
      'King, Jr., Martin Luther and von Hicks, III, Michael',
      ['Martin Luther King Jr.', 'Michael von Hicks III'],
    ],
    ['{\\v{S}}r{\\\'a}mek, Jan and M{\\"u}ller, J{\\"{u}}rgen', ['Jan Šrámek', 'Jürgen Müller']],
    ['{World Health Organization}', ['World Health Organization']],
    ['Smith, John AND Doe, Jane and\nRoe, Richard', ['John Smith', 'Jane Doe', 'Richard Roe']],
    ['Aristotle and Plato,', ['Aristotle', 'Plato']],
    ['Grand, {Smith, Jones and Co.}', ['Smith, Jones and Co. Grand']],
    ['Jacob Devlin and\n                  Ming{-}Wei Chang', ['Jacob Devlin', 'Ming-Wei Chang']],
    ['K. {He} and X. {Zhang}', ['K. He', 'X. Zhang']],
  ])('%s', (list, expected) => {
    expect(authors(list)).toEqual(expected);
  });

  it('keeps a name with too many commas as written, and says so', () => {
    const result = parseBibtex('x.bib', '@misc{a, title = {T}, author = {Smith, J., Doe, J.}}');
    expect(result.papers[0].authors).toEqual(['Smith, J., Doe, J.']);
    expect(messages(result)).toContain(
      'papermap/parse: x.bib:1: entry "a" "T" has an author with 3 commas ("Smith, J., Doe, J."); it is kept as written',
    );
  });
});

describe('BibTeX: years and ids', () => {
  it.each([
    ['year = 2020', 2020],
    ['year = {2020}', 2020],
    ['year = "2020"', 2020],
    ['date = {2021-03-04}', 2021],
    ['date = {2021/2022}', 2021],
    ['date = 2006', 2006],
    ['year = {2019}, date = {2021-01-01}', 2019],
  ])('%s', (fields, year) => {
    expect(one(`@misc{a, title = {T}, ${fields}}`).year).toBe(year);
  });

  it('knows the month macros without an @string, in any case', () => {
    expect(one('@misc{a, title = {Notes of } # mar # { and } # DEC # " 2020"}').title).toBe(
      'Notes of March and December 2020',
    );
  });

  it('reads a bare value that is neither a number nor a macro as its name, as the library does', () => {
    expect(one('@misc{a, title = {T}, year = 2020a}').year).toBe(2020);
  });

  it('says when a @string uses a macro that no @string before it defines', () => {
    const result = parseBibtex('x.bib', '@string{full = first # " Conference"}\n@misc{a, title = full}\n');
    expect(result.papers[0].title).toBe('first Conference');
    expect(messages(result)[0]).toBe(
      'papermap/parse: x.bib:1: the @string full uses the macro "first", which no @string before it defines; ' +
        'its name is used',
    );
  });

  it('says when a year holds no year', () => {
    const result = parseBibtex('x.bib', '@misc{a, title = {T}, year = {in press}}');
    expect(result.papers[0].year).toBeNull();
    expect(messages(result)).toContain(
      'papermap/parse: x.bib:1: entry "a" "T" year "in press" holds no four-digit year and was ignored',
    );
  });

  it.each([
    ['eprint = {2101.00001}, archivePrefix = {arXiv}', '2101.00001'],
    ['eprint = {arXiv:2101.00001v2}, archiveprefix = {arXiv}', '2101.00001v2'],
    ['eprint = {hep-th/9901001}, eprinttype = {arxiv}', 'hep-th/9901001'],
    ['arxivId = {2101.00001}', '2101.00001'],
    ['eprint = {2101.00001}', '2101.00001'],
    ['journal = {arXiv preprint arXiv:2101.00001}', '2101.00001'],
    ['journal = {arXiv:2101.00001 [cs]}', '2101.00001'],
    ['note = {arXiv: 2101.00001}', '2101.00001'],
    ['journal = {CoRR}, volume = {abs/2101.00001}', '2101.00001'],
    ['journal = {ArXiv}, volume = {abs/2101.00001}', '2101.00001'],
    ['doi = {10.48550/arXiv.2101.00001}', '2101.00001'],
    ['url = {https://arxiv.org/abs/2101.00001}', '2101.00001'],
    ['eprint = {12345}, eprinttype = {jstor}', null],
    ['journal = {Nature}', null],
  ])('arXiv id from %s', (fields, arxiv) => {
    expect(one(`@misc{a, title = {T}, ${fields}}`).arxiv).toBe(arxiv);
  });

  it.each([
    ['doi = {10.1000/xyz}', '10.1000/xyz'],
    ['doi = {https://doi.org/10.1000/xyz}', '10.1000/xyz'],
    ['doi = {10.1016/j.x{\\_}2019}', '10.1016/j.x_2019'],
    ['url = {https://doi.org/10.1000/xyz}', '10.1000/xyz'],
  ])('DOI from %s', (fields, doi) => {
    expect(one(`@misc{a, title = {T}, ${fields}}`).doi).toBe(doi);
  });

  it('reads a PMID from pmid or an eprint of PubMed, and a URL from url or howpublished', () => {
    expect(one('@misc{a, title = {T}, pmid = {12345678}}').pmid).toBe('12345678');
    expect(one('@misc{a, title = {T}, eprint = {12345678}, eprinttype = {pubmed}}')).toMatchObject({
      pmid: '12345678',
      arxiv: null,
    });
    expect(one('@misc{a, title = {T}, howpublished = {\\url{https://example.org/a_b}}}').url).toBe(
      'https://example.org/a_b',
    );
    expect(one('@misc{a, title = {T}, url = {https://example.org/a\\_b\\%20c}}').url).toBe(
      'https://example.org/a_b%20c',
    );
    expect(one('@misc{a, title = {T}, url = {<Go to ISI>://WOS:000178920600006}}').url).toBeNull();
    expect(one('@misc{a, title = {T}, bdsk-url-1 = {https://example.org/p}}').url).toBe(
      'https://example.org/p',
    );
  });

  it('says when an id is not one', () => {
    const result = parseBibtex('x.bib', '@misc{a, title = {T}, eprint = {AX123}, archivePrefix = {arXiv}}');
    expect(result.papers[0].arxiv).toBeNull();
    expect(messages(result)).toContain(
      'papermap/parse: x.bib:1: entry "a" "T" arXiv id "AX123" is not an arXiv identifier and was ignored',
    );
  });
});

describe('LaTeX as text', () => {
  it.each([
    [
      "{\\\"u}ber \\'{e}t\\'e {\\ss} \\c{c}a \\c c {\\o} \\v{s} \\H{o} \\k{a} \\r{a} \\~n \\^o \\=a \\.z",
      'über été ß ça ç ø š ő ą å ñ ô ā ż',
    ],
    ['\\\'{\\i} \\"\\i', 'í ï'],
    [
      '\\emph{emphasis} \\textit{italic} \\textbf{bold} {\\em em} \\textsc{caps}',
      'emphasis italic bold em caps',
    ],
    ["a--b, a---b, ``quoted'' and \\& \\% \\$ \\# \\_ a~b", 'a–b, a—b, “quoted” and & % $ # _ a b'],
    ['{BERT}: {Pre}-training of {{Deep}} Models', 'BERT: Pre-training of Deep Models'],
    ['\\{\\vphantom{\\}} {\\textless}i{\\textgreater} {\\textasciitilde} \\^{} {\\~{}}', '{ <i> ~ ^ ~'],
    ['\\url{http://a.b/c_d%20~e} \\href{http://x}{link}', 'http://a.b/c_d%20~e link'],
    ['\\LaTeX\\ and \\LaTeX{} and \\TeX is', 'LaTeX and LaTeX and TeX is'],
    ['1\\textsuperscript{st} H\\textsubscript{2}O', '1ˢᵗ H₂O'],
    ['5% of a < b > c & d', '5% of a < b > c & d'],
  ])('%s', (tex, expected) => {
    expect(latex(tex)).toEqual({ text: expected, unknown: [] });
  });

  it.each([
    ['$\\alpha$-divergence and $\\beta$', 'α-divergence and β'],
    ['$\\mathcal{O}(n \\log n)$', 'O(n log n)'],
    ['$x^2 + y_i$, $x_{ij}$, $e^{-x}$, $10^{-3}$', 'x² + yᵢ, xᵢⱼ, e⁻ˣ, 10⁻³'],
    ['$x^{2n+q}$ and $a_{\\mathrm{q}}$', 'x^(2n+q) and a_q'],
    ['CO$_{\\textrm{2}}$ and H$_2$O', 'CO₂ and H₂O'],
    ['$\\frac{1}{2}$, $\\frac{n+1}{2}$, $\\sqrt{x}$, $\\sqrt{ab}$', '1/2, (n+1)/2, √x, √(ab)'],
    ['$\\epsilon \\leq 10$, $k \\in \\mathbb{N}$, $a \\times b$, $\\infty$', 'ϵ ≤ 10, k ∈ N, a × b, ∞'],
    ["$\\hat{x}$, $f'(x)$, $\\not=$, \\(\\gamma\\)", 'x̂, f′(x), ≠, γ'],
    ['costs $5 only', 'costs $5 only'],
  ])('%s', (tex, expected) => {
    expect(latex(tex)).toEqual({ text: expected, unknown: [] });
  });

  it('hands a command it does not know to @retorquere/bibtex-parser, with the @preamble', () => {
    expect(latex('a $\\hookrightarrow$ b, \\ding{51}, {\\textschwa}', [])).toEqual({
      text: 'a ↪ b, ✓, ə',
      unknown: [],
    });
    expect(latex('\\papermap{} maps', ['\\newcommand{\\papermap}{PaperMap}'])).toEqual({
      text: 'PaperMap maps',
      unknown: [],
    });
  });

  it('leaves out a command that neither knows, keeps its argument as text, and names it', () => {
    expect(latex('a \\frobnicate{b} c')).toEqual({ text: 'a b c', unknown: ['\\frobnicate'] });
    const result = parseBibtex('x.bib', '@misc{k, title = {A \\frobnicate{b} c}}');
    expect(result.papers[0].title).toBe('A b c');
    expect(messages(result)).toContain(
      'papermap/parse: x.bib:1: entry "k" "A b c" uses LaTeX that papermap cannot turn into text (\\frobnicate); ' +
        'it was left out',
    );
  });

  /** The library's rendering of a value, with its HTML-like markup dropped. */
  const byLibrary = (tex: string): string => {
    const value = parseWithLibrary(`@misc{x, abstract = {${tex}}}`, { sentenceCase: false }).entries[0].fields
      .abstract;
    return String(value)
      .replace(/<[^>]+>/g, '')
      .normalize('NFC');
  };

  it.each([
    "{\\\"u}ber \\'{e}t\\'e {\\ss} \\c{c}a {\\o}rsted \\v{s} \\H{o} \\~n \\^o",
    '\\emph{A} \\textit{B} \\textbf{C} \\& \\$ \\# \\_ a--b---c',
    '{BERT} and {Pre}-training of {{Deep}} models',
    '$\\alpha$ $\\beta$ $\\Omega$ $\\leq$ $\\geq$ $\\times$ $\\infty$ $\\rightarrow$',
    'H$_2$O, $x^2$, $e^{-x}$, 1\\textsuperscript{st}, $\\sqrt{x}$',
    '\\textendash \\textemdash \\textquotedblleft \\textquotedblright \\copyright \\textregistered \\ldots',
  ])('agrees with @retorquere/bibtex-parser on %s', (tex) => {
    expect(latex(tex).text).toBe(byLibrary(tex).replace(/\s+/g, ' ').trim());
  });

  it('differs from the library where the library loses text', () => {
    // A bare % is a TeX comment to the library, which drops the rest of the line.
    expect(byLibrary('5% better')).toBe('5');
    expect(latex('5% better').text).toBe('5% better');
    // `<` and `>` are ¡ and ¿ to it (the OT1 font encoding of TeX's text fonts).
    expect(byLibrary('a < b')).toBe('a ¡ b');
    expect(latex('a < b').text).toBe('a < b');
    // An accent over a dotless i.
    expect(byLibrary("\\'{\\i}")).toBe('ı́');
    expect(latex("\\'{\\i}").text).toBe('í');
  });
});

describe('BibTeX: broken files', () => {
  const file = 'bibtex/unclosed-brace.bib';

  it('skips an entry with an unclosed brace or quote, with its line, key and problem, and keeps the good ones around it', async () => {
    const result = await parseFiles([fixture(file)]);
    expect(result.files[0]).toMatchObject({
      format: 'bibtex',
      records: 6,
      papers: 3,
      skipped: 3,
      error: null,
    });
    expect(result.papers.map((p) => [p.origin, p.title, p.authors, p.year])).toEqual([
      [`${file}:1`, 'An Entry Before the Broken One', ['Ada Lovelace'], 1843],
      [`${file}:14`, 'An Entry After the Broken One', ['Alan M. Turing'], 1936],
      [`${file}:26`, 'The Last Good Entry', [], 1948],
    ]);
    expect(result.skipped).toEqual([
      {
        origin: `${file}:8`,
        title: null,
        reason:
          'entry "broken_title" cannot be read: "{" opened on line 9 is still open where the next entry starts ' +
          '(line 14); reading went on at line 14',
      },
      {
        origin: `${file}:21`,
        title: null,
        reason:
          'entry "broken_quote" cannot be read: the quote opened on line 22 is still open where the next entry ' +
          'starts (line 26); reading went on at line 26',
      },
      {
        origin: `${file}:31`,
        title: null,
        reason:
          'entry "cut_off" cannot be read: "{" opened on line 32 is never closed: the file ends first; no entry follows it',
      },
    ]);
  });

  it.each([
    [
      '@article{a title = {T}}',
      'the entry on line 2 cannot be read: expected "," after the citation key "a", found "title = {T}}" (line 2)',
    ],
    [
      '@article{a, title {T}}',
      'entry "a" cannot be read: expected "=" after the field name "title", found "{T}}" (line 2)',
    ],
    [
      '@article{a, title = }',
      'entry "a" cannot be read: expected a value for the field "title", found "}" (no value) (line 2)',
    ],
  ])('skips %s and reads on', (broken, reason) => {
    const result = parseBibtex(
      'x.bib',
      `@misc{before, title = {Before}}\n${broken}\n@misc{after, title = {After}}\n`,
    );
    expect(result.papers.map((p) => p.title)).toEqual(['Before', 'After']);
    expect(result.skipped).toEqual([
      { origin: 'x.bib:2', title: null, reason: `${reason}; reading went on at line 3` },
    ]);
  });

  it('ignores a file of comments only, and says it holds no papers', async () => {
    const result = await parseFiles([
      input('only-comments.txt', text('test/fixtures/parse/bibtex/only-comments.bib')),
    ]);
    expect(result.files[0]).toMatchObject({ format: 'bibtex', records: 0, papers: 0, skipped: 0 });
    expect(messages(result)).toEqual(['papermap/parse: only-comments.txt: no papers found (read as bibtex)']);
  });

  it('says an empty file is empty', async () => {
    const result = await parseFiles([input('empty.bib', '')]);
    expect(result.files[0]).toMatchObject({ format: 'bibtex', records: 0 });
    expect(messages(result)).toEqual([
      'papermap/parse: empty.bib: the file is empty (0 bytes); no papers read',
    ]);
  });

  it('tells about a broken @string and an unclosed @comment without counting them as records', () => {
    const result = parseBibtex(
      'x.bib',
      '@string{jmlr "Journal"}\n@comment{ never closed\n@misc{a, title = {Kept}}\n@word without a brace\n',
    );
    expect(result.papers.map((p) => p.title)).toEqual(['Kept']);
    expect(result.skipped).toEqual([]);
    expect(messages(result).filter((message) => !message.includes('no abstract'))).toEqual([
      'papermap/parse: x.bib:1: the @string here cannot be read: expected "=" after the macro name "jmlr", found ' +
        '""Journal"}" (line 1); it was skipped up to line 2',
      'papermap/parse: x.bib:2: the @comment opened here is never closed; it was taken to end before line 3',
      'papermap/parse: x.bib:4: "@word" is not followed by "{" or "(", so it starts no entry and was read as a comment',
    ]);
  });
});

describe('BibTeX: detection and decoding', () => {
  it.each([
    'zotero-export.bib',
    'google-scholar.bib',
    'jabref.bib',
    'mendeley.bib',
    'biblatex.bib',
    'only-comments.bib',
  ])('recognises %s by its content', (name) => {
    const source = text(`test/fixtures/parse/bibtex/${name}`);
    expect(looksLikeBibtex(source)).toBe(true);
    expect(detectFormat('export.txt', source)).toBe('bibtex');
    expect(detectFormat('export.csv', source)).toBe('bibtex');
  });

  it.each([
    ['the Hugging Face daily-papers page', text('data/hf-papers-mar20.txt')],
    ['a page that mentions @article', 'Daily Papers\n\nCiting: @article{x, title={y}} in a line of text\n'],
    ['a CSV with an @ in it', 'Title,Authors\n"@home robots","A. Smith"\n@inproceedings{x,\n'],
    ['JSON holding BibTeX', '[{"bibtex": "@article{x,\\n title={y}}"}]\n'],
    ['an e-mail address', 'Write to ada@example.org\n'],
    ['RIS', 'TY  - JOUR\nTI  - @article{x,\nER  - \n'],
  ])('does not take %s for BibTeX', (_what, source) => {
    expect(looksLikeBibtex(source)).toBe(false);
  });

  it('falls back on the extension, and reads a file forced to bibtex', async () => {
    const header = 'My references, kept by hand.\n\n@article{a, title = {T}, year = 2020}\n';
    expect(looksLikeBibtex(header)).toBe(false);
    for (const name of ['refs.bib', 'refs.bibtex', 'refs.biblatex', 'REFS.BIB', 'refs.bib.gz']) {
      expect(detectFormat(name, header)).toBe('bibtex');
    }
    const forced = await parseFiles([input('refs.txt', header)], { format: 'bibtex' });
    expect(forced.papers).toEqual([paper('refs.txt:3', { title: 'T', year: 2020 })]);
  });

  it('reads the same papers from CRLF line ends with a BOM, from UTF-16 and from gzip', async () => {
    const source = text('test/fixtures/parse/bibtex/zotero-export.bib');
    const plain = await parseFiles([input('z.bib', source)]);
    const crlf = await parseFiles([input('z.bib', `\uFEFF${source.replace(/\n/g, '\r\n')}`)]);
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...source].map((c) => c.charCodeAt(0))).buffer),
    ]);
    const wide = await parseFiles([input('z.bib', utf16)]);
    const gzipped = await parseFiles([input('z.bib.gz', gzipSync(new TextEncoder().encode(source)))]);
    expect(plain.papers).toHaveLength(6);
    for (const other of [crlf, wide, gzipped]) {
      expect(content(other.papers)).toEqual(content(plain.papers));
      expect(other.papers.map((p) => p.origin.split(':')[1])).toEqual(
        plain.papers.map((p) => p.origin.split(':')[1]),
      );
    }
  });
});

describe('BibTeX: speed', () => {
  it('reads a 5,000-entry Zotero-style export in well under the time of a build', () => {
    const entry = (i: number): string =>
      `@article{smith_learning_${i},\n\ttitle = {Learning {Graph} Representations for {Task} ${i}: $\\alpha$-{Divergence}},\n` +
      `\turl = {https://example.org/paper/${i}},\n\tdoi = {10.1000/jmlr.${i}},\n` +
      `\tabstract = {We study graphs with heterogeneous node types. Our approach, M{\\"u}nchen-Net, combines message ` +
      `passing with attention --- and improves on strong baselines by 3\\% across many benchmarks and settings. ` +
      `Experiments on several data sets show consistent gains, and we release code and models.},\n` +
      `\tjournal = {Journal of Machine Learning Research},\n\tauthor = {Smith, John and M{\\"u}ller, Hans and others},\n` +
      `\tmonth = mar,\n\tyear = {${2000 + (i % 24)}},\n\tkeywords = {Computer Science - Machine Learning},\n` +
      `\tfile = {Full Text PDF:/home/ada/Zotero/storage/ABC${i}/Smith - Learning.pdf:application/pdf},\n}\n\n`;
    const source = Array.from({ length: 5000 }, (_, i) => entry(i)).join('');
    const start = performance.now();
    const result = parseBibtex('big.bib', source);
    const elapsed = performance.now() - start;
    expect(result.papers).toHaveLength(5000);
    expect(result.papers[4999]).toMatchObject({
      title: 'Learning Graph Representations for Task 4999: α-Divergence',
    });
    // ~0.2 s on the build machine; the library's own LaTeX stage takes ~13 s for this file.
    expect(elapsed).toBeLessThan(4000);
  });
});
