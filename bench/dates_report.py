"""Side-by-side report for bench/dates.sh: reads the JSON objects the two sides printed
and writes the comparison table (text to stdout, Markdown to --markdown PATH).

    python bench/dates_report.py OURS_TABLE.json THEIRS_TABLE.json \
        OURS_SEEDS.json THEIRS_SEEDS.json OURS_SYNTH.json THEIRS_SYNTH.json [--markdown PATH]

Exits 1 when marsad-dates is not ahead of dateparser on every family of the table.
"""

import json
import sys


def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    md_path = sys.argv[sys.argv.index("--markdown") + 1] if "--markdown" in sys.argv else None
    if md_path in args:
        args.remove(md_path)
    if len(args) != 6:
        sys.exit(__doc__)
    ours_t, theirs_t, ours_s, theirs_s, ours_y, theirs_y = map(load, args)

    rows, behind = [], []
    fams = sorted(set(ours_t["families"]) | set(theirs_t["families"]))
    tot = [0, 0, 0]
    for fam in fams:
        o = ours_t["families"].get(fam, {"hits": 0, "rows": 0})
        t = theirs_t["families"].get(fam, {"hits": 0, "rows": 0})
        n = o["rows"] or t["rows"]
        tot[0] += o["hits"]
        tot[1] += t["hits"]
        tot[2] += n
        if o["hits"] <= t["hits"]:
            behind.append(fam)
        rows.append((fam, n, o["hits"], t["hits"]))

    lines = ["| family | rows | marsad-dates | dateparser |", "| --- | ---: | ---: | ---: |"]
    for fam, n, o, t in rows:
        lines.append(f"| {fam} | {n} | {o}/{n} ({o / n:.0%}) | {t}/{n} ({t / n:.0%}) |")
    lines.append(f"| **all** | {tot[2]} | {tot[0]}/{tot[2]} ({tot[0] / tot[2]:.0%}) | "
                 f"{tot[1]}/{tot[2]} ({tot[1] / tot[2]:.0%}) |")
    lines += ["", "| speed | marsad-dates | dateparser | ratio |", "| --- | ---: | ---: | ---: |"]
    for name, o, t in (("seeds (cleaned text)", ours_s, theirs_s),
                       ("synthetic text", ours_y, theirs_y)):
        mb = o["bytes"] / 1e6
        lines.append(f"| {name}, {mb:.2f} MB: dates/s | {o['dates_per_sec']:,.0f} | "
                     f"{t['dates_per_sec']:,.0f} | {o['dates_per_sec'] / max(t['dates_per_sec'], 1e-9):,.0f}× |")
        lines.append(f"| {name}: MB/s | {o['mb_per_sec']:,.2f} | {t['mb_per_sec']:,.3f} | "
                     f"{o['mb_per_sec'] / max(t['mb_per_sec'], 1e-12):,.0f}× |")
        lines.append(f"| {name}: dates found in one pass | {o['dates_per_round']:,} | "
                     f"{t['dates']:,} | |")
    notes = [
        "",
        f"Table: {tot[2]} rows of crates/marsad-dates/tests/data/dates.tsv; a hit is a date with the "
        "row's value whose text contains the expression or is contained in it (score.py's rule); "
        "a «-» row is a hit when nothing is read from the false friend; a «?» row (no publication "
        "date) when the tool abstains (marsad-dates: recognized and left unplaced).",
        f"dateparser on the synthetic text: {theirs_y.get('bytes_done', 0) / 1e6:.2f} of "
        f"{theirs_y['bytes'] / 1e6:.2f} MB within its time budget, fed paragraph by paragraph; "
        "marsad-dates reads each document whole, single-threaded. Dates per second count "
        "what each tool reports, right or wrong (the table above says how often it is right).",
    ]
    text = "\n".join(lines + notes)
    print(text)
    if md_path:
        with open(md_path, "w", encoding="utf-8") as f:
            f.write("# Dates: marsad-dates against dateparser\n\n" + text + "\n")
    if behind:
        print(f"\nmarsad-dates is not ahead on: {', '.join(behind)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
