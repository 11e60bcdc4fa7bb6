#!/usr/bin/env bash
# Fuzz smoke: each cargo-fuzz target for FUZZ_SECONDS seconds (default 20).
#
#   bash fuzz/smoke.sh                  # from anywhere
#   FUZZ_SECONDS=300 bash fuzz/smoke.sh extract_html
#
# Needs a nightly toolchain; without it it prints "fuzz smoke skipped: <reason>" and
# exits 0. cargo-fuzz is installed from crates.io (`cargo install cargo-fuzz --locked`)
# when the nightly toolchain is there and cargo-fuzz is not. Exits 1 when a target crashed, and
# names the input libFuzzer saved under fuzz/artifacts/<target>/.
#
# The seed corpus is made at run time (fuzz/corpus/, not committed): a few hand-written
# inputs, plus slices of the pages in $MARSAD_SHARED/corpus (default ../shared beside the
# repo) when that folder is there.
# Other knobs: FUZZ_TOOLCHAIN (nightly), FUZZ_MAX_LEN (16384 bytes), FUZZ_SANITIZER
# (address; `none` runs faster).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
shared="${MARSAD_SHARED:-$repo/../shared}"
secs="${FUZZ_SECONDS:-20}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
max_len="${FUZZ_MAX_LEN:-16384}"
sanitizer="${FUZZ_SANITIZER:-address}"
all_targets=(extract_html extract_text warc_reader jsonl_reader meta_tsv pipeline_text dates stories_input)
if (($#)); then targets=("$@"); else targets=("${all_targets[@]}"); fi

skip() {
    echo "fuzz smoke skipped: $*"
    exit 0
}
command -v cargo >/dev/null 2>&1 || skip "cargo not found"
command -v rustup >/dev/null 2>&1 || skip "rustup not found (cargo-fuzz needs a nightly toolchain)"
toolchains="$(rustup toolchain list 2>/dev/null || true)"
grep -q "^$toolchain" <<<"$toolchains" \
    || skip "no $toolchain toolchain (rustup toolchain install $toolchain)"
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz smoke: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked >&2 || skip "cargo-fuzz could not be installed"
fi

# --- seed corpus -------------------------------------------------------------------------
seed() { # seed TARGET NAME: standard input becomes fuzz/corpus/TARGET/seed-NAME
    mkdir -p "$here/corpus/$1"
    cat >"$here/corpus/$1/seed-$2"
}
# Hand-written: charsets, BOMs, empty and odd structure. Arabic "مرحبا بكم" in
# windows-1256 is e3 d1 cd c8 c7 20 c8 df e3.
printf '' | seed extract_text empty
printf '\xef\xbb\xbf\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\n\n\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9\n' | seed extract_text utf8-bom
printf '\xe3\xd1\xcd\xc8\xc7 \xc8\xdf\xe3\r\n\r\n\xe3\xd1\xcd\xc8\xc7\r\n' | seed extract_text cp1256
printf '\xff\xfeE\x06D\x06' | seed extract_text utf16le
printf 'Title\n\nBy Someone\n2024-01-02\n\nShare on Facebook\nShare on Facebook\n' | seed extract_text latin
printf '<p>a</p>' | seed extract_html tiny
printf '<html><head><meta charset="windows-1256"><title>\xe3\xd1\xcd\xc8\xc7</title></head><body><article><h1>\xe3\xd1\xcd\xc8\xc7</h1><p>\xe3\xd1\xcd\xc8\xc7 \xc8\xdf\xe3</p></article></body></html>' | seed extract_html meta-cp1256
printf 'CT:text/html; charset=windows-1256\n<html><body><p>\xe3\xd1\xcd\xc8\xc7 \xc8\xdf\xe3</p></body></html>' | seed extract_html header-cp1256
printf '<html><head><meta property="og:title" content="x"><meta name="author" content="a"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-02","author":[{"name":"b"}]}</script></head><body><div><div><p>x</p></div></div></body></html>' | seed extract_html metadata
printf '<table><tr><td><div><ul><li><a href="/">\xd8\xa7</a></li></ul></div></td></tr></table><!--' | seed extract_html unclosed
# WARC: the first byte says how the rest is served (see fuzz_targets/warc_reader.rs):
# 0 plain, 1 gzipped whole, 3 one gzip member per record, 7 the same with the last
# member cut short.
warc_record() { # warc_record TYPE URI BLOCK: one record, Content-Length right
    printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-01-02T03:04:05Z\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' \
        "$1" "$2" "${#3}" "$3"
}
printf -v page 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>news</p></body></html>'
printf -v chunked 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n4\r\nnews\r\n0\r\n\r\n'
crawl() {
    warc_record warcinfo '' 'software: seed'
    warc_record request https://a.example/ 'GET / HTTP/1.1'
    warc_record response https://a.example/ "$page"
    warc_record response https://b.example/ "$chunked"
}
for mode in 0 1 3 7; do
    { printf "\\x0$mode"; crawl; } | seed warc_reader "crawl-$mode"
done
{ printf '\x00'; printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nHTTP/1.1 200 OK\r\n\r\nshort'; } | seed warc_reader wrong-length
{ printf '\x00'; printf 'not a warc at all\r\n\r\n'; } | seed warc_reader not-warc
# JSON Lines: text, html, both, bad lines, published values that are no dates.
printf '{"doc":"a","text":"\xd8\xa8\xd8\xad\xd8\xab \xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3","published":"19 \xd8\xa3\xd8\xba\xd8\xb3\xd8\xb7\xd8\xb3 2024"}\n{"html":"<p>x</p>","text":"y","id":7}\nnot json\n\n{"url":1}\n' | seed jsonl_reader mixed
printf '{"text":"a","published":"\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4-\xd9\xa0\xd9\xa8-\xd9\xa1\xd9\xa9","outlet":"=cmd"}\n' | seed jsonl_reader arabic-digits
# The --meta TSV.
printf 'file\tpublished\turl\toutlet\na.txt\t2024-02-30\thttps://x.example/\t\xd9\x88\xd9\x83\xd8\xa7\xd9\x84\xd8\xa9\nb.txt\t99999-01-01\t\t\n' | seed meta_tsv rows
printf 'name\tpublished\n' | seed meta_tsv no-file-column
# The whole pipeline: a publication date on the first line, then the page.
printf '2016-08-09\n\xd8\xa8\xd8\xad\xd8\xab \xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3 \xd8\xa7\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a \xd9\x81\xd9\x84\xd8\xa7\xd8\xaf\xd9\x8a\xd9\x85\xd9\x8a\xd8\xb1 \xd8\xa8\xd9\x88\xd8\xaa\xd9\x8a\xd9\x86 \xd9\x85\xd8\xb9 \xd9\x86\xd8\xb8\xd9\x8a\xd8\xb1\xd9\x87 \xd8\xa7\xd9\x84\xd8\xa5\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a \xd9\x81\xd9\x8a \xd8\xa7\xd8\xaa\xd8\xb5\xd8\xa7\xd9\x84 \xd9\x87\xd8\xa7\xd8\xaa\xd9\x81\xd9\x8a \xd8\xa3\xd9\x85\xd8\xb3.\n' | seed pipeline_text call
# Dates: a publication date on the first line, then text with date expressions.
printf '\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4-\xd9\xa0\xd9\xa8-\xd9\xa1\xd9\xa9\n\xd9\x88\xd8\xb5\xd9\x84 \xd8\xa3\xd9\x85\xd8\xb3 \xd9\x88\xd9\x8a\xd8\xba\xd8\xa7\xd8\xaf\xd8\xb1 \xd9\x8a\xd9\x88\xd9\x85 \xd8\xa7\xd9\x84\xd8\xa7\xd8\xab\xd9\x86\xd9\x8a\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85\xd9\x82\xd8\xa8\xd9\x84 \xd9\x81\xd9\x8a 19 \xd8\xa3\xd8\xba\xd8\xb3\xd8\xb7\xd8\xb3 2024.\n' | seed dates arabic
printf '2023-09-26\nPutin met Raisi on Tuesday and will visit Baku on Sept. 28, 2023.\n' | seed dates english
printf '99999-01-01\n2024-02-30 \xd9\x81\xd9\x8a 31 \xd9\x81\xd8\xa8\xd8\xb1\xd8\xa7\xd9\x8a\xd8\xb1 1447 \xd9\x87\xd9\x80\n' | seed dates impossible
# The stories input: records as `marsad extract` writes them, dates that are no dates.
printf '{"doc":"a","text":"x","published":"2024-13-45","events":[{"type":"CONSULT","actors":[{"key":"A","role":"party"}],"date":"yesterday","status":"occurred","confidence":0.9,"evidence":{"start":0,"end":1,"text":"x"}}]}\n{"doc":"b","text":"x","published":"2024-08-19","events":[]}\nnot json\n' | seed stories_input odd-dates
# Slices of the shared pages (kept out of the repository; made here each run).
if [[ -d "$shared/corpus" ]]; then
    for f in "$shared"/corpus/seeds/*.txt; do
        [[ -e "$f" ]] || continue
        n="$(basename "$f" .txt)"
        head -c 3000 "$f" | seed extract_text "shared-$n"
        { printf '2023-09-26\n'; head -c 3000 "$f"; } | seed pipeline_text "shared-$n"
        { printf '<html><body><p>'; head -c 2000 "$f" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/$/<\/p><p>/'; printf '</p></body></html>'; } \
            | seed extract_html "shared-wrapped-$n"
    done
    for f in "$shared"/corpus/html/*.html; do
        [[ -e "$f" ]] || continue
        n="$(basename "$f" .html)"
        size="$(wc -c <"$f")"
        head -c 8000 "$f" | seed extract_html "shared-$n-head"
        # A window from the middle, where the article usually is, and the tail.
        head -c "$((size / 2 + 8000))" "$f" | tail -c 8000 | seed extract_html "shared-$n-middle"
        tail -c 4000 "$f" | seed extract_html "shared-$n-tail"
        head -c 3000 "$f" | seed extract_text "shared-$n-as-text"
    done
else
    echo "fuzz smoke: $shared/corpus not found; hand-written seeds only" >&2
fi

# --- build and run -------------------------------------------------------------------------
cd "$repo"
fuzz() { cargo "+$toolchain" fuzz "$@"; }
echo "fuzz smoke: building targets (nightly, sanitizer $sanitizer, debug assertions on)" >&2
for t in "${targets[@]}"; do
    fuzz build --debug-assertions --sanitizer "$sanitizer" "$t" >&2
done

stamp="$(mktemp)"
trap 'rm -f "$stamp"' EXIT
failed=()
for t in "${targets[@]}"; do
    echo "fuzz smoke: $t for ${secs}s" >&2
    if ! fuzz run --debug-assertions --sanitizer "$sanitizer" "$t" "$here/corpus/$t" -- \
        -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 >&2; then
        failed+=("$t")
    fi
done

if ((${#failed[@]})); then
    echo "fuzz smoke FAILED: ${failed[*]}"
    find "$here/artifacts" -type f -newer "$stamp" 2>/dev/null | while read -r a; do
        echo "  input: $a"
        echo "  replay: cargo +$toolchain fuzz run --debug-assertions $(basename "$(dirname "$a")") $a"
    done
    exit 1
fi
echo "fuzz smoke passed: ${targets[*]}, ${secs}s each"
