#!/usr/bin/env bash
# N random events of a month of real news, with their evidence, for reading.
#
#   bash bench/sample_events.sh [N=100] [SEED=13] [MIN_CONFIDENCE=0]
#
# Ingests $MARSAD_SHARED/corpus/saudinewsnet (31,030 articles) into target/bench/snn.db with
# the release binary, or reuses that store when it is newer than the binary and the corpus;
# then draws N events with random.Random(SEED) among those at or above MIN_CONFIDENCE (0:
# every event the store holds; the desk's default is in README "Events") and prints each
# with its type, mode, status, actors, date, place, confidence, outlet, document and
# evidence sentence. Reading them one by one — right, half right (type or one actor wrong)
# or wrong — is how the README's reading of 100 was made.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${MARSAD_SHARED:-$repo/../shared}"
n="${1:-100}"
seed="${2:-13}"
min_conf="${3:-0}"
corpus="$shared/corpus/saudinewsnet/articles.jsonl.gz"
[ -f "$corpus" ] || { echo "sample_events: $corpus not found" >&2; exit 1; }

cargo build --release --quiet -p marsad-cli
bin="${CARGO_TARGET_DIR:-$repo/target}/release/marsad"
db="$repo/target/bench/snn.db"
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ] || [ "$bin" -nt "$db" ] || [ "$corpus" -nt "$db" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$bin" ingest "$corpus" --db "$db" --quiet
fi

python3 - "$db" "$n" "$seed" "$min_conf" <<'PY'
import json, random, sqlite3, sys

db, n, seed, min_conf = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = con.execute(
    "SELECT e.record, d.doc, d.outlet FROM events e JOIN documents d ON d.id = e.document_id "
    "WHERE e.confidence >= ? ORDER BY e.id", (min_conf,)).fetchall()
print(f"{len(rows)} events at confidence >= {min_conf}; {min(n, len(rows))} drawn with seed {seed}\n")
for i, (record, doc, outlet) in enumerate(random.Random(seed).sample(rows, min(n, len(rows))), 1):
    e = json.loads(record)
    actors = []
    for a in e.get("actors") or []:
        name = a.get("key") or f"«{a.get('text')}» {a.get('sector') or ''}{'/' + a['country'] if a.get('country') else ''}"
        actors.append(f"{a['role']}={name}")
    extra = [f"{k}={e[k]['min']}" for k in ("killed", "wounded") if e.get(k)]
    if e.get("recalled"):
        extra.append("recalled")
    print(f"{i:3}. {e['type']}{'/' + e['mode'] if e.get('mode') else ''} {e['status']} "
          f"[{', '.join(actors)}] date={e.get('date')} where={e.get('where')} "
          f"conf={e.get('confidence')} {' '.join(extra)}")
    print(f"     {outlet} {doc}")
    print(f"     «{e['evidence']['text']}»\n")
PY
