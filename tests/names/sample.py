#!/usr/bin/env python3
"""Names the knowledge base does not know, as `marsad extract` finds them in SaudiNewsNet,
drawn at random for reading (issue 15: "on 100 random unknown names, the share that are
real people or organisations with the right span").

  sample.py articles OUT.jsonl [--seed 15] [--n 2000]
      n articles drawn from ../shared/corpus/saudinewsnet with random.Random(seed)
  sample.py show SYS.jsonl [--seed 15] [--n 100]
      from `marsad extract`'s records of them, every mention of a person or organisation
      resolved as unknown (`resolved.by` starting with "unknown"), one per entity and
      document; n drawn with random.Random(seed); each printed with its sentence
  sample.py score SYS.jsonl READING.tsv [--seed 15] [--n 100]
      checks that the reading covers the drawn mentions and counts its verdicts

READING.tsv: `id, doc, start, end, type, verdict`, no text. Verdicts: `right` (a person or
an organisation as typed, the span its whole name and no more: a title, a clitic or a
following word inside the span, or a name cut short, is not right); `wrong-span` (a name of
the type, its span off); `wrong-type` (a name, of another type); `not-a-name`.
"""
import argparse, collections, gzip, json, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MARSAD_SHARED") or os.path.join(HERE, "..", "..", "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "saudinewsnet", "articles.jsonl.gz")
VERDICTS = ("right", "wrong-span", "wrong-type", "not-a-name")


def articles(args):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    picked = random.Random(args.seed).sample(range(len(lines)), min(args.n, len(lines)))
    with open(args.out, "w", encoding="utf-8") as out:
        for i in sorted(picked):
            out.write(lines[i])
    print(f"{len(picked)} of {len(lines)} articles in {args.out} (seed {args.seed})", file=sys.stderr)


def unknown_mentions(sys_path):
    """(doc, start, end, type, by, text, sentence) of the first mention of each unknown
    person or organisation of each record, in file order."""
    found = []
    with open(sys_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"]
            for e in d["entities"]:
                if e["type"] not in ("PER", "ORG"):
                    continue
                for m in e["mentions"]:
                    by = (m.get("resolved") or {}).get("by", "")
                    if by.startswith("unknown"):
                        found.append((d["doc"], m["start"], m["end"], e["type"], by,
                                      m["text"], sentence(text, m["start"], m["end"])))
                        break
    return found


def sentence(text, start, end):
    """The sentence around a span (by code points, as offsets are)."""
    lo = max(text.rfind(c, 0, start) for c in ".!?\n؟") + 1
    his = [i for i in (text.find(c, end) for c in ".!?\n؟") if i >= 0]
    hi = min(his) + 1 if his else len(text)
    return text[lo:hi].strip()


def draw(args):
    found = unknown_mentions(args.sys)
    return len(found), random.Random(args.seed).sample(found, min(args.n, len(found)))


def show(args):
    total, picked = draw(args)
    print(f"{total} unknown people and organisations (one per entity and document); "
          f"{len(picked)} drawn (seed {args.seed})")
    for i, (doc, start, end, kind, by, text, sent) in enumerate(picked, 1):
        print(f"\n{i}\t{doc}\t{start}\t{end}\t{kind}\t{by}\t«{text}»\n    {sent}")


def score(args):
    total, picked = draw(args)
    reading = {}
    with open(args.reading, encoding="utf-8") as f:
        next(f)
        for line in f:
            i, doc, start, end, kind, verdict = line.rstrip("\n").split("\t")
            if verdict not in VERDICTS:
                sys.exit(f"{args.reading}: {verdict!r} is not a verdict ({', '.join(VERDICTS)})")
            reading[(doc, int(start), int(end), kind)] = verdict
    counts = collections.Counter()
    by_type = collections.defaultdict(collections.Counter)
    missing = 0
    for doc, start, end, kind, by, _, _ in picked:
        v = reading.get((doc, start, end, kind))
        if v is None:
            missing += 1
            continue
        counts[v] += 1
        by_type[kind][v] += 1
    read = sum(counts.values())
    print(f"{read} of {len(picked)} drawn unknown names read (seed {args.seed}, of {total}): "
          + ", ".join(f"{v} {counts[v]}" for v in VERDICTS)
          + f"; right {counts['right'] / max(read, 1):.0%}")
    for kind, c in sorted(by_type.items()):
        n = sum(c.values())
        print(f"  {kind}: {c['right']} of {n} right")
    if missing:
        print(f"{missing} drawn names have no verdict (the reading is of another output)")
        sys.exit(1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("articles")
    a.add_argument("out")
    a.add_argument("--seed", type=int, default=15)
    a.add_argument("--n", type=int, default=2000)
    for name in ("show", "score"):
        s = sub.add_parser(name)
        s.add_argument("sys")
        if name == "score":
            s.add_argument("reading")
        s.add_argument("--seed", type=int, default=15)
        s.add_argument("--n", type=int, default=100)
    args = p.parse_args()
    {"articles": articles, "show": show, "score": score}[args.cmd](args)


if __name__ == "__main__":
    main()
