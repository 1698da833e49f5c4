#!/usr/bin/python3
"""The scikit-learn references papermap is measured against (issue 8), run on a labelled set.

usage: /usr/bin/python3 scripts/reference/reference.py SET.jsonl [--methods tfidf,lsa] [--seed 1]
       [--k 5] [--dims 256] [--details]
       /usr/bin/python3 scripts/reference/reference.py --check

SET.jsonl holds one {"title", "abstract", "label"} object a line. Both methods share one TF-IDF
(TfidfVectorizer on title + " " + abstract: 1-2-grams, sublinear tf, min_df 2, max_df 0.5, English
stop words), then link each paper to its k nearest neighbours by cosine and run igraph's Louvain:

- tfidf: neighbours on the sparse TF-IDF rows (chunks of rows times X.T, top k per row: never a
  dense n x n), edge weight the cosine;
- lsa: TruncatedSVD(dims, random_state=seed), rows L2-normalised, neighbours by the cosine of
  those rows (chunked dense top k), edge weight that cosine.

Edges are undirected (a pair found from both ends is one edge). Prints one JSON object: per method
the edge label agreement, the NMI of clusters against labels, edges, clusters and seconds per stage;
seconds of the shared stages; and the process's peak RSS. --details adds each method's edges and
cluster membership, so a caller can check the figures. Labels only measure; they never enter a graph.
Exit codes: 0 done, 2 bad usage, 3 scikit-learn or python-igraph missing.
"""

import json
import random
import resource
import sys
import time

INSTALL_HINT = "apt-get install -y python3-sklearn python3-igraph"
METHODS = ("tfidf", "lsa")
# Rows per block of the neighbour search: bounds the dense block (rows x papers) to ~100 MB at 45k papers.
CHUNK_ROWS = 256


def missing_modules():
    """The required modules that cannot be imported, with the reason of the first failure."""
    missing = []
    reason = None
    for module, name in (("numpy", "numpy"), ("scipy", "scipy"), ("sklearn", "scikit-learn"), ("igraph", "python-igraph")):
        try:
            __import__(module)
        except ImportError as error:
            missing.append(name)
            reason = reason or str(error)
    return missing, reason


def usage(message):
    sys.stderr.write(f"reference.py: {message}\n{__doc__.splitlines()[2]}\n")
    sys.exit(2)


def read_args(argv):
    args = {"input": None, "methods": list(METHODS), "seed": 1, "k": 5, "dims": 256, "details": False, "check": False}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--methods", "--seed", "--k", "--dims"):
            if i + 1 >= len(argv):
                usage(f"{arg} needs a value")
            value = argv[i + 1]
            i += 1
            if arg == "--methods":
                methods = [m for m in value.split(",") if m]
                unknown = [m for m in methods if m not in METHODS]
                if unknown or not methods:
                    usage(f"--methods takes {', '.join(METHODS)}, got {value!r}")
                args["methods"] = methods
            else:
                try:
                    args[arg[2:]] = int(value)
                except ValueError:
                    usage(f"{arg} must be an integer, got {value!r}")
        elif arg == "--details":
            args["details"] = True
        elif arg == "--check":
            args["check"] = True
        elif arg.startswith("-"):
            usage(f"unknown option {arg}")
        elif args["input"] is None:
            args["input"] = arg
        else:
            usage("give one input file")
        i += 1
    if args["input"] is None and not args["check"]:
        usage("no input file given")
    return args


