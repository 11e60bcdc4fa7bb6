#!/usr/bin/env python3
"""Where in the news marsad finds events: coverage by article and by sentence position.

Reads the JSON Lines that `marsad extract` writes (one record per page, with `topic`,
`text` and `events`) and prints, for the pages the topic classifier files as news
(`politics`: politics, world, security and local news of government and public order —
crates/marsad-topic) and for all pages:

- the share of pages with at least one event (all events, and those at or above the
  desk's default confidence, 0.70);
- the share of events whose evidence is the page's first sentence, and the events per
  sentence position (1, 2, 3, 4-5, 6-10, 11+), so that a reader that gives up after the
  lead shows as a spike at 1.

Sentences are counted as the events stage splits them, roughly: a sentence ends at
«.», «!», «?», «؟» or a line break. Usage (issue 21 reports it before and after a change):

    marsad extract ../shared/corpus/saudinewsnet/articles.jsonl.gz > target/snn.jsonl
    python3 bench/event_coverage.py target/snn.jsonl
"""
import bisect
import collections
import json
import re
import sys

TRUSTED = 0.70
ENDS = re.compile(r"[.!?؟\n]+")
BUCKETS = [(1, 1, "1"), (2, 2, "2"), (3, 3, "3"), (4, 5, "4-5"), (6, 10, "6-10"), (11, 10**9, "11+")]


def sentence_starts(text):
    """Character offsets where sentences start (the first at 0)."""
    starts = [0]
    for m in ENDS.finditer(text):
        starts.append(m.end())
    return starts


def position(starts, offset):
    """1-based index of the sentence holding `offset`."""
    return bisect.bisect_right(starts, offset)


def bucket(n):
    return next(label for lo, hi, label in BUCKETS if lo <= n <= hi)


def main(path):
    pages = collections.Counter()
    by_pos = {k: collections.Counter() for k in ("news", "all")}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            topic = (d.get("topic") or {}).get("class")
            groups = ["all"] + (["news"] if topic == "politics" else [])
            events = d.get("events") or []
            trusted = [e for e in events if (e.get("confidence") or 0) >= TRUSTED]
            starts = sentence_starts(d.get("text") or "")
            for g in groups:
                pages[g, "pages"] += 1
                pages[g, "with events"] += bool(events)
                pages[g, "with trusted events"] += bool(trusted)
                for e in events:
                    p = position(starts, e["evidence"]["start"])
                    by_pos[g][bucket(p)] += 1
                    by_pos[g]["events"] += 1
                    by_pos[g]["first"] += p == 1
    for g in ("news", "all"):
        n = pages[g, "pages"] or 1
        ev = by_pos[g]["events"] or 1
        print(f"{g} pages: {pages[g, 'pages']}")
        print(f"  with an event: {pages[g, 'with events'] / n:.3f}"
              f"  (at confidence >= {TRUSTED}: {pages[g, 'with trusted events'] / n:.3f})")
        print(f"  events: {by_pos[g]['events']}, from the first sentence: {by_pos[g]['first'] / ev:.3f}")
        print("  by sentence position: " + "  ".join(
            f"{label} {by_pos[g][label] / ev:.3f}" for _, _, label in BUCKETS))


if __name__ == "__main__":
    main(sys.argv[1])
