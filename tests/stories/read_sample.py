#!/usr/bin/env python3
"""Draws stories of three articles or more for reading, and scores a reading of them.

  read_sample.py show STORIES.jsonl [--seed 22] [--n 25]      the stories, report by report
  read_sample.py score STORIES.jsonl READING.tsv [--seed 22] [--n 25]

`show` prints n stories drawn with random.Random(seed) from those with `articles` >= 3
(in the file's order), each report with its document, outlet, type and evidence sentence,
for reading. A reading (READING.tsv: `sample, doc, start, end, verdict`, verdict `event`
for a report of the story's main event, `intruder` for one of another event or of none)
stores no text. Verdicts: `event`, a report of the story's main event; `intruder`, a
report of another event or of none; `no-event`, every report of the story tells one and
the same thing that is no single real-world event (copies of one background sentence, an
observer's assessment): the grouping is right, the reading that made it an event is not.
`score` checks that the reading covers the drawn stories' reports and prints how many
stories are pure (no intruder), how many hold one real-world event (pure and not
`no-event`), and the intruders' share of the reports.
"""
import argparse, json, random, sys


def draw(path, seed, n):
    big = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                s = json.loads(line)
                if s["articles"] >= 3:
                    big.append(s)
    rng = random.Random(seed)
    return len(big), rng.sample(big, min(n, len(big)))


def show(args):
    total, picked = draw(args.stories, args.seed, args.n)
    print(f"{total} stories of 3 articles or more; {len(picked)} drawn (seed {args.seed})")
    for i, s in enumerate(picked, 1):
        actors = ", ".join(a.get("key") or a.get("country") or "?" for a in s["actors"])
        print(f"\n## sample {i}: story {s['story']} {s['type']}/{s.get('mode')} [{actors}] "
              f"{s.get('date')} — {s['articles']} articles, {len(s['reports'])} reports")
        for r in s["reports"]:
            ev = r["evidence"]
            print(f"  {r['doc']}\t{ev['start']}\t{ev['end']}\t[{r.get('outlet')}] {r.get('type')} "
                  f"{r.get('date')}: {ev['text'][:400]}")


def score(args):
    _, picked = draw(args.stories, args.seed, args.n)
    verdicts = {}
    with open(args.reading, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                row = dict(zip(head, line.rstrip("\n").split("\t")))
                verdicts[(int(row["sample"]), row["doc"], int(row["start"]), int(row["end"]))] = row["verdict"]
    pure, one, reports, intruders, missing = 0, 0, 0, 0, 0
    for i, s in enumerate(picked, 1):
        bad, no_event = 0, False
        for r in s["reports"]:
            v = verdicts.get((i, r["doc"], r["evidence"]["start"], r["evidence"]["end"]))
            if v is None:
                missing += 1
                continue
            reports += 1
            bad += v == "intruder"
            no_event |= v == "no-event"
        intruders += bad
        pure += bad == 0
        one += bad == 0 and not no_event
    print(f"{len(picked)} stories read (seed {args.seed}): {pure} pure (no intruder), {one} hold "
          f"one real-world event; {intruders} of {reports} reports are intruders "
          f"({intruders / max(reports, 1):.1%})")
    if missing:
        print(f"{missing} reports of the drawn stories have no verdict (the reading is of "
              f"another output)", file=sys.stderr)
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("show")
    a.add_argument("stories")
    s = sub.add_parser("score")
    s.add_argument("stories")
    s.add_argument("reading")
    for p in (a, s):
        p.add_argument("--seed", type=int, default=22)
        p.add_argument("--n", type=int, default=25)
    args = ap.parse_args()
    show(args) if args.cmd == "show" else score(args)


if __name__ == "__main__":
    main()
