#!/usr/bin/env python3
"""Draws the same-event report pairs from ../shared/corpus/saudinewsnet (seed 22).

  pairs_sample.py [--corpus PATH] [--seed 22] [--show] > pairs.tsv

A report is one sentence of one article, cut exactly as tests/realnews/sample.py cuts
(its `sentences`, folding and keyword code are imported by path from main's tests), of
5 to 120 words, holding an event keyword (sample.py's `keyword_types`). Its names are the
knowledge-base entities (data/kb/people.tsv, orgs.tsv, countries.tsv, column `ar`,
'|'-separated) whose folded alias occurs as whole words, the first word allowed the
proclitics و ب ل ال (and their combinations وب ول وال بال وبال لل ولل); overlapping
matches keep the longest (a name inside a name is the bigger name). Its day is the date
of the article's date_extracted.

Strata (one random.Random(seed), drawn in this order):
  same_window   120  different articles, a shared keyword type, >= 2 shared names, days <= 1 apart
  same_actors    80  a shared type, >= 2 shared names, days 3..20 apart
  same_day       60  a shared type, days <= 1 apart, at most 1 shared name
  random         60  a shared type, days <= 7 apart
The first two are drawn from the full list of candidate pairs, shuffled; the last two by
drawing a report uniformly, one of its types, then a report of that type uniformly within
the day window, and keeping the pair if it fits. Every pair: two different articles; a
report (a sentence of an article) is used in one pair at most; an article pair at most
once; a pair whose two sentences are the same text (after collapsing white space) is
skipped and counted (exact copies are another problem). a is the article whose doc id
sorts first (the earlier day).

split: `test` when int(sha1(doc_a), 16) % 3 == 0 (the earlier article's hash, the same
rule tests/realnews/sample.py uses for its articles), else `dev`.

Columns: id, stratum, doc_a, start_a, end_a, doc_b, start_b, end_b (characters of the
record's `text`, end exclusive), sha_a, sha_b (first 12 hex of the SHA-1 of each
sentence), split. No text is written. Counts go to stderr.
--show PAIRS_TSV prints the pairs of a drawn file with their titles and the sentence before
and the sentence after each report, cut to 300 characters (for reading)."""
import argparse, collections, datetime, gzip, hashlib, importlib.util, itertools, json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(ROOT, "..", "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")
if not os.path.exists(CORPUS):
    CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")


def _load_sample():
    """tests/realnews/sample.py of this tree, else of /work/main."""
    for p in (os.path.join(ROOT, "tests", "realnews", "sample.py"), "/work/main/tests/realnews/sample.py"):
        if os.path.exists(p):
            spec = importlib.util.spec_from_file_location("realnews_sample", p)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod, os.path.dirname(os.path.dirname(os.path.dirname(p)))
    sys.exit("tests/realnews/sample.py not found")


SAMPLE, KBROOT = _load_sample()
fold, sentences, keyword_types = SAMPLE.fold, SAMPLE.sentences, SAMPLE.keyword_types
KB = os.path.join(KBROOT, "data", "kb")
WORD = re.compile(r"[^\w]+")
PREFIXES = ("", "و", "ب", "ل", "ال", "وب", "ول", "وال", "بال", "وبال")
QUOTAS = (("same_window", 120), ("same_actors", 80), ("same_day", 60), ("random", 60))


def load_aliases():
    """first folded word -> [(rest of the folded words, key)]."""
    first = collections.defaultdict(list)
    for name, col in (("people.tsv", "ar"), ("orgs.tsv", "ar"), ("countries.tsv", "ar")):
        with open(os.path.join(KB, name), encoding="utf-8") as f:
            header = None
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cells = line.rstrip("\n").split("\t")
                if header is None:
                    header = cells
                    continue
                row = dict(zip(header, cells))
                key = name.split(".")[0] + ":" + row["key"]
                for alias in (row.get(col) or "").split("|"):
                    words = [w for w in WORD.split(fold(alias.strip())) if w]
                    if not words:
                        continue
                    w0 = words[0]
                    forms = {p + w0 for p in PREFIXES}
                    if w0.startswith("ال") and len(w0) > 2:  # ل + ال = لل
                        forms |= {"لل" + w0[2:], "ولل" + w0[2:]}
                        forms -= {"ال" + w0, "وال" + w0, "بال" + w0, "وبال" + w0}
                    for form in forms:
                        first[form].append((tuple(words[1:]), key))
    return first


def names_in(sentence, first):
    words = [w for w in WORD.split(fold(sentence)) if w]
    hits = []
    for i, w in enumerate(words):
        for rest, key in first.get(w, ()):
            n = len(rest)
            if tuple(words[i + 1:i + 1 + n]) == rest:
                hits.append((i, i + 1 + n, key))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken, keys = set(), set()
    for a, b, key in hits:
        if not taken & set(range(a, b)):
            taken |= set(range(a, b))
            keys.add(key)
    return frozenset(keys)


def load_reports(path, first):
    reports = []  # (doc, start, end, text, types, names, day)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            day = datetime.date.fromisoformat(rec["date_extracted"][:10]).toordinal()
            for s, e in sentences(text):
                sent = text[s:e]
                if not 5 <= len(sent.split()) <= 120:
                    continue
                types = keyword_types(sent)
                if types:
                    reports.append((rec["doc"], s, e, sent, frozenset(types), names_in(sent, first), day))
    return reports


