#!/usr/bin/env bash
# Ingest throughput, SQLite against PostgreSQL with one and two workers (issue 17), on the
# synthetic corpus of `bench/gen_corpus.py` (our own sentences; JSON Lines cut into 8
# files, so that two workers have units to share).
#
#   bash bench/pg.sh                      # 4,000 documents
#   BENCH_DOCS=20000 bash bench/pg.sh     # more
#   BENCH_BIN=/path/to/marsad bash bench/pg.sh
#
# PostgreSQL is a throwaway cluster started by .ci/pg.sh with fsync on (as a real
# server; the tests run theirs without), on this machine, so the workers and the server
# share its cores: every configuration has 2 extraction threads in all (SQLite and one
# worker: --jobs 2; two workers: --jobs 1 each). For each: wall seconds, docs/s, the
# workers' CPU seconds per document (user + system, /usr/bin/time), the server's CPU
# seconds per document (the postmaster's own and its reaped backends', from
# /proc/PID/stat), and the database's size per document.
# Writes a Markdown table to standard output and to target/bench/pg.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
docs="${BENCH_DOCS:-4000}"
out="$repo/target/bench/pg"
bin="${BENCH_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/marsad}"
mkdir -p "$out"
[[ -n "${BENCH_BIN:-}" ]] || cargo build --release -p marsad-cli >&2

corpus="$out/corpus-$docs"
if [[ ! -f "$corpus/.done" ]]; then
    rm -rf "$corpus" "$out/gen" && mkdir -p "$corpus"
    python3 bench/gen_corpus.py "$out/gen" --docs "$docs" --format jsonl >&2
    cat "$out/gen"/*.jsonl > "$out/all.jsonl"
    split -n l/8 -d --additional-suffix=.jsonl "$out/all.jsonl" "$corpus/part-"
    rm -f "$out/all.jsonl"
    rm -rf "$out/gen"
    touch "$corpus/.done"
fi

pgdir=$(mktemp -d /tmp/marsad-bench-pg.XXXXXX)
trap 'bash .ci/pg.sh stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
server=$(PG_FSYNC=on bash .ci/pg.sh start "$pgdir")
base=${server%/*}
psql() { "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" "$@"; }

# The server's CPU seconds so far: the postmaster's and every backend it reaped.
server_cpu() {
    local pid
    pid=$(head -1 "$pgdir/data/postmaster.pid")
    awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$pid/stat"
}

# CPU seconds (user + system) of a command, from /usr/bin/time's output file.
cpu_of() { awk '{ print $1 + $2 }' "$1"; }

newdb() { # name → URL of a fresh database
    psql "$server" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    echo "$base/$1"
}

dbsize() { # URL → bytes
    psql "$1" -qAtc "SELECT pg_database_size(current_database())"
}

row() { # name workers secs worker_cpu server_cpu bytes
    python3 - "$docs" "$@" <<'EOF'
import sys
docs, name, workers, secs, wcpu, scpu, size = sys.argv[1:]
docs, secs, wcpu = int(docs), float(secs), float(wcpu)
scpu = f"{float(scpu) * 1000 / docs:.2f}" if scpu != "-" else "–"
print(f"| {name} | {workers} | {docs:,} | {secs:.1f} | {docs / secs:,.0f} | {wcpu * 1000 / docs:.2f} | {scpu} | {int(size) / docs / 1024:.1f} |")
EOF
}

now() { date +%s.%N; }

{
    echo "| store | workers | docs | s | docs/s | worker CPU ms/doc | server CPU ms/doc | KB/doc |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"

    db="$out/bench.db"; rm -f "$db" "$db-wal" "$db-shm"
    t0=$(now)
    /usr/bin/time -f "%U %S" -o "$out/t1" "$bin" ingest "$corpus" --db "$db" --jobs 2 --quiet 2>"$out/sqlite.err"
    t1=$(now)
    row SQLite 1 "$(echo "$t1 - $t0" | bc -l)" "$(cpu_of "$out/t1")" - "$(stat -c %s "$db")"

    url=$(newdb bench1)
    c0=$(server_cpu); t0=$(now)
    /usr/bin/time -f "%U %S" -o "$out/t1" "$bin" ingest "$corpus" --db "$url" --jobs 2 --quiet 2>"$out/pg1.err"
    t1=$(now); c1=$(server_cpu)
    row PostgreSQL 1 "$(echo "$t1 - $t0" | bc -l)" "$(cpu_of "$out/t1")" "$(echo "$c1 - $c0" | bc -l)" "$(dbsize "$url")"

    url=$(newdb bench2)
    c0=$(server_cpu); t0=$(now)
    /usr/bin/time -f "%U %S" -o "$out/t1" "$bin" ingest "$corpus" --db "$url" --jobs 1 --quiet 2>"$out/pg2a.err" &
    first=$!
    until grep -q 'inputs queued' "$out/pg2a.err" 2>/dev/null; do sleep 0.1; done
    /usr/bin/time -f "%U %S" -o "$out/t2" "$bin" ingest --worker --db "$url" --jobs 1 --quiet 2>"$out/pg2b.err"
    wait "$first"
    t1=$(now); c1=$(server_cpu)
    cpu=$(echo "$(cpu_of "$out/t1") + $(cpu_of "$out/t2")" | bc -l)
    row PostgreSQL 2 "$(echo "$t1 - $t0" | bc -l)" "$cpu" "$(echo "$c1 - $c0" | bc -l)" "$(dbsize "$url")"
} | tee "$out/../pg.md"
tail -n 1 "$out"/*.err >&2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
