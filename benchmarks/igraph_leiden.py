#!/usr/bin/python3
"""Reference only: igraph's Leiden on the same edge list as leiden_bench (never linked into
whoknows; igraph is GPL).  Needs Debian's python3-igraph, so run it with /usr/bin/python3:

    /usr/bin/python3 benchmarks/igraph_leiden.py EDGES.tsv [TRUTH.tsv] [--iterations N] [--runs R]

Prints, per run, the time of community_leiden alone, the modularity and the NMI against TRUTH."""

import sys
import time

import igraph


def read_edges(path):
    names, edges, weights = {}, [], []
    with open(path) as f:
        next(f)
        for line in f:
            s, t, w = (line.rstrip("\n").split("\t") + ["1"])[:3]
            edges.append((names.setdefault(s, len(names)), names.setdefault(t, len(names))))
            weights.append(float(w))
    return names, edges, weights


def main():
    args = sys.argv[1:]
    iterations = int(args[args.index("--iterations") + 1]) if "--iterations" in args else -1
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    paths = [a for i, a in enumerate(args) if not a.startswith("--") and
             (i == 0 or not args[i - 1].startswith("--"))]
    names, edges, weights = read_edges(paths[0])
    g = igraph.Graph(n=len(names), edges=edges, edge_attrs={"weight": weights})
    g.simplify(combine_edges="sum")
    truth = None
    if len(paths) > 1:
        membership = {}
        with open(paths[1]) as f:
            next(f)
            for line in f:
                node, community = line.split()
                membership[node] = int(community)
        truth = [0] * len(names)
        for name, i in names.items():
            truth[i] = membership[name]
    print("igraph %s: %d nodes, %d edges, n_iterations %d" % (igraph.__version__, g.vcount(),
                                                              g.ecount(), iterations))
    for run in range(runs):
        import random
        random.seed(run + 1)
        start = time.perf_counter()
        p = g.community_leiden(objective_function="modularity", weights="weight",
                               resolution_parameter=1.0, n_iterations=iterations)
        took = time.perf_counter() - start
        q = g.modularity(p.membership, weights="weight")
        nmi = igraph.compare_communities(truth, p.membership, method="nmi") if truth else float("nan")
        print("run %d: %.3f s, Q %.6f, %d communities, NMI %.4f" % (run + 1, took, q, len(p), nmi))


if __name__ == "__main__":
    main()
