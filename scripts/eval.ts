/**
 * `npm run eval`: scores the default map against real labels. Builds the graph of the first 5,000
 * labelled records of data/arxiv-rss-65k.jsonl.gz (file order) and prints the share of
 * edges whose papers share a primary category, and the NMI between clusters and categories, beside
 * the scikit-learn reference (TfidfVectorizer 1–2-grams, sublinear tf, min_df 2, max_df 0.5,
 * English stop words; 5 nearest neighbours; Louvain): agreement 0.400, NMI 0.286.
 * Pipeline options (e.g. --k 10) may be given to compare settings; --limit N changes the size.
 */
import { buildGraph } from '../src/core/pipeline';
import { loadLabelled, nodeLabels } from './lib/arxiv-set';
import { graphAgreement, nmi } from './lib/metrics';
import { readPipelineOptions } from './lib/options';
import { WorkerRunner } from './lib/worker-runner';

const REFERENCE = { agreement: 0.4, nmi: 0.286 };

const { options, rest } = readPipelineOptions(process.argv.slice(2));
const limitAt = rest.indexOf('--limit');
const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : 5000;

// --labelled FILE scores another labelled JSON Lines set ({title, abstract, label}), e.g. to check
// that the defaults generalize beyond the set they were chosen on.
const fileAt = rest.indexOf('--labelled');
const { papers, labels } = fileAt >= 0 ? loadLabelled(limit, rest[fileAt + 1]) : loadLabelled(limit);
const runner = new WorkerRunner();
const started = performance.now();
const { graph } = await buildGraph({ papers, source: 'arxiv-rss-65k.jsonl.gz' }, options, undefined, runner);
await runner.close();
const seconds = (performance.now() - started) / 1000;

// Papers may have been merged as duplicates: labels are looked up by node.
const labelsOfNodes = nodeLabels({ papers, labels }, graph.nodes);
const agreement = graphAgreement(graph, labelsOfNodes);
const clusterNmi = nmi(
  graph.nodes.map((n) => n.attributes.cluster),
  labelsOfNodes,
);
const { stats, params } = graph.attributes;
const fmt = (x: number): string => x.toFixed(3);
// The scikit-learn figures were measured on the default set only.
const versus = (value: number, reference: number): string =>
  fileAt >= 0 ? '' : `  (scikit-learn reference ${fmt(reference)}, ratio ${(value / reference).toFixed(2)})`;
const setName = fileAt >= 0 ? rest[fileAt + 1] : 'arxiv-rss-65k';
console.log(`papermap eval: first ${papers.length} labelled records of ${setName} (${stats.papers} nodes)`);
console.log(`params        ${JSON.stringify(params)}`);
console.log(
  `edges ${stats.edges}, clusters ${stats.clusters}, modularity ${stats.modularity}, vocabulary ${stats.vocabulary}, ${seconds.toFixed(1)} s`,
);
console.log(`agreement     ${fmt(agreement)}${versus(agreement, REFERENCE.agreement)}`);
console.log(`NMI           ${fmt(clusterNmi)}${versus(clusterNmi, REFERENCE.nmi)}`);
