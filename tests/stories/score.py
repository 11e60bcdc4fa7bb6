#!/usr/bin/env python3
"""Scores Marsad's story grouping on the same-event report pairs (pairs.tsv + pairs_gold.jsonl).

  score.py articles OUT.jsonl                    the pairs' articles, as the corpus has them
  marsad extract OUT.jsonl > RECORDS.jsonl
  marsad stories RECORDS.jsonl > STORIES.jsonl
  score.py score RECORDS.jsonl STORIES.jsonl [--split dev|test|all] [--verbose] [--json FILE]

How a pair meets the system: each report of a pair (a sentence, as character offsets into
the corpus record's `text`) is looked for in the cleaned `text` of the records Marsad
wrote for that article (white space folded, as tests/realnews/score.py does); the system
reports of that sentence are the stories' reports of that document whose evidence (or one
of its `also` sentences, the page's other tellings of the event) overlaps the sentence by
at least half of the shorter of the two. The system says **same** when a
story holds a report of each side, else **different** (a side with no report — the cleaner
dropped the sentence, or no event was read in it — is *different*).

Pairwise precision is over the pairs the system calls same, recall over the pairs the gold
calls same; pairs marked `unsure` are left out. *Covered* pairs are those where both sides
have at least one system report: recall among the covered gold-same pairs is what grouping
alone can reach (the rest is lost to event reading before grouping starts).

The split is the file's: `test` is frozen (never tune on it).
"""
import argparse, collections, gzip, importlib.util, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MARSAD_SHARED") or os.path.join(HERE, "..", "..", "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "saudinewsnet", "articles.jsonl.gz")

# The sentence finder of the real-news scorer: one way to find a sentence of the corpus in
# the cleaned text (loaded by path: both scorers are called score.py).
_spec = importlib.util.spec_from_file_location(
    "realnews_score", os.path.join(HERE, "..", "realnews", "score.py"))
_realnews = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_realnews)
squash = _realnews.squash


def load_pairs():
    rows = []
    with open(os.path.join(HERE, "pairs.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(head, line.rstrip("\n").split("\t"))))
    gold = {}
    with open(os.path.join(HERE, "pairs_gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
    return rows, gold


def articles(out_path):
    rows, _ = load_pairs()
    want = {r["doc_a"] for r in rows} | {r["doc_b"] for r in rows}
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            if json.loads(line)["doc"] in want:
                out.write(line)
                n += 1
    print(f"{n} articles in {out_path}", file=sys.stderr)


def ratio(a, b):
    return a / b if b else 0.0


def score(records_path, stories_path, split, verbose, json_out):
    rows, gold = load_pairs()
    sides = [(r["id"], s, r["doc_" + s], int(r["start_" + s]), int(r["end_" + s])) for r in rows for s in "ab"]
    want = {d for _, _, d, _, _ in sides}
    corpus_text = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc"] in want:
                corpus_text[d["doc"]] = d["text"]
    cleaned = {}
    with open(records_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                if d["doc"] in want:
                    cleaned[d["doc"]] = d["text"]
    # Where each side's sentence lies in the cleaned text.
    located, lost = {}, []
    for pid, s, doc, start, end in sides:
        key, _ = squash(corpus_text[doc][start:end])
        sq, back = squash(cleaned.get(doc, ""))
        at = sq.find(key) if key else -1
        if at >= 0:
            located[(pid, s)] = (back[at], back[at + len(key) - 1] + 1)
        else:
            lost.append((pid, s))
    # Every story's reports, by document.
    reports = collections.defaultdict(list)  # doc -> [(story, start, end)]
    n_stories = 0
    with open(stories_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                st = json.loads(line)
                n_stories += 1
                for r in st["reports"]:
                    if r["doc"] in want:
                        for ev in [r["evidence"]] + r.get("also", []):
                            reports[r["doc"]].append((st["story"], ev["start"], ev["end"]))

    def stories_of(pid, s, doc):
        loc = located.get((pid, s))
        if not loc:
            return set()
        out = set()
        for story, a, b in reports.get(doc, []):
            ov = min(b, loc[1]) - max(a, loc[0])
            if ov > 0 and ov * 2 >= min(b - a, loc[1] - loc[0]):
                out.add(story)
        return out

    counts = collections.Counter()
    by_stratum = collections.defaultdict(collections.Counter)
    lines = []
    for r in rows:
        if split != "all" and r["split"] != split:
            continue
        g = gold[r["id"]]
        if g.get("unsure"):
            counts["unsure"] += 1
            continue
        sa = stories_of(r["id"], "a", r["doc_a"])
        sb = stories_of(r["id"], "b", r["doc_b"])
        covered = bool(sa) and bool(sb)
        said = bool(sa & sb)
        truth = bool(g["same"])
        c = by_stratum[r["stratum"]]
        for k in (counts, c):
            k["pairs"] += 1
            k["gold_same"] += truth
            k["sys_same"] += said
            k["tp"] += truth and said
            k["covered"] += covered
            k["covered_gold_same"] += covered and truth
        if verbose and (said != truth):
            kind = "FP" if said else ("FN" if covered else "FN-uncovered")
            lines.append(f"{kind} {r['id']} {r['stratum']}: {g['event_a']} | {g['event_b']} "
                         f"(stories {sorted(sa)} / {sorted(sb)})")
    p = ratio(counts["tp"], counts["sys_same"])
    rec = ratio(counts["tp"], counts["gold_same"])
    cov_rec = ratio(counts["tp"], counts["covered_gold_same"])
    print(f"split {split}: {counts['pairs']} pairs ({counts['unsure']} unsure left out), "
          f"{counts['gold_same']} same by gold, {counts['sys_same']} same by the system")
    print(f"pairwise precision {p:.3f}  recall {rec:.3f}  "
          f"F1 {ratio(2 * p * rec, p + rec):.3f}  ({counts['tp']} right)")
    print(f"covered (both sides have a system report): {counts['covered']} pairs, "
          f"{counts['covered_gold_same']} same by gold; recall among them {cov_rec:.3f}")
    for name, c in sorted(by_stratum.items()):
        print(f"  {name:12} pairs {c['pairs']:3}  gold same {c['gold_same']:3}  system same "
              f"{c['sys_same']:3}  right {c['tp']:3}  covered {c['covered']:3}")
    print(f"{n_stories} stories; {len(lost)} of {len(sides)} report sentences not found in the cleaned text")
    for line in lines:
        print(line)
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump({"split": split, "precision": p, "recall": rec, "covered_recall": cov_rec,
                       **counts}, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("articles")
    a.add_argument("out")
    s = sub.add_parser("score")
    s.add_argument("records")
    s.add_argument("stories")
    s.add_argument("--split", default="all", choices=["dev", "test", "all"])
    s.add_argument("--verbose", action="store_true")
    s.add_argument("--json")
    args = ap.parse_args()
    if not os.path.exists(CORPUS):
        print(f"score.py: {CORPUS} not found (needs ../shared beside the repository)", file=sys.stderr)
        sys.exit(1)
    if args.cmd == "articles":
        articles(args.out)
    else:
        score(args.records, args.stories, args.split, args.verbose, args.json)


if __name__ == "__main__":
    main()
