#!/usr/bin/env python3
"""Who against whom on the newswire sentences: do the sectors and countries of marsad's
ASSAULT and PROTEST actors agree with the roles the annotators filled?

  python3 ../shared/gold/score_gsr.py make target/gsr
  marsad extract target/gsr > target/gsr.jsonl
  python3 bench/gsr_roles.py target/gsr target/gsr.jsonl [--verbose]

../shared/corpus/gsr/spans.jsonl holds, for 332 sentences, the spans every annotator
marked, with `source_role` / `target_role` as CAMEO-style codes: `main` a country (ISO
alpha-3) or None, `role` a sector (GOV, MIL, COP, REB, UAF, CVL …) or None. A filled role
(sector or country given) agrees when an event of the sentence's type has an actor in that
role (source or target) with that sector and that country, each where the annotators gave
it. A sentence judged «yes» whose event marsad missed counts its roles as disagreeing.
Only sentences labelled `yes` count. (For a named actor, marsad gives a country but no
sector: a filled sector then disagrees.)"""
import collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MARSAD_SHARED") or os.path.join(HERE, "..", "..", "shared")


def main():
    outdir, sys_path = sys.argv[1:3]
    verbose = "--verbose" in sys.argv
    by_id, label = {}, {}
    for line in open(os.path.join(outdir, "labels.tsv"), encoding="utf-8"):
        name, typ, lab, gid = line.rstrip("\n").split("\t")[:4]
        by_id[(gid, typ)] = name
        label[name] = lab
    events = {}
    for line in open(sys_path, encoding="utf-8"):
        d = json.loads(line)
        name = d["doc"].rsplit("/", 1)[-1].removesuffix(".txt")
        events[name] = d.get("events") or []
    stats = collections.Counter()
    per_side = collections.Counter()
    for line in open(os.path.join(SHARED, "corpus", "gsr", "spans.jsonl"), encoding="utf-8"):
        g = json.loads(line)
        typ = g["event_type"]
        name = by_id.get((g["id"], typ))
        if name is None or label.get(name) != "yes":
            continue
        evs = [e for e in events.get(name, []) if e.get("type") == typ]
        wanted = set()
        for sp in g["spans"]:
            for side, role in (("source", "source_role"), ("target", "target_role")):
                r = sp.get(role)
                if not isinstance(r, dict):  # "UNKNOWN": the annotators gave no code
                    continue
                sector = None if r.get("role") in (None, "None") else r["role"]
                country = None if r.get("main") in (None, "None") else r["main"]
                if sector or country:
                    wanted.add((side, sector, country))
        for side, sector, country in sorted(wanted, key=str):
            ok = any(
                a.get("role") == side
                and (sector is None or a.get("sector") == sector)
                and (country is None or a.get("country") == country)
                for e in evs for a in e.get("actors") or []
            )
            stats["filled"] += 1
            stats["agree"] += ok
            per_side[(side, "filled")] += 1
            per_side[(side, "agree")] += ok
            if verbose and not ok:
                got = [(a.get("role"), a.get("sector"), a.get("country"), a.get("key")) for e in evs for a in e.get("actors") or []]
                print(f"  {name} {typ} {side} {sector}/{country}: marsad {got if evs else 'no event'}")
    n = stats["filled"]
    print(f"roles filled by the annotators on 'yes' sentences: {n}; marsad agrees on "
          f"{stats['agree']} ({stats['agree'] / max(n, 1):.3f})")
    for side in ("source", "target"):
        f = per_side[(side, "filled")]
        print(f"  {side}: {per_side[(side, 'agree')]} of {f} ({per_side[(side, 'agree')] / max(f, 1):.3f})")


if __name__ == "__main__":
    main()
