#!/usr/bin/env bash
# Extraction throughput: `marsad extract` against trafilatura (and resiliparse, when it
# installs) on the same pages, in the same run.
#
#   bash bench/extract.sh            # from the repository root; about 1-2 minutes
#
# Corpus: the HTML pages in $MARSAD_SHARED/corpus/html and the text seeds in
# $MARSAD_SHARED/corpus/seeds (MARSAD_SHARED defaults to ../shared beside the repo),
# each copied under target/bench/ as many times as it takes to reach BENCH_MB
# megabytes per measured run (default 8, so that start-up, which the peers do not pay inside the timing, weighs little). Best of BENCH_RUNS runs (default 3).
#
# Writes the table to standard output and, as Markdown for bench/RESULTS.md, to
# target/bench/extract.md.
#
# Installs trafilatura (and tries resiliparse) into target/bench-venv the first time,
# from PyPI; nothing else is downloaded. BENCH_NO_RESILIPARSE=1 leaves resiliparse out.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
venv="$repo/target/bench-venv"
out="$repo/target/bench"

for d in "$shared/corpus/html" "$shared/corpus/seeds"; do
    if [[ ! -d "$d" ]]; then
        echo "bench: $d not found (set MARSAD_SHARED to the shared folder)" >&2
        exit 2
    fi
done

# --- Python peers ----------------------------------------------------------------------
if [[ ! -x "$venv/bin/python" ]]; then
    echo "bench: creating $venv" >&2
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
    echo "bench: installing trafilatura into $venv" >&2
    # lxml >= 5.2 moved lxml.html.clean (which jusText, a trafilatura dependency,
    # imports) into lxml_html_clean, and lxml 6 no longer names it as an extra.
    "$venv/bin/pip" install --quiet trafilatura lxml_html_clean >&2
fi
peers=(trafilatura)
if [[ "${BENCH_NO_RESILIPARSE:-0}" != 1 ]]; then
    if "$venv/bin/python" -c 'import resiliparse.extract.html2text' 2>/dev/null; then
        peers+=(resiliparse)
    elif [[ -e "$venv/.resiliparse-unavailable" ]]; then
        echo "bench: resiliparse skipped (did not install earlier; delete $venv/.resiliparse-unavailable to retry)" >&2
    elif "$venv/bin/pip" install --quiet resiliparse >&2 \
        && "$venv/bin/python" -c 'import resiliparse.extract.html2text' 2>/dev/null; then
        peers+=(resiliparse)
    else
        echo "bench: resiliparse skipped (does not install here)" >&2
        touch "$venv/.resiliparse-unavailable"
    fi
fi

# --- marsad ----------------------------------------------------------------------------
cargo build --release --quiet -p marsad-cli
marsad="$target_dir/release/marsad"

# --- measure ---------------------------------------------------------------------------
mkdir -p "$out"
"$venv/bin/python" "$repo/bench/extract_bench.py" \
    --marsad "$marsad" \
    --shared "$shared" \
    --work "$out" \
    --min-mb "${BENCH_MB:-8}" \
    --runs "${BENCH_RUNS:-3}" \
    --peers "${peers[@]}" \
    --markdown "$out/extract.md"
