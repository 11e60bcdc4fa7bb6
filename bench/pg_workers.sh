#!/usr/bin/env bash
# Issue 17's acceptance run, at its size: three workers ingest one 20,000-document corpus
# (JSON Lines and WARC.gz) into PostgreSQL at once, while one of them is killed with
# SIGKILL in the middle of a batch and the database server is restarted; a fourth worker
# takes the dead one's unit over once its lease has run out. `marsad export` of the
# result is then compared with a single SQLite ingest of the same inputs.
#
#   bash bench/pg_workers.sh                  # 16,000 SaudiNewsNet articles + 4,000 pages
#   BENCH_SNN=4000 BENCH_WARC=1000 bash bench/pg_workers.sh   # smaller
#
# The corpus: SaudiNewsNet articles from ../shared (real news, with the near-duplicates
# real news has: agencies' copies across newspapers), in 8 JSON Lines files of
# consecutive articles, and `bench/gen_corpus.py`'s synthetic HTML pages in 2 WARC.gz
# files, queued in parts (`--unit-mb 1`) so that workers share an archive. Nothing of it
# is committed (target/bench/pg_workers/).
#
# What is compared. Every input's doc must fall in the same exact-copy group (a stored
# record and the copies of its text) in both stores: every text once, none lost. Of each
# group, the stored record is the copy whose batch committed first (README, "Past one
# machine"); with several workers that is a matter of timing, so where both stores kept
# the same copy its record (without `duplicate_of`) and its events must be identical, and
# the groups kept as another copy are counted. Near-duplicate links are decided in commit
# order too: their counts and the groups they form are reported, not required to match.
# Both ingests run with --no-templates (a batch never spans two units, so templates
# would learn in other steps with several workers).
#
# Prints what happened and the comparison; exits 1 if the stores differ.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
snn="${BENCH_SNN:-16000}"
warc="${BENCH_WARC:-4000}"
out="$repo/target/bench/pg_workers"
bin="${BENCH_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/marsad}"
shared="$repo/../shared/corpus/saudinewsnet/articles.jsonl.gz"
[[ -f "$shared" ]] || { echo "pg_workers: needs $shared" >&2; exit 1; }
mkdir -p "$out"
[[ -n "${BENCH_BIN:-}" ]] || cargo build --release -p marsad-cli >&2

corpus="$out/corpus-$snn-$warc"
if [[ ! -f "$corpus/.done" ]]; then
    rm -rf "$corpus" && mkdir -p "$corpus"
    python3 - "$shared" "$snn" "$corpus" <<'EOF'
