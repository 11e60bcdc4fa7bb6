#!/usr/bin/env python3
"""Whether two outputs of `marsad stories` group the same reports into the same stories.

  same_stories.py A.jsonl B.jsonl

A report is known by its evidence (offsets and text), not by its document: a store keeps
one of two exact copies (the first it sees) and the other as a copy without events, so
which document reports a story's sentence depends on the order of ingest, while the
sentences do not. A story is the set of its reports. Counts that depend on what a store
saw first (`articles`, `duplicate`) are not compared. Exit status 1, with the first differences,
when the groupings differ.
"""
import json, sys


def groupings(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                s = json.loads(line)
                out.add(frozenset((r["evidence"]["start"], r["evidence"]["end"], r["evidence"]["text"])
                              for r in s["reports"]))
    return out


def main():
    a, b = groupings(sys.argv[1]), groupings(sys.argv[2])
    if a == b:
        print(f"same stories: {len(a)} in both")
        return
    only_a, only_b = a - b, b - a
    print(f"the stories differ: {len(only_a)} only in {sys.argv[1]}, {len(only_b)} only in {sys.argv[2]}",
          file=sys.stderr)
    for s in list(only_a)[:3]:
        print(f"  only in the first: {sorted(s)}", file=sys.stderr)
    for s in list(only_b)[:3]:
        print(f"  only in the second: {sorted(s)}", file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    main()
