#!/usr/bin/env bash
# Events throughput: the events stage alone (crates/marsad-events/examples/events_bench.rs, on
# records whose entities and dates are filled) and the whole `marsad extract` pipeline
# (read, clean, dates, entities, events), on
#   * the five seeds of $MARSAD_SHARED/corpus/seeds, copied to BENCH_COPIES records;
#   * a synthetic corpus of BENCH_DOCS pages of 8 sentences drawn from the events test
#     table (our own sentences, event-dense: most have a trigger).
#
#   bash bench/events.sh          # from the repository root; about a minute
#
# There is no peer to run beside it: no Arabic event coder installs from PyPI (GDELT and
# POLECAT code translated English in their own pipelines). Writes target/bench/events.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
out="$repo/target/bench/events"
copies="${BENCH_COPIES:-200}"
docs="${BENCH_DOCS:-5000}"
runs="${BENCH_RUNS:-3}"
mkdir -p "$out"

cargo build --release --quiet -p marsad-cli
cargo build --release --quiet -p marsad-events --example events_bench
bin="${CARGO_TARGET_DIR:-$repo/target}/release/marsad"
stage="${CARGO_TARGET_DIR:-$repo/target}/release/examples/events_bench"

# Pages: the seeds as JSONL records (text + published from the sidecar), copied.
python3 - "$shared/corpus/seeds" "$out/seeds-pages.jsonl" "$copies" <<'PY'
import csv, json, os, sys
seeds, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
meta = {r["file"]: r for r in csv.DictReader(open(os.path.join(seeds, "meta.tsv"), encoding="utf-8"), delimiter="\t")}
pages = []
for name in sorted(os.listdir(seeds)):
    if name.endswith(".txt"):
        text = open(os.path.join(seeds, name), encoding="utf-8").read()
        pages.append({"text": text, "published": meta.get(name, {}).get("published") or None})
with open(dst, "w", encoding="utf-8") as f:
    for n in range(copies):
        p = pages[n % len(pages)]
        f.write(json.dumps({"doc": f"seed-{n:05d}", **p}, ensure_ascii=False) + "\n")
PY
python3 bench/events_corpus.py crates/marsad-events/tests/table.txt "$out/table-pages.jsonl" --docs "$docs"

best_of() { # best wall time of $runs runs of a command, in seconds
    local best=""
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" > /dev/null 2>&1
        t1=$(date +%s.%N)
        best=$(python3 -c "b='$best'; t=$t1-$t0; print(t if not b else min(float(b), t))")
    done
    echo "$best"
}

{
    echo "| corpus | docs | sentences | MB of text | events stage alone | whole \`extract\`, 1 job | whole \`extract\`, 2 jobs |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    for name in seeds table; do
        pages="$out/$name-pages.jsonl"
        "$bin" extract "$pages" > "$out/$name-records.jsonl" 2>/dev/null
        line=$("$stage" "$out/$name-records.jsonl" 5)
        read -r ndocs nsent mb stage_docs stage_sent <<<"$(python3 - "$line" <<'PY'
import re, sys
l = sys.argv[1]
g = lambda p: re.search(p, l).group(1)
print(g(r"(\d+) docs,"), g(r"(\d+) sentences,"), g(r"([\d.]+) MB"), g(r"= (\d+) docs/s"), g(r"(\d+) sentences/s"))
PY
)"
        j1=$(best_of "$bin" extract "$pages" --jobs 1)
        j2=$(best_of "$bin" extract "$pages" --jobs 2)
        fmt() { python3 -c "d=$ndocs; s=$nsent; t=$1; print(f'{d/t:,.0f} docs/s, {s/t:,.0f} sentences/s')"; }
        stage_fmt=$(python3 -c "print(f'{$stage_docs:,} docs/s, {$stage_sent:,} sentences/s')")
        echo "| $name | $ndocs | $nsent | $mb | $stage_fmt | $(fmt "$j1") | $(fmt "$j2") |"
    done
} | tee "$out/../events.md"
