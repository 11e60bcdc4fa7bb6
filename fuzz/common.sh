# What smoke.sh and hours.sh share, sourced by both (not run on its own): where things are,
# the toolchain and build settings, and the targets named on the command line (every
# target when none is). Knobs: FUZZ_TOOLCHAIN (nightly), FUZZ_MAX_LEN (16384 bytes),
# FUZZ_SANITIZER (address; `none` runs faster).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
max_len="${FUZZ_MAX_LEN:-16384}"
sanitizer="${FUZZ_SANITIZER:-address}"
all_targets=(extract_html extract_text warc_reader jsonl_reader meta_tsv pipeline_text dates stories_input)
if (($#)); then targets=("$@"); else targets=("${all_targets[@]}"); fi
