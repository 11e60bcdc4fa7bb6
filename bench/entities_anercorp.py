#!/usr/bin/env python3
"""Precision of the entities stage's name mentions against ANERcorp's spans.

usage: entities_anercorp.py ANNOTATE_BIN CONLL_FILE

Rebuilds each sentence of the CoNLL file (tokens joined by spaces), annotates it with the
`annotate` example of crates/marsad-entities (no publication date: no roles), and counts
the mentions that overlap no gold named-entity span (PERS, LOC, ORG, MISC): those are
ordinary words taken for names. ANERcorp tags nationality adjectives MISC, so a country
adjective overlapping MISC counts as found. Prints one JSON object and the misses.
"""
import collections, json, subprocess, sys


def sentences(path):
    cur = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                yield cur
            cur = []
            continue
        tok, tag = line.rsplit(" ", 1)
        cur.append((tok, tag))
    if cur:
        yield cur


def main():
    binary, conll = sys.argv[1:3]
    recs, golds = [], []
    for i, s in enumerate(sentences(conll)):
        text, spans, start, ty, end = "", [], None, None, 0
        for tok, tag in s:
            if text:
                text += " "
            a, b = len(text), len(text) + len(tok)
            text += tok
            if tag.startswith("B-") or (tag.startswith("I-") and ty != tag[2:]):
                if start is not None:
                    spans.append((start, end))
                start, end, ty = a, b, tag[2:]
            elif tag.startswith("I-"):
                end = b
            else:
                if start is not None:
                    spans.append((start, end))
                start, ty = None, None
        if start is not None:
            spans.append((start, end))
        recs.append(json.dumps({"doc": str(i), "text": text}, ensure_ascii=False))
        golds.append(spans)
    out = subprocess.run([binary], input="\n".join(recs).encode(), capture_output=True, check=True)
    n, off = 0, collections.Counter()
    for spans, line in zip(golds, out.stdout.decode().splitlines()):
        for e in json.loads(line)["entities"]:
            for m in e["mentions"]:
                n += 1
                if not any(a < m["end"] and m["start"] < b for a, b in spans):
                    off[(m["text"], e["key"])] += 1
    bad = sum(off.values())
    print(json.dumps({"sentences": len(golds), "mentions": n, "outside_gold_spans": bad,
                      "span_precision": round(1 - bad / n, 4) if n else 1.0}))
    for (text, key), c in off.most_common(15):
        print(f"  {c:3} «{text}» -> {key}")


if __name__ == "__main__":
    main()
