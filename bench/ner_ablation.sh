#!/usr/bin/env bash
# NER ablation on a development split carved from ANERcorp's training file: the tagger
# trained on its first 85% of sentences and scored on the last 15% (as one document),
# with and without the KB gazetteer, the SaudiNewsNet word clusters and the SaudiNewsNet
# name lexicon, 3 seeds each;
# prints each run and the mean ± standard deviation of F1 per type.
#
#   bash bench/ner_ablation.sh        # from the repository root; about 10 minutes on two idle cores
#
# The test portion is not read.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
out="$repo/target/bench/ablation"
seeds="${SEEDS:-1 2 3}"
mkdir -p "$out"
if [[ ! -f "$shared/corpus/anercorp/train.txt" ]]; then
    echo "ablation: $shared/corpus/anercorp/train.txt not found (set MARSAD_SHARED to the shared folder)" >&2
    exit 2
fi

cargo build --quiet --release -p marsad-ner --example train
bin="$target_dir/release/examples/train"

: > "$out/runs.txt"
for config in "none:--no-gazetteer --clusters none --names none" \
    "gazetteer:--clusters none --names none" "clusters:--no-gazetteer --names none" \
    "clusters+gazetteer:--names none" "clusters+gazetteer+names:--names crates/marsad-ner/model/saudinewsnet.names.gz"; do
    name="${config%%:*}"
    flags="${config#*:}"
    for seed in $seeds; do
        # shellcheck disable=SC2086
        line=$("$bin" "$shared/corpus/anercorp/train.txt" "$out/$name-$seed.weights" \
            --holdout 0.15 --seed "$seed" $flags 2>&1 | grep '^dev, two passes:')
        echo "$name seed $seed: $line" | tee -a "$out/runs.txt"
    done
done

python3 - "$out/runs.txt" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name = line.split(" seed ")[0]
    f1 = {k: float(v) for k, v in re.findall(r"(PERS|LOC|ORG|MISC) [\d.]+/[\d.]+/([\d.]+)", line)}
    f1["ALL"] = float(re.search(r"ALL f1 ([\d.]+)", line).group(1))
    runs.setdefault(name, []).append(f1)
print("\n| features | PERS | LOC | ORG | MISC | all |\n|---|---|---|---|---|---|")
for name, rs in runs.items():
    cells = []
    for k in ["PERS", "LOC", "ORG", "MISC", "ALL"]:
        v = [r[k] for r in rs]
        sd = statistics.stdev(v) if len(v) > 1 else 0.0
        cells.append(f"{statistics.mean(v):.3f} ± {sd:.3f}")
    print(f"| {name} | " + " | ".join(cells) + " |")
PY
