#!/usr/bin/env bash
# NER: tagging speed and model load time of `marsad ner`, and its entity-level scores.
#
#   bash bench/ner.sh            # from the repository root; well under a minute
#
# Runs `marsad ner --conll $MARSAD_SHARED/corpus/anercorp/test.txt --timing` RUNS times
# (default 5), prints each run's model load time (weights + knowledge base) and tagging
# speed in tokens per second (load excluded), their medians, the wall time of a whole
# run, and score_conll.py's precision/recall/F1 per type.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
test_file="$shared/corpus/anercorp/test.txt"
out="$repo/target/bench"
runs="${RUNS:-5}"
mkdir -p "$out"

if [[ ! -f "$test_file" ]]; then
    echo "bench: $test_file not found (set MARSAD_SHARED to the shared folder)" >&2
    exit 2
fi

echo "bench: building (release)" >&2
cargo build --quiet --release -p marsad-cli
bin="$target_dir/release/marsad"

: > "$out/ner-timing.txt"
for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$bin" ner --conll "$test_file" --timing > "$out/ner.conll" 2>> "$out/ner-timing.txt"
    end=$(date +%s.%N)
    echo "wall $start $end" >> "$out/ner-timing.txt"
done

python3 - "$out/ner-timing.txt" <<'PY'
import re, statistics, sys
loads, speeds, walls, tokens = [], [], [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.search(r"ner: (\d+) tokens; model loaded in ([\d.]+) ms, tagged in ([\d.]+) ms \((\d+) tokens/s\)", line)
    if m:
        tokens = int(m.group(1))
        loads.append(float(m.group(2)))
        speeds.append(float(m.group(4)))
        print(f"run {len(loads)}: load {m.group(2)} ms, {m.group(4)} tokens/s")
    elif line.startswith("wall "):
        _, a, b = line.split()
        walls.append(float(b) - float(a))
print(f"tokens per run    {tokens}")
print(f"model load        {statistics.median(loads):.1f} ms (median of {len(loads)})")
print(f"tagging speed     {statistics.median(speeds):,.0f} tokens/s (median, load excluded)")
print(f"whole run         {statistics.median(walls) * 1000:.0f} ms wall (median)")
PY
echo
python3 "$shared/gold/score_conll.py" "$test_file" "$out/ner.conll"
