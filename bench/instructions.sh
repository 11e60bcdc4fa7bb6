#!/usr/bin/env bash
# Instructions, not seconds: two builds of marsad compared by the number of instructions
# each executes on the same inputs (valgrind's callgrind, `Ir`), one thread.
#
#   bash bench/instructions.sh OLD_BINARY NEW_BINARY
#   git worktree add /tmp/old be34a43 && cargo build --release --manifest-path /tmp/old/Cargo.toml
#   bash bench/instructions.sh /tmp/old/target/release/marsad target/release/marsad
#
# Why: on a shared two-core machine the CPU seconds of `bench/ingest.sh` move by 5–10%
# from run to run with whatever else runs (a fuzzer at nice 19 still shares the cores'
# caches), which is the size of the differences a speed budget ("within 5%") is about. An
# instruction count does not move with the load: the same binary on the same input counts
# the same to a few parts in a thousand. It is not time (a cache miss costs more than an
# add), so report it beside the timed benchmark, not instead of it.
#
# Inputs, each ingested into a fresh store with `--jobs 1`:
# - one one-word record: the start-up (knowledge base, tagger, clusters, gazetteer);
# - 300 documents of `bench/gen_corpus.py` (20 sites) as JSON Lines, and 1,000 as WARC.gz;
# - 400 articles of SaudiNewsNet drawn with a fixed seed, when ../shared is there
#   (MARSAD_SHARED): real news has more names, dates and events than the synthetic pages.
# Per-function profiles stay in target/bench/instructions/ for callgrind_annotate.
# Needs valgrind (Debian: apt-get install valgrind). Takes about 5 minutes for two builds.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 2)) || { echo "usage: bench/instructions.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "bench/instructions.sh: valgrind not found" >&2; exit 2; }
old="$(realpath "$1")"
new="$(realpath "$2")"
out="$repo/target/bench/instructions"
shared="${MARSAD_SHARED:-$repo/../shared}"
mkdir -p "$out"

inputs=(start sites-jsonl sites-warc)
printf '{"id": "one", "text": "كلمة"}\n' >"$out/start.jsonl"
if [[ ! -f "$out/sites/.done" ]]; then
    rm -rf "$out/sites" "$out/sites-warc"
    python3 "$repo/bench/gen_corpus.py" "$out/sites" --docs 300 --format jsonl --sites 20 >&2
    python3 "$repo/bench/gen_corpus.py" "$out/sites-warc" --docs 1000 --format warc --sites 20 >&2
    touch "$out/sites/.done"
fi
if [[ -f "$shared/corpus/saudinewsnet/articles.jsonl.gz" ]]; then
    if [[ ! -s "$out/snn.jsonl" ]]; then
        python3 - "$shared/corpus/saudinewsnet/articles.jsonl.gz" "$out/snn.jsonl" <<'EOF'
import gzip, random, sys
lines = gzip.open(sys.argv[1], "rt", encoding="utf-8").readlines()
random.Random(16).shuffle(lines)
open(sys.argv[2], "w", encoding="utf-8").writelines(lines[:400])
EOF
    fi
    inputs+=(snn)
else
    echo "bench/instructions.sh: no $shared/corpus/saudinewsnet, SaudiNewsNet skipped" >&2
fi

input_of() {
    case "$1" in
    start) echo "$out/start.jsonl" ;;
    sites-jsonl) echo "$out/sites" ;;
    sites-warc) echo "$out/sites-warc" ;;
    snn) echo "$out/snn.jsonl" ;;
    esac
}

count() { # count NAME BINARY INPUT: instructions of one ingest
    local db="$out/$1.db"
    rm -f "$db" "$db"-*
    valgrind --tool=callgrind --callgrind-out-file="$out/$1.callgrind" \
        "$2" ingest "$3" --db "$db" --jobs 1 >/dev/null 2>"$out/$1.log"
    sed -n 's/^==[0-9]*== Collected : //p' "$out/$1.log"
}

printf '| input | old (million instructions) | new | change |\n| --- | ---: | ---: | ---: |\n' \
    | tee "$out/table.md"
for i in "${inputs[@]}"; do
    a="$(count "$i.old" "$old" "$(input_of "$i")")"
    b="$(count "$i.new" "$new" "$(input_of "$i")")"
    awk -v i="$i" -v a="$a" -v b="$b" \
        'BEGIN { printf "| %s | %.1f | %.1f | %+.1f%% |\n", i, a / 1e6, b / 1e6, (b - a) * 100 / a }' \
        | tee -a "$out/table.md"
done
