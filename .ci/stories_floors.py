#!/usr/bin/env python3
"""Fails when story grouping on the annotated report pairs (tests/stories, both splits,
scored by tests/stories/score.py --json on the pairs' own articles) falls below its floor.
Each floor is what the grouping reached when it was set, a little under it; issues raise
them. Recall is bounded by the events read at all ("covered": both sides of a pair have an
event), so both recalls have a floor.
usage: stories_floors.py DEV.json TEST.json"""
import json, sys

FLOORS = {
    "dev": {"precision": 0.85, "recall": 0.30, "covered_recall": 0.60},
    "test": {"precision": 0.45, "recall": 0.09, "covered_recall": 0.45},
}


def main():
    failures = []
    for split, path in zip(("dev", "test"), sys.argv[1:3]):
        got = json.load(open(path, encoding="utf-8"))
        for name, floor in FLOORS[split].items():
            if got[name] < floor:
                failures.append(f"stories {split} {name} {got[name]:.3f} < floor {floor}")
    for f in failures:
        print(f"ci: {f}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print("stories floors: ok")


if __name__ == "__main__":
    main()
