#!/usr/bin/env bash
# Entities: speed of the entities stage (crates/marsad-entities) on the seeds' cleaned text.
#
#   bash bench/entities.sh          # from the repository root; BENCH_SECONDS (default 5)
#
# 1. `marsad extract` on $MARSAD_SHARED/corpus/seeds (the pipeline's own records).
# 2. The bench example: the bundled KB's load and index times, then the records annotated
#    again and again on one thread for BENCH_SECONDS: documents, words and characters per
#    second. (The seeds are short wire stories of 200-700 words.)
#
# 3. With $MARSAD_SHARED/corpus/anercorp: the share of name mentions that overlap no gold
#    entity span of ANERcorp's training sentences (ordinary words taken for names).
#
# Writes the figures to standard output and to target/bench/entities.json (and
# entities-anercorp.txt). Nothing is downloaded.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
out="$repo/target/bench"
mkdir -p "$out"

if [[ ! -d "$shared/corpus/seeds" ]]; then
    echo "bench: $shared/corpus/seeds not found (set MARSAD_SHARED to the shared folder)" >&2
    exit 2
fi

echo "bench: building (release)" >&2
cargo build --quiet --release -p marsad-cli
cargo build --quiet --release -p marsad-entities --example entities_bench

"$target_dir/release/marsad" extract "$shared/corpus/seeds" --meta "$shared/corpus/seeds/meta.tsv" \
    > "$out/entities-seeds.jsonl" 2>/dev/null
"$target_dir/release/examples/entities_bench" "$out/entities-seeds.jsonl" "${BENCH_SECONDS:-5}" \
    | tee "$out/entities.json"

# 3. Precision on text that is not ours: ANERcorp's sentences, mentions outside any gold span.
if [[ -f "$shared/corpus/anercorp/train.txt" ]]; then
    cargo build --quiet --release -p marsad-entities --example annotate
    echo "ANERcorp train (mentions overlapping no gold entity span):"
    python3 bench/entities_anercorp.py "$target_dir/release/examples/annotate" \
        "$shared/corpus/anercorp/train.txt" | tee "$out/entities-anercorp.txt"
fi
