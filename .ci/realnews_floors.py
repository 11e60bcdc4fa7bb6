#!/usr/bin/env python3
"""Fails when event quality on real text falls below its floor: the annotated SaudiNewsNet
sentences (tests/realnews, both splits, scored by tests/realnews/score.py --json) and the
annotator-judged newswire sentences (../shared/corpus/gsr, scored by score_gsr.py).
Each floor is what the reader reached when it was set, a little under it; issues raise them.
usage: realnews_floors.py DEV.json TEST.json GSR.score"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from floors import ner_f1 as per_type_f1  # the same "TYPE precision … f1 X" lines

# tests/realnews: strict = type, mode, actors and roles right; lenient = type and one actor.
REALNEWS_FLOORS = {
    "dev": {"p_strict": 0.42, "r_strict": 0.28, "p_lenient": 0.77, "r_lenient": 0.51},
    "test": {"p_strict": 0.33, "r_strict": 0.19, "p_lenient": 0.63, "r_lenient": 0.37},
}
# The test split's lenient recall floor went down once (0.38 → 0.36, at 055723f): two
# events of that split were no longer written — an accusation whose subject is a body
# named by its head alone («واتهم الحزب الكردي انقرة»), which used to take the page's last
# subject as its speaker, and the attendees of a meeting read as a meeting. Both had a
# wrong actor; each was a lenient match by its other actor. The split is not tuned on.
# Event places over the lenient matches (issue 18): precision and recall of `where`.
# Since the scorer gives a merged event to every sentence that reports it (`also`), a
# merged event's place is judged against the later sentences too.
PLACE_FLOORS = {
    "dev": {"place_precision": 0.64, "place_recall": 0.42},
    "test": {"place_precision": 0.58, "place_recall": 0.43},
}
# The test split's place floors went down once (0.60 → 0.58, 0.45 → 0.43, at the reading of
# an attack's «لـ» force as its doer): one more of that split's attacks became a lenient
# match (lenient recall 0.385 → 0.397) with a place the annotators did not give, 10 right
# places of 17 instead of 10 of 16. The split is not tuned on.
# score_gsr.py F1 per type on the development half of the newswire sentences.
GSR_F1_FLOORS = {"ASSAULT": 0.51, "PROTEST": 0.60}


def main():
    dev, test, gsr = sys.argv[1:4]
    failures = []
    for split, path in (("dev", dev), ("test", test)):
        scored = json.load(open(path, encoding="utf-8"))
        got = scored["types"]["all"]
        for name, floor in REALNEWS_FLOORS[split].items():
            if got[name] < floor:
                failures.append(f"realnews {split} {name} {got[name]:.3f} < floor {floor}")
        for name, floor in PLACE_FLOORS[split].items():
            if scored[name] < floor:
                failures.append(f"realnews {split} {name} {scored[name]:.3f} < floor {floor}")
    got = per_type_f1(gsr)
    for ty, floor in GSR_F1_FLOORS.items():
        if got.get(ty, -1) < floor:
            failures.append(f"gsr {ty} F1 {got.get(ty)} < floor {floor}")
    for f in failures:
        print("floor: " + f, file=sys.stderr)
    if failures:
        sys.exit(1)
    print("floors: real-news events and their places (dev, test) and newswire ASSAULT/PROTEST at or above their floors")


if __name__ == "__main__":
    main()