import gzip, itertools, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = list(itertools.islice(gzip.open(src, "rt", encoding="utf-8"), n))
per = -(-len(lines) // 8)
for i in range(8):
    with open(f"{out}/snn-{i}.jsonl", "w", encoding="utf-8") as f:
        f.writelines(lines[i * per:(i + 1) * per])
EOF
    python3 bench/gen_corpus.py "$out/gen" --docs "$warc" --format warc --bytes 3000 >&2
    half=$((warc / 2))
    # gen_corpus writes 10,000 pages a file: cut into two archives by whole gzip members
    # (each record is one), re-read by Python's gzip module.
    python3 - "$out/gen" "$corpus" "$half" <<'EOF'
import glob, gzip, sys, zlib
src, out, half = sys.argv[1], sys.argv[2], int(sys.argv[3])
members = []
for path in sorted(glob.glob(f"{src}/*.warc.gz")):
    data = open(path, "rb").read()
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(data)
        used = len(data) - len(d.unused_data)
        members.append(data[:used])
        data = d.unused_data
# gen_corpus writes one response record per page, each its own member.
parts = [members[:half], members[half:]]
for i, p in enumerate(parts):
    open(f"{out}/pages-{i}.warc.gz", "wb").write(b"".join(p))
EOF
    rm -rf "$out/gen"
    touch "$corpus/.done"
fi
inputs=("$corpus"/*.jsonl "$corpus"/*.warc.gz)

pgdir=$(mktemp -d /tmp/marsad-bench-pgw.XXXXXX)
cleanup() {
    for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
    bash .ci/pg.sh stop "$pgdir" || true
    rm -rf "$pgdir"
}
trap cleanup EXIT
server=$(bash .ci/pg.sh start "$pgdir")
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql() { "$pgbin/psql" "$@"; }
psql "$server" -qc "DROP DATABASE IF EXISTS workers" -c "CREATE DATABASE workers" >/dev/null
url="${server%/*}/workers"
as_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
now() { date +%s.%N; }
stored() { psql "$url" -qAtc "SELECT count(*) FROM documents" 2>/dev/null || echo "?"; }

echo "pg_workers: SQLite, one process" >&2
db="$out/sqlite.db"; rm -f "$db" "$db-wal" "$db-shm"
t0=$(now)
"$bin" ingest "${inputs[@]}" --db "$db" --quiet --no-templates 2>"$out/sqlite.err"
t1=$(now)
echo "pg_workers: SQLite took $(echo "$t1 - $t0" | bc -l | cut -c1-6) s" >&2

lease=20
common=(--db "$url" --quiet --no-templates --lease "$lease" --jobs 1 --batch 64)
t0=$(now)
"$bin" ingest "${inputs[@]}" "${common[@]}" --unit-mb 1 2>"$out/w1.err" &
w1=$!
until grep -q 'inputs queued' "$out/w1.err" 2>/dev/null; do sleep 0.2; done
"$bin" ingest --worker "${common[@]}" 2>"$out/w2.err" &
w2=$!
"$bin" ingest --worker "${common[@]}" 2>"$out/w3.err" &
w3=$!
# SIGKILL worker 2 once it has committed into its unit and is working on the next batch.
until [[ "$(stored)" =~ ^[0-9]+$ ]] && (( $(stored) > 3000 )); do sleep 0.5; done
sleep 1.3
kill -KILL "$w2"
echo "pg_workers: worker 2 killed (SIGKILL) at $(stored) documents stored" >&2
# Then the server restarts under the two others.
until [[ "$(stored)" =~ ^[0-9]+$ ]] && (( $(stored) > 8000 )); do sleep 0.5; done
as_owner "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w restart >/dev/null
echo "pg_workers: server restarted at $(stored) documents stored" >&2
# A fourth worker arrives after the dead one's lease has run out, and finds its unit.
sleep $((lease + 2))
"$bin" ingest --worker "${common[@]}" 2>"$out/w4.err" &
w4=$!
codes=()
for p in "$w1" "$w3" "$w4"; do
    wait "$p" && codes+=(0) || codes+=($?)
done
t1=$(now)
echo "pg_workers: PostgreSQL took $(echo "$t1 - $t0" | bc -l | cut -c1-6) s; exit codes of workers 1, 3, 4: ${codes[*]}" >&2
"$bin" status --db "$url" | head -3 >&2
grep -h "took over\|reconnect\|lost\|retry\|again" "$out"/w*.err | sort | uniq -c | head >&2 || true

"$bin" export --db "$db" > "$out/sqlite-docs.jsonl"
"$bin" export --events --db "$db" > "$out/sqlite-events.jsonl"
"$bin" export --db "$url" > "$out/pg-docs.jsonl"
"$bin" export --events --db "$url" > "$out/pg-events.jsonl"
copies="SELECT c.doc, d.doc FROM copies c JOIN documents d ON d.id = c.document_id"
python3 -c 'import sqlite3, sys
for a, b in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(f"{a}\t{b}")' "$db" "$copies" > "$out/sqlite-copies.tsv"
psql "$url" -qAtF $'\t' -c "$copies" > "$out/pg-copies.tsv"
python3 - "$out" <<'EOF'
import json, sys
out = sys.argv[1]

def load(name):
    """Records by doc (duplicate_of taken out), event lines by doc, exact-copy groups
    (the stored doc and its copies), near-duplicate groups and links."""
    docs, dup = {}, {}
    for line in open(f"{out}/{name}-docs.jsonl", encoding="utf-8"):
        d = json.loads(line)
        if d.get("duplicate_of"):
            dup[d["doc"]] = d["duplicate_of"]
        d.pop("duplicate_of", None)
        docs[d["doc"]] = json.dumps(d, sort_keys=True, ensure_ascii=False)
    events = {}
    for line in open(f"{out}/{name}-events.jsonl", encoding="utf-8"):
        events.setdefault(json.loads(line)["doc"], []).append(line)
    groups = {d: {d} for d in docs}
    for line in open(f"{out}/{name}-copies.tsv", encoding="utf-8"):
        copy, stored = line.rstrip("\n").split("\t")
        groups.setdefault(stored, {stored}).add(copy)
    parent = {}
    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x
    for a, b in dup.items():
        parent[find(a)] = find(b)
    near = {}
    for a in set(dup) | set(dup.values()):
        near.setdefault(find(a), set()).add(a)
    return docs, events, groups, {frozenset(g) for g in near.values()}, dup

a, b = load("sqlite"), load("pg")
same = True
def check(what, ok, detail):
    global same
    same &= ok
    print(f"{what}: {detail}{'' if ok else '  <-- DIFFER'}")
# Every text once: the inputs' docs fall into the same exact-copy groups.
ga = {frozenset(g) for g in a[2].values()}
gb = {frozenset(g) for g in b[2].values()}
check("texts (exact-copy groups)", ga == gb,
      f"SQLite {len(ga):,}, PostgreSQL {len(gb):,}, only in SQLite {len(ga - gb)}, only in PostgreSQL {len(gb - ga)}")
both = set(a[0]) & set(b[0])
swapped = len(set(a[0]) - both)
check("documents stored", len(a[0]) == len(b[0]),
      f"SQLite {len(a[0]):,}, PostgreSQL {len(b[0]):,}; {swapped} groups stored as another of their copies (the first committed)")
diff = sorted(d for d in both if a[0][d] != b[0][d])
check("records of the same copy", not diff, f"{len(both):,} compared, {len(diff)} differ {diff[:3]}")
ediff = sorted(d for d in both if sorted(a[1].get(d, [])) != sorted(b[1].get(d, [])))
ea, eb = sum(map(len, a[1].values())), sum(map(len, b[1].values()))
check("events of the same copy", not ediff,
      f"SQLite {ea:,}, PostgreSQL {eb:,} in all; {len(ediff)} documents' differ {ediff[:3]}")
moved = sum(1 for d, o in b[4].items() if a[4].get(d) != o)
print(f"near-duplicates: SQLite {len(a[4]):,} in {len(a[3]):,} groups, PostgreSQL {len(b[4]):,} in "
      f"{len(b[3]):,}; {len(a[3] ^ b[3])} groups differ, {moved} point at another document than in "
      "SQLite (decided in commit order: reported, not required)")
print("SAME" if same else "DIFFERENT")
sys.exit(0 if same else 1)
EOF
