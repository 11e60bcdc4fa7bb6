#!/usr/bin/env bash
# The seed corpus of every fuzz target, written anew (the same bytes each time).
#
#   bash fuzz/seeds.sh            # hand-written inputs and slices of the repository's own pages
#   bash fuzz/seeds.sh --shared   # also slices of the pages in ../shared, kept outside the repo
#
# fuzz/corpus/TARGET/ is committed: the inputs written here (seed-*) and what the long runs of
# fuzz/hours.sh found, minimized. Its pages are our own (samples/ and tests/pages/, text we
# wrote), never web pages. With --shared, slices of the pages in $MARSAD_SHARED/corpus
# (default ../shared beside the repository) go to fuzz/target/shared-corpus/TARGET/, a folder
# the smoke reads as a second corpus and never commits.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
shared="${MARSAD_SHARED:-$repo/../shared}"

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
# Our own pages: each as text, through the whole pipeline and the dates stage under a
# publication date, and the HTML ones as served.
for f in "$repo"/samples/*.txt "$repo"/tests/pages/*.txt; do
    n="page-$(basename "$f" .txt)"
    head -c 3000 "$f" | seed extract_text "$n"
    { printf '2016-08-09\n'; head -c 3000 "$f"; } | seed pipeline_text "$n"
    { printf '2016-08-09\n'; head -c 2000 "$f"; } | seed dates "$n"
done
for f in "$repo"/samples/*.html "$repo"/tests/pages/*.html; do
    head -c 8000 "$f" | seed extract_html "page-$(basename "$f" .html)"
done

[[ "${1:-}" == --shared ]] || exit 0
# Slices of the shared pages: read by the smoke, never written into the repository.
seed() { # seed TARGET NAME: standard input becomes fuzz/target/shared-corpus/TARGET/NAME
    mkdir -p "$here/target/shared-corpus/$1"
    cat >"$here/target/shared-corpus/$1/$2"
}
if [[ -d "$shared/corpus" ]]; then
    for f in "$shared"/corpus/seeds/*.txt; do
        [[ -e "$f" ]] || continue
        n="$(basename "$f" .txt)"
        head -c 3000 "$f" | seed extract_text "$n"
        { printf '2023-09-26\n'; head -c 3000 "$f"; } | seed pipeline_text "$n"
        { printf '<html><body><p>'; head -c 2000 "$f" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/$/<\/p><p>/'; printf '</p></body></html>'; } \
            | seed extract_html "wrapped-$n"
    done
    for f in "$shared"/corpus/html/*.html; do
        [[ -e "$f" ]] || continue
        n="$(basename "$f" .html)"
        size="$(wc -c <"$f")"
        head -c 8000 "$f" | seed extract_html "$n-head"
        # A window from the middle, where the article usually is, and the tail.
        head -c "$((size / 2 + 8000))" "$f" | tail -c 8000 | seed extract_html "$n-middle"
        tail -c 4000 "$f" | seed extract_html "$n-tail"
        head -c 3000 "$f" | seed extract_text "$n-as-text"
    done
else
    echo "fuzz seeds: $shared/corpus not found; our own seeds only" >&2
fi

