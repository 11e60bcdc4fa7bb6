"""dateparser's side of bench/dates.sh: the date table and the speed corpora through
`dateparser.search.search_dates(text, languages=[...], settings=...)` (Arabic; English for the `en_` families), printing one JSON
object in the shape `cargo run --example table` prints for marsad-dates.

    python bench/dates_dateparser.py table crates/marsad-dates/tests/data/dates.tsv
    python bench/dates_dateparser.py speed docs.jsonl [--budget SECONDS]

Settings: RELATIVE_BASE is the row's (or document's) publication date, DATE_ORDER is DMY
(the Arabic convention, which helps dateparser), RETURN_AS_TIMEZONE_AWARE off. Rows
without a publication date («?» rows) run without RELATIVE_BASE: dateparser has no way
to abstain, so it scores there only when it finds nothing.

A row is a hit as score.py matches dates: some (substring, datetime) whose substring
contains the expression or is contained in it, and whose datetime equals the expected
value at the value's precision (year, month, day, minute; an ISO week by its week; an
interval needs both ends). A «-» row is a hit when nothing is read from the false friend.
"""

import datetime
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

from dateparser.search import search_dates  # noqa: E402


def settings_for(published):
    s = {"DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        d = datetime.date.fromisoformat(published[:10])
        s["RELATIVE_BASE"] = datetime.datetime(d.year, d.month, d.day, 12, 0)
    return s


def search(text, published, lang="ar"):
    try:
        return search_dates(text, languages=[lang], settings=settings_for(published)) or []
    except Exception:  # dateparser raises on some inputs; that counts as nothing found
        return []


def overlaps(found, expr):
    f, e = found.strip(), expr.strip()
    return bool(f) and (e in f or f in e)


def matches(dt, want):
    """Whether datetime `dt` is `want` (an ISO 8601 value of Marsad's) at its precision."""
    if "W" in want:
        y, w = want.split("-W")
        iso = dt.isocalendar()
        return (iso[0], iso[1]) == (int(y), int(w))
    if "T" in want:
        return dt.strftime("%Y-%m-%dT%H:%M") == want
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(want))
    return fmt is not None and dt.strftime(fmt) == want


def hit(found, expr, value):
    near = [(s, dt) for s, dt in found if overlaps(s, expr)]
    if value == "-":
        return not near
    if value == "?":
        return not near
    if "/" in value:
        a, b = value.split("/", 1)
        return any(matches(dt, a) for _, dt in near) and any(matches(dt, b) for _, dt in near)
    return any(matches(dt, value) for _, dt in near)


def table(path):
    families, misses, dates = {}, [], 0
    started = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("family\t"):
                continue
            family, published, sentence, expr, value = line.split("\t")
            # English rows (families «en_…») go to dateparser's English.
            lang = "en" if family.startswith("en_") else "ar"
            found = search(sentence, None if published == "-" else published, lang)
            dates += len(found)
            fam = families.setdefault(family, {"hits": 0, "rows": 0})
            fam["rows"] += 1
            if hit(found, expr, value):
                fam["hits"] += 1
            else:
                misses.append(f"{family}: {expr} = {value}; got {[(s, str(d)) for s, d in found]}")
    seconds = time.perf_counter() - started
    print(json.dumps({"tool": "dateparser", "families": families, "seconds": seconds,
                      "dates": dates, "misses": misses}, ensure_ascii=False))


def speed(path, budget):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                v = json.loads(line)
                docs.append((v.get("text") or "", v.get("published")))
    total = sum(len(t.encode()) for t, _ in docs)
    # dateparser is fed paragraph by paragraph (its intended use: it slows down on long
    # strings), within a time budget; the rate is what it did in that time.
    started = time.perf_counter()
    done_bytes, dates, paragraphs = 0, 0, 0
    for text, published in docs:
        for para in text.split("\n"):
            if not para.strip():
                continue
            dates += len(search(para, published))
            done_bytes += len(para.encode()) + 1
            paragraphs += 1
            if time.perf_counter() - started > budget:
                break
        if time.perf_counter() - started > budget:
            break
    seconds = time.perf_counter() - started
    print(json.dumps({"tool": "dateparser", "docs": len(docs), "bytes": total,
                      "bytes_done": done_bytes, "paragraphs": paragraphs, "seconds": seconds,
                      "dates": dates, "dates_per_sec": dates / seconds,
                      "mb_per_sec": done_bytes / seconds / 1e6}))


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "table":
        table(args[1])
    elif len(args) >= 2 and args[0] == "speed":
        budget = float(args[args.index("--budget") + 1]) if "--budget" in args else 60.0
        speed(args[1], budget)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
