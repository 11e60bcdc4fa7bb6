#!/usr/bin/env bash
# Near-duplicate detection alone: MinHash signatures + LSH, marsad-dedup (the
# `lsh_bench` example, one thread) against datasketch (PyPI, one thread, its vectorized
# `update_batch`), side by side in one run on the same documents: a synthetic corpus of
# Arabic documents of about 4 KB that `bench/gen_corpus.py` writes (our own sentences).
# Then the memory of marsad's in-memory index: peak resident memory of the example
# indexing 100,000 and 1,000,000 random signatures (every one indexed: the worst case),
# measured, not extrapolated.
#
#   bash bench/dedup.sh                     # 20,000 documents
#   BENCH_DOCS=100000 bash bench/dedup.sh
#   BENCH_RUNS=3 bash bench/dedup.sh        # best of 3 for each tool
#
# Installs datasketch into target/bench-venv the first time. Writes a Markdown table to
# standard output and to target/bench/dedup.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
docs="${BENCH_DOCS:-20000}"
runs="${BENCH_RUNS:-1}"
out="$repo/target/bench/dedup"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
venv="$repo/target/bench-venv"
mkdir -p "$out"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "bench: creating $venv" >&2
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import datasketch' 2>/dev/null; then
    echo "bench: installing datasketch into $venv" >&2
    "$venv/bin/pip" install --quiet datasketch >&2
fi

cargo build --release -p marsad-dedup --example lsh_bench >&2
bin="$target_dir/release/examples/lsh_bench"

corpus="$repo/target/bench/ingest/corpus-$docs-jsonl"
if [[ ! -f "$corpus/.done" ]]; then
    rm -rf "$corpus"
    python3 bench/gen_corpus.py "$corpus" --docs "$docs" --format jsonl >&2
    touch "$corpus/.done"
fi

best() { # best (lowest total_s) of $runs JSON lines from the command
    for _ in $(seq "$runs"); do "$@"; done | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print(json.dumps(min(rows, key=lambda r: r["total_s"])))'
}

ours=$(best "$bin" "$corpus"/*.jsonl)
theirs=$(best "$venv/bin/python" bench/dedup_datasketch.py "$corpus"/*.jsonl)

peak() { # peak RSS in MB of `lsh_bench --synthetic N`
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f "%M" -o "$out/time.txt" "$bin" --synthetic "$1" > "$out/synthetic-$1.json"
        echo "$(( $(tail -1 "$out/time.txt") / 1024 ))"
    else
        "$bin" --synthetic "$1" > "$out/synthetic-$1.json"
        echo "?"
    fi
}
mem100k=$(peak 100000)
mem1m=$(peak 1000000)

python3 - "$ours" "$theirs" "$mem100k" "$mem1m" "$out" <<'EOF_PY' | tee "$out/../dedup.md"
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
mem100k, mem1m, out = sys.argv[3], sys.argv[4], sys.argv[5]
print("| tool | docs | text MB | signatures s | LSH s | total s | docs/s | near-duplicates | vs datasketch |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in (ours, theirs):
    ratio = theirs["total_s"] / r["total_s"]
    print(f"| {r['tool']} | {r['docs']:,} | {r['mb']} | {r['signature_s']:.2f} | {r['lsh_s']:.2f} | "
          f"{r['total_s']:.2f} | {r['docs_per_s']:,} | {r['duplicates']:,} | {ratio:.1f}× |")
print()
for n, mem in (("100,000", mem100k), ("1,000,000", mem1m)):
    key = n.replace(",", "")
    info = json.load(open(f"{out}/synthetic-{key}.json"))
    print(f"in-memory index of {n} texts (all indexed): peak RSS {mem} MB measured, "
          f"{info['index_mb']} MB on the heap by capacity")
EOF_PY
