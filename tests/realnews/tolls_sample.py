#!/usr/bin/env python3
"""Draws the casualty-toll gold sentences from ../shared/corpus/saudinewsnet (fixed seed).

  tolls_sample.py [--corpus PATH] [--seed 14] [--n 50] [--out tolls_sentences.tsv]

Sentences are cut exactly as sample.py cuts them (its `sentences`, which mirrors
marsad_text::sentences) and trimmed; a sentence of 5 to 120 words is kept when it holds a
casualty word below. The pool (in corpus order) is shuffled with random.Random(seed) and
the first N sentences are taken, an exact duplicate of a sentence already taken being
skipped. The annotations are in tolls.jsonl (one object per id, written by reading).

Two splits. `tolls_sentences.tsv` / `tolls.jsonl` (t00–t49, seed 14) were annotated before
the toll reader was measured on them and have been read since: the reader was tuned on
them (dev). `tolls_test_sentences.tsv` / `tolls_test.jsonl` (u00–u49) were drawn later with
`--seed 15 --exclude tolls_sentences.tsv --prefix u --out tolls_test_sentences.tsv` and
annotated by a reader who never ran the reader on them; they are frozen (test): a rule is
never changed for one of them.

Casualty words. A word is folded as sample.py folds it (tashkeel and tatweel removed,
أ إ آ ٱ → ا, ة → ه, ى → ي); it matches when the word itself, or the word behind one or
two proclitics (و ف ب ك ل س ال وال بال فال كال لل), is one of these forms:
  killed   قتل قتلت قتلوا يقتل تقتل يقتلون قتلي قتيل قتيلا قتيلان قتيلين قتلاه
           مقتل مقتله مقتلها مقتلهم مصرع مصرعه مصرعها مصرعهم
           حتفه حتفها حتفهم (لقي/لقوا حتفه …)
  martyred استشهاد استشهد استشهدت استشهدوا استشهاده استشهادهم شهيد شهيدا شهيدين
           شهيدان شهداء
  wounded  جرح جرحت جرحوا جريح جريحا جريحان جريحين جرحي جرحا جرحاهم
           اصابه اصابات اصابته اصابتهم اصابتها مصاب مصابا مصابه مصابين مصابون
           اصيب اصيبت اصيبوا
  died     وفاه وفاته وفاتها وفيات توفي توفيت توفوا
(the list is for sampling: it draws obituaries, disease and sports injuries too, which
the annotation marks as no toll).

Columns: id (t00..), doc, start, end (characters of the record's `text`, end exclusive),
sha (first 12 hex of the SHA-1 of the sentence's UTF-8, to notice a changed corpus).
No text is written. Standard library only."""
import argparse, gzip, hashlib, json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
from sample import CORPUS, fold, sentences, stems  # noqa: E402

CASUALTY = set("""
قتل قتلت قتلوا يقتل تقتل يقتلون قتلي قتيل قتيلا قتيلان قتيلين قتلاه
مقتل مقتله مقتلها مقتلهم مصرع مصرعه مصرعها مصرعهم
حتفه حتفها حتفهم
استشهاد استشهد استشهدت استشهدوا استشهاده استشهادهم شهيد شهيدا شهيدين شهيدان شهداء
جرح جرحت جرحوا جريح جريحا جريحان جريحين جرحي جرحا جرحاهم
اصابه اصابات اصابته اصابتهم اصابتها مصاب مصابا مصابه مصابين مصابون
اصيب اصيبت اصيبوا
وفاه وفاته وفاتها وفيات توفي توفيت توفوا
""".split())


def has_casualty(sentence):
    for w in re.split(r"[^\w]+", fold(sentence)):
        if w and stems(w) & CASUALTY:
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--out", default=os.path.join(HERE, "tolls_sentences.tsv"),
                    help="'-' for standard output")
    ap.add_argument("--exclude", help="a sentences file whose sentences are not drawn again")
    ap.add_argument("--prefix", default="t", help="the ids' letter")
    a = ap.parse_args()
    taken = set()
    if a.exclude:
        with open(a.exclude, encoding="utf-8") as f:
            taken = {tuple(l.split("\t")[1:3]) for l in f.read().splitlines()[1:]}
    pool = []  # (doc, start, end, sentence)
    with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            for s, e in sentences(text):
                sent = text[s:e]
                if 5 <= len(sent.split()) <= 120 and has_casualty(sent):
                    pool.append((rec["doc"], s, e, sent))
    random.Random(a.seed).shuffle(pool)
    seen, rows = set(), []
    for doc, s, e, sent in pool:
        if len(rows) == a.n:
            break
        if sent in seen or (doc, str(s)) in taken:
            continue
        seen.add(sent)
        rows.append((doc, s, e, hashlib.sha1(sent.encode("utf-8")).hexdigest()[:12]))
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    out.write("id\tdoc\tstart\tend\tsha\n")
    for n, row in enumerate(rows):
        out.write(f"{a.prefix}{n:02d}\t" + "\t".join(map(str, row)) + "\n")
    if out is not sys.stdout:
        out.close()
    print(f"{len(pool)} sentences in the pool, {len(rows)} drawn", file=sys.stderr)


if __name__ == "__main__":
    main()
