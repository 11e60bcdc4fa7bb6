#!/usr/bin/env bash
# Dates: marsad-dates against dateparser (PyPI), in the same run.
#
#   bash bench/dates.sh            # from the repository root; about a minute or two
#
# 1. The date table (crates/marsad-dates/tests/data/dates.tsv, one expression per row
#    with its publication date and value) through both, hit rates per family side by
#    side. Fails when marsad-dates is not ahead on every family.
# 2. Speed, dates per second, on the seeds' cleaned text (the pipeline's own output,
#    $MARSAD_SHARED/corpus/seeds) and on a long synthetic text (the table's sentences
#    repeated to about BENCH_MB megabytes, default 1). dateparser gets BENCH_BUDGET
#    seconds (default 60) per corpus and is rated on what it did in that time.
#
# Writes the report to standard output and, as Markdown, to target/bench/dates.md.
# Installs dateparser into target/bench-venv the first time (shared with other bench
# scripts), from PyPI; nothing else is downloaded.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
venv="$repo/target/bench-venv"
out="$repo/target/bench"
table="$repo/crates/marsad-dates/tests/data/dates.tsv"
mkdir -p "$out"

if [[ ! -d "$shared/corpus/seeds" ]]; then
    echo "bench: $shared/corpus/seeds not found (set MARSAD_SHARED to the shared folder)" >&2
    exit 2
fi

# --- dateparser --------------------------------------------------------------------------
if [[ ! -x "$venv/bin/python" ]]; then
    echo "bench: creating $venv" >&2
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import dateparser' 2>/dev/null; then
    echo "bench: installing dateparser into $venv" >&2
    "$venv/bin/pip" install --quiet dateparser
fi
py="$venv/bin/python"

# --- marsad-dates ------------------------------------------------------------------------
echo "bench: building (release)" >&2
cargo build --quiet --release -p marsad-dates --examples
ours="$target_dir/release/examples/table"
seeds_bin="$target_dir/release/examples/seeds"

# --- corpora ------------------------------------------------------------------------------
"$seeds_bin" "$shared/corpus/seeds" "$shared/corpus/seeds/meta.tsv" > "$out/dates-seeds.jsonl"
"$py" - "$table" "$out/dates-synthetic.jsonl" "${BENCH_MB:-1}" <<'PY'
import json, sys
table, dest, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
sentences = []
for line in open(table, encoding="utf-8"):
    if line.startswith("#") or line.startswith("family\t") or not line.strip():
        continue
    sentences.append(line.split("\t")[2])
paras, size = [], 0
while size < mb * 1_000_000:
    for s in sentences:
        paras.append(s)
        size += len(s.encode()) + 1
text = "\n".join(paras)
with open(dest, "w", encoding="utf-8") as f:
    f.write(json.dumps({"doc": "synthetic", "published": "2024-08-19", "text": text}, ensure_ascii=False) + "\n")
PY

# --- runs ---------------------------------------------------------------------------------
budget="${BENCH_BUDGET:-60}"
echo "bench: table" >&2
"$ours" table "$table" > "$out/dates-table-ours.json"
"$py" bench/dates_dateparser.py table "$table" > "$out/dates-table-dateparser.json"
echo "bench: speed on the seeds" >&2
"$ours" speed "$out/dates-seeds.jsonl" > "$out/dates-seeds-ours.json"
"$py" bench/dates_dateparser.py speed "$out/dates-seeds.jsonl" --budget "$budget" > "$out/dates-seeds-dateparser.json"
echo "bench: speed on the synthetic text" >&2
"$ours" speed "$out/dates-synthetic.jsonl" > "$out/dates-synth-ours.json"
"$py" bench/dates_dateparser.py speed "$out/dates-synthetic.jsonl" --budget "$budget" > "$out/dates-synth-dateparser.json"

python3 bench/dates_report.py \
    "$out/dates-table-ours.json" "$out/dates-table-dateparser.json" \
    "$out/dates-seeds-ours.json" "$out/dates-seeds-dateparser.json" \
    "$out/dates-synth-ours.json" "$out/dates-synth-dateparser.json" \
    --markdown "$out/dates.md"