def read_set(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            texts.append(f"{record.get('title') or ''} {record.get('abstract') or ''}")
            labels.append(str(record["label"]))
    return texts, labels


def top_k(block, first, k):
    """Per row of a dense similarity block (rows first.. of the set), its k best other columns."""
    import numpy as np

    rows = np.arange(block.shape[0])
    block[rows, rows + first] = -np.inf  # a paper is not its own neighbour
    kk = min(k, block.shape[1] - 1)
    best = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
    return best, block[rows[:, None], best]


def neighbour_edges(matrix, k, dense):
    """Undirected edges {(i, j): cosine} of each row's k nearest rows (rows are L2-normalised)."""
    n = matrix.shape[0]
    edges = {}
    transposed = matrix.T if dense else matrix.T.tocsc()
    for first in range(0, n, CHUNK_ROWS):
        last = min(n, first + CHUNK_ROWS)
        product = matrix[first:last] @ transposed
        block = product if dense else product.toarray()
        best, sims = top_k(block, first, k)
        for r in range(last - first):
            i = first + r
            for j, s in zip(best[r].tolist(), sims[r].tolist()):
                if s <= 0:
                    continue  # no shared term (or opposite topics): not related at all
                pair = (i, j) if i < j else (j, i)
                edges[pair] = float(s)
    return edges


def louvain(n, edges, seed):
    import igraph

    random.seed(seed)
    igraph.set_random_number_generator(random)
    pairs = sorted(edges)
    graph = igraph.Graph(n=n, edges=pairs)
    graph.es["weight"] = [edges[p] for p in pairs]
    return pairs, graph.community_multilevel(weights="weight").membership


def figures(labels, pairs, membership):
    from sklearn.metrics import normalized_mutual_info_score

    same = sum(1 for i, j in pairs if labels[i] == labels[j])
    return {
        "agreement": same / len(pairs) if pairs else 0.0,
        "nmi": float(normalized_mutual_info_score(labels, membership)),
        "edges": len(pairs),
        "clusters": len(set(membership)),
    }


def run_method(method, X, labels, args):
    import numpy as np
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    seconds = {}
    started = time.perf_counter()
    if method == "lsa":
        # TruncatedSVD needs fewer components than features; only a tiny set is cut below 256.
        dims = max(1, min(args["dims"], X.shape[1] - 1, X.shape[0] - 1))
        lap = time.perf_counter()
        rows = normalize(TruncatedSVD(n_components=dims, random_state=args["seed"]).fit_transform(X))
        rows = np.ascontiguousarray(rows)
        seconds["svd"] = time.perf_counter() - lap
        lap = time.perf_counter()
        edges = neighbour_edges(rows, args["k"], dense=True)
    else:
        lap = time.perf_counter()
        edges = neighbour_edges(X, args["k"], dense=False)
    seconds["knn"] = time.perf_counter() - lap
    lap = time.perf_counter()
    pairs, membership = louvain(X.shape[0], edges, args["seed"])
    seconds["louvain"] = time.perf_counter() - lap
    seconds["total"] = time.perf_counter() - started
    result = figures(labels, pairs, membership)
    if method == "lsa":
        result["dims"] = dims
    result["seconds"] = seconds
    if args["details"]:
        result["membership"] = membership
        result["pairs"] = [list(p) for p in pairs]
    return result


def main(argv):
    args = read_args(argv)
    missing, reason = missing_modules()
    if missing:
        sys.stderr.write(
            f"reference.py: {sys.executable} lacks {', '.join(missing)} ({reason}); "
            f"the scikit-learn references cannot run. Install them with: {INSTALL_HINT}\n"
        )
        return 3
    import igraph
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer

    if args["check"]:
        print(json.dumps({"python": sys.version.split()[0], "sklearn": sklearn.__version__, "igraph": igraph.__version__}))
        return 0

    started = time.perf_counter()
    seconds = {}
    texts, labels = read_set(args["input"])
    seconds["load"] = time.perf_counter() - started
    if len(texts) < 2:
        usage(f"{args['input']} holds {len(texts)} record(s); the references need at least 2")
    lap = time.perf_counter()
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.5, stop_words="english"
    )
    X = vectorizer.fit_transform(texts).tocsr()
    seconds["tfidf"] = time.perf_counter() - lap
    methods = {m: run_method(m, X, labels, args) for m in args["methods"]}
    seconds["total"] = time.perf_counter() - started
    out = {
        "papers": len(texts),
        "labels": len(set(labels)),
        "features": X.shape[1],
        "seed": args["seed"],
        "k": args["k"],
        "seconds": seconds,
        "methods": methods,
        # Linux reports ru_maxrss in kB: the peak of this whole process.
        "peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "versions": {"sklearn": sklearn.__version__, "igraph": igraph.__version__},
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
