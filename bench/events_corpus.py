#!/usr/bin/env python3
"""Writes pages for `bench/events.sh` from the sentences of the events test table
(crates/marsad-events/tests/table.txt: sentences written for Marsad, no web text): each
page is a headline-free run of sentences drawn with a seeded generator, dated with the
publication date of the table block its first sentence comes from, so that role phrases
resolve as the table expects.

    python3 bench/events_corpus.py TABLE.txt OUT.jsonl --docs 2000 --sentences 8
"""
import argparse
import json
import random


def cases(table):
    published = None
    for line in open(table, encoding="utf-8"):
        line = line.strip()
        if line.startswith("@ "):
            published = line[2:].strip()
        elif line.startswith("> "):
            yield published, line[2:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--sentences", type=int, default=8)
    a = ap.parse_args()
    pool = list(cases(a.table))
    rng = random.Random(7)
    with open(a.out, "w", encoding="utf-8") as f:
        for n in range(a.docs):
            picked = [rng.choice(pool) for _ in range(a.sentences)]
            # Two sentences a paragraph, as news pages run.
            paras = [" ".join(s for _, s in picked[i:i + 2]) for i in range(0, len(picked), 2)]
            page = {"doc": f"events-{n:06d}", "published": picked[0][0], "text": "\n\n".join(paras)}
            f.write(json.dumps(page, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