def same_text(x, y):
    return " ".join(x.split()) == " ".join(y.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--show", metavar="PAIRS_TSV", help="print the pairs of this file for reading, draw nothing")
    a = ap.parse_args()
    if a.show:
        show(a.corpus, a.show)
        return
    first = load_aliases()
    R = load_reports(a.corpus, first)
    log = lambda *x: print(*x, file=sys.stderr)
    log(f"{len(R)} reports; {sum(1 for r in R if len(r[5]) >= 2)} with >= 2 names")
    rng = random.Random(a.seed)

    # Candidates sharing >= 2 names: reports indexed by each pair of their names.
    by_pair = collections.defaultdict(list)
    for i, r in enumerate(R):
        for p in itertools.combinations(sorted(r[5]), 2):
            by_pair[p].append(i)
    window, actors = set(), set()
    for members in by_pair.values():
        members.sort(key=lambda i: R[i][6])
        for x in range(len(members)):
            i = members[x]
            for y in range(x + 1, len(members)):
                j = members[y]
                d = R[j][6] - R[i][6]
                if d > 20:
                    break
                if R[i][0] == R[j][0] or not R[i][4] & R[j][4]:
                    continue
                pair = (min(i, j), max(i, j))
                if d <= 1:
                    window.add(pair)
                elif d >= 3:
                    actors.add(pair)
    log(f"candidates: same_window {len(window)}, same_actors {len(actors)}")

    used, docpairs, rows = set(), set(), []
    skipped = collections.Counter()

    def accept(i, j, stratum):
        if i == j or R[i][0] == R[j][0] or i in used or j in used:
            return False
        dp = tuple(sorted((R[i][0], R[j][0])))
        if dp in docpairs:
            return False
        if same_text(R[i][3], R[j][3]):
            skipped[stratum] += 1
            return False
        if R[i][0] > R[j][0]:
            i, j = j, i
        used.update((i, j))
        docpairs.add(dp)
        rows.append((stratum, i, j))
        return True

    for stratum, cands in (("same_window", window), ("same_actors", actors)):
        quota = dict(QUOTAS)[stratum]
        ident = sum(1 for i, j in cands if same_text(R[i][3], R[j][3]))
        log(f"{stratum}: {ident} of {len(cands)} candidate pairs are identical sentences")
        order = sorted(cands)
        rng.shuffle(order)
        got = 0
        for i, j in order:
            if got == quota:
                break
            got += accept(i, j, stratum)

    by_type_day = collections.defaultdict(list)
    for i, r in enumerate(R):
        for t in r[4]:
            by_type_day[(t, r[6])].append(i)
    for stratum, width in (("same_day", 1), ("random", 7)):
        quota = dict(QUOTAS)[stratum]
        got = tries = 0
        while got < quota:
            tries += 1
            i = rng.randrange(len(R))
            t = rng.choice(sorted(R[i][4]))
            near = [j for d in range(-width, width + 1) for j in by_type_day.get((t, R[i][6] + d), ())]
            j = rng.choice(near)
            if stratum == "same_day" and len(R[i][5] & R[j][5]) > 1:
                continue
            got += accept(i, j, stratum)
        log(f"{stratum}: {tries} draws")
    log("identical sentences skipped while drawing: " + ", ".join(f"{k} {v}" for k, v in skipped.items()))

    out = []
    for n, (stratum, i, j) in enumerate(rows):
        ra, rb = R[i], R[j]
        split = "test" if int(hashlib.sha1(ra[0].encode()).hexdigest(), 16) % 3 == 0 else "dev"
        sha = lambda s: hashlib.sha1(s.encode()).hexdigest()[:12]
        out.append((f"p{n:03d}", stratum, ra[0], ra[1], ra[2], rb[0], rb[1], rb[2], sha(ra[3]), sha(rb[3]), split))
    c = collections.Counter((o[1], o[10]) for o in out)
    log("per stratum and split: " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in sorted(c.items())))
    print("id\tstratum\tdoc_a\tstart_a\tend_a\tdoc_b\tstart_b\tend_b\tsha_a\tsha_b\tsplit")
    for o in out:
        print("\t".join(map(str, o)))


def show(path, pairs_tsv):
    with open(pairs_tsv, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    want = {r[2] for r in rows} | {r[5] for r in rows}
    recs, first = {}, load_aliases()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["doc"] in want:
                recs[rec["doc"]] = rec
    for o in rows:
        print(f"=== {o[0]} {o[1]} {o[10]}")
        for side, (doc, s, e) in (("A", o[2:5]), ("B", o[5:8])):
            rec, s, e = recs[doc], int(s), int(e)
            text = rec["text"]
            spans = sentences(text)
            k = spans.index((s, e))
            sent = text[s:e]
            names = "; ".join(sorted(x.split(":", 1)[1] for x in names_in(sent, first)))
            print(f"--- {side} {doc} {rec['outlet']} {rec['date_extracted'][:10]} types={','.join(sorted(keyword_types(sent)))} names={names}")
            print(f"T: {rec.get('title')}")
            for m in range(max(0, k - 1), min(len(spans), k + 2)):
                a_, b_ = spans[m]
                t = text[a_:b_]
                if m < k and len(t) > 300:
                    t = "…" + t[-300:]
                elif m > k and len(t) > 300:
                    t = t[:300] + "…"
                print((">> " if m == k else "   ") + t)
        print()


if __name__ == "__main__":
    main()
