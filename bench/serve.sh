#!/usr/bin/env bash
# Load on the desk: `marsad serve` over a 100,000-document store, on loopback, driven by
# wrk (Debian's package; installed when absent) with a Lua script that rotates realistic
# requests, at 1 and 16 connections.
#
#   bash bench/serve.sh                          # 100,000 documents, 15 s per run
#   BENCH_DOCS=20000 BENCH_SECONDS=5 bash bench/serve.sh
#   BENCH_CONNS="1 4 16" bash bench/serve.sh
#   BENCH_DB=target/snn.db BENCH_CONNS=4 bash bench/serve.sh   # a store of your own
#   BENCH_BIN=/tmp/marsad-before BENCH_BUILD=0 …               # a binary of your own
#   BENCH_DB=target/snn.db BENCH_SERVE_DB=postgres://marsad@127.0.0.1:5432/snn …
#                          # the desk on PostgreSQL (issue 17): the same inputs ingested
#                          # there; requests are still drawn from BENCH_DB, a SQLite
#                          # store of them
#                          (issue 20: the SaudiNewsNet month, `marsad ingest
#                          ../shared/corpus/saudinewsnet/articles.jsonl.gz --db target/snn.db`)
#
# The store is built once and kept (target/bench/serve/desk-N.db): `bench/gen_corpus.py
# --events` writes dated reports of leaders' phone calls, meetings and accusations by ten
# outlets (so the timeline has events and the desk groups them into stories), and
# `marsad ingest` stores them. Delete the folder to build it again.
#
# The requests are drawn from the store itself: actor keys and pairs that have events,
# outlets, date ranges inside the corpus's years, words of its text, and story numbers
# from the server's own story list. Each endpoint is measured on its own:
#
#   search    GET /api/search?q=WORDS
#   timeline  GET /api/events?… (actor, actor pair, country, type, status, dates, outlet)
#   timeline-q  the same narrowed by words of the text (`q`: the full-text search's cost)
#   stories   GET /api/stories?actor=&with= (the stories of a pair)
#   story     GET /api/stories/N (every report with its document's text)
#   home      GET /api/stories?limit=10 (ranked), /api/entities?limit=12, /api/stats
#   stories-f GET /api/stories?…&facets=1 (type, country, sort, dates: with counts)
#   network   GET /api/network?… (top actors under a filter, an actor expanded)
#   days      GET /api/events/days?… (the timeline's chart under the timeline's filters)
#   facets    GET /api/events/facets?… (the timeline's counts per filter value)
#   entity    GET /api/entities/KEY (the entity page: counterparts, months, activity)
#   document  GET /api/documents/DOC
#
# Writes a Markdown table (endpoint, connections, req/s, p50, p99) to standard output and
# to target/bench/serve.md. wrk measures closed-loop latency (each connection waits for
# its answer): p99 is what a user at the desk waits, under that many users at once.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
docs="${BENCH_DOCS:-100000}"
secs="${BENCH_SECONDS:-15}"
conns="${BENCH_CONNS:-1 16}"
port="${BENCH_PORT:-18089}"
jobs="${BENCH_JOBS:-2}"
out="$repo/target/bench/serve"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
# BENCH_BIN: another build to measure (a binary kept from before a change).
bin="${BENCH_BIN:-$target_dir/release/marsad}"
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
    echo "bench: installing wrk (Debian package)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >&2
fi
command -v wrk >/dev/null || { echo "bench: wrk is not installed and could not be" >&2; exit 1; }

# BENCH_BUILD=0 uses the binary as it is (a run beside a build of other changes).
[[ "${BENCH_BUILD:-1}" == 0 ]] || cargo build --release -p marsad-cli >&2

corpus="$out/corpus-$docs"
db="$out/desk-$docs.db"
if [[ -n "${BENCH_DB:-}" ]]; then
    db="$(cd "$(dirname "$BENCH_DB")" && pwd)/$(basename "$BENCH_DB")"
    [[ -f "$db" ]] || { echo "bench: $BENCH_DB: no such store" >&2; exit 1; }
elif [[ ! -f "$corpus/.done" ]]; then
    rm -rf "$corpus"
    python3 bench/gen_corpus.py "$corpus" --docs "$docs" --format jsonl --events >&2
    touch "$corpus/.done"
fi
if [[ -z "${BENCH_DB:-}" && ! -f "$db.done" ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    echo "bench: ingesting $docs documents into $db (once)" >&2
    "$bin" ingest "$corpus" --db "$db" --jobs "$jobs" --quiet
    touch "$db.done"
fi
# A store kept from an older build: a writable open brings its layout up to date (the
# server only reads, and refuses an outdated store).
"$bin" docs --db "$db" --limit 1 > /dev/null

"$bin" serve --db "${BENCH_SERVE_DB:-$db}" --addr "127.0.0.1:$port" 2> "$out/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
t0=$(date +%s.%N)
for _ in $(seq 1 600); do
    curl -sf "$base/api/stats" >/dev/null 2>&1 && break
    sleep 0.5
done
# The first story request waits for the stories to be computed (the server starts that
# at start-up); the runs measure the warm server.
curl -sf "$base/api/stories?limit=1" > "$out/stories.json"
t1=$(date +%s.%N)
echo "bench: server up and warm in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s" >&2

# Requests drawn from the store, as Lua tables, one file per endpoint.
python3 - "$db" "$out" "$out/stories.json" <<'EOF'
import json, random, sqlite3, sys, urllib.parse
db, out, stories_json = sys.argv[1:]
rng = random.Random(7)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
q = lambda sql: [r for r in con.execute(sql)]
actors = [r[0] for r in q("SELECT key FROM event_actors WHERE key IS NOT NULL GROUP BY key ORDER BY count(*) DESC LIMIT 40")]
pairs = q("""SELECT a.key, b.key FROM event_actors a JOIN event_actors b
             ON b.event_id = a.event_id AND a.key < b.key
             GROUP BY a.key, b.key ORDER BY count(*) DESC LIMIT 60""")
countries = [r[0] for r in q("SELECT country FROM event_actors WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC LIMIT 12")]
outlets = [r[0] for r in q("SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet")]
# Years and months of the timeline itself (a store without publication dates, such as
# SaudiNewsNet's, dates its events by the crawl).
years = [r[0] for r in q("SELECT substr(at, 1, 4) FROM events WHERE length(at) >= 10 GROUP BY 1 HAVING count(*) > 50 ORDER BY 1")]
months = [r[0] for r in q("SELECT substr(at, 1, 7) FROM events WHERE length(at) >= 10 GROUP BY 1 HAVING count(*) > 50 ORDER BY 1")]
docs = [r[0] for r in q("SELECT doc FROM documents ORDER BY random() LIMIT 200")]
entities = [r[0] for r in q("SELECT key FROM event_actors WHERE key IS NOT NULL GROUP BY key ORDER BY count(*) DESC LIMIT 100")]
types = [r[0] for r in q("SELECT type FROM events GROUP BY type")]
total = json.load(open(stories_json))["total"]
enc = lambda d: urllib.parse.urlencode(d)
words = ["الطاقة المتجددة", "الأمن الغذائي", "قره باغ", "البنك المركزي", "بوتين",
         "أردوغان هاتفيا", "مذكرة تفاهم", "الدوحة", "النقل العام", "السياحة",
         "التسوية", "علييف", "وزارة الصحة", "الحوافز الضريبية", "بغداد", "ماكرون"]

def month(y):
    ms = [m for m in months if m.startswith(y)]
    return rng.choice(ms) if ms else f"{y}-{rng.randint(1, 12):02}"

def story_filters():
    f = {}
    kind = rng.randrange(6)
    if kind == 0:
        f["type"] = rng.choice(types)
    elif kind == 1:
        f["country"] = rng.choice(countries)
    elif kind == 2:
        f["actor"] = rng.choice(actors)
    elif kind == 3:
        m = rng.choice(months); f["from"], f["to"] = m, m
    elif kind == 4:
        f["outlet"] = rng.choice(outlets)
    return f

def timeline():
    f = {}
    kind = rng.randrange(8)
    if kind == 0:
        f["actor"] = rng.choice(actors)
    elif kind == 1:
        a, b = rng.choice(pairs); f["actor"], f["with"] = a, b
    elif kind == 2:
        f["country"] = rng.choice(countries); f["type"] = rng.choice(types)
    elif kind == 3:
        y = rng.choice(years); f["from"] = month(y); f["to"] = f["from"]
    elif kind == 4:
        a, b = rng.choice(pairs); f["actor"], f["with"] = a, b
        y = rng.choice(years); f["from"], f["to"] = y, y
    elif kind == 5:
        f["outlet"] = rng.choice(outlets); f["status"] = "occurred"
    # kind 6, 7: the whole timeline, first page
    if rng.random() < 0.2:
        f["offset"] = rng.choice([50, 100, 500])
    f["limit"] = 50
    return "/api/events?" + enc(f)

paths = {
    "search": ["/api/search?" + enc({"q": w, "limit": 20}) for w in words],
    "timeline": [timeline() for _ in range(400)],
    # The timeline narrowed by words of the text (folded full-text search): measured apart,
    # its cost is the search's (the documents holding the words), not the timeline's.
    "timeline-q": ["/api/events?" + enc({"q": w, "limit": 50}) for w in words]
                  + ["/api/events?" + enc({"q": w, "actor": rng.choice(actors), "limit": 50}) for w in words],
    "stories": ["/api/stories?" + enc({"actor": a, "with": b, "limit": 50}) for a, b in pairs],
    "story": [f"/api/stories/{rng.randint(1, total)}" for _ in range(400)] if total else [],
    "home": ["/api/stories?limit=10", "/api/entities?limit=12", "/api/stats"],
    "stories-f": ["/api/stories?" + enc({**story_filters(), "facets": 1, "limit": 50,
                  "sort": rng.choice(["rank", "recent", "articles"])}) for _ in range(200)],
    "network": ["/api/network?" + enc({k: v for k, v in story_filters().items() if k != "actor"})
                for _ in range(100)]
               + ["/api/network?" + enc({"expand": rng.choice(actors)}) for _ in range(100)],
    "days": ["/api/events/days?" + enc({k: v for k, v in story_filters().items()}) for _ in range(200)],
    # The timeline's counts per filter value, under the timeline's filters (without the
    # page: limit and offset are the list's).
    "facets": ["/api/events/facets?" + enc({k: v for k, v in urllib.parse.parse_qsl(p.split("?", 1)[1])
               if k not in ("limit", "offset")}) for p in (timeline() for _ in range(200))],
    "entity": ["/api/entities/" + urllib.parse.quote(k, safe="") for k in entities],
    "document": ["/api/documents/" + urllib.parse.quote(d, safe="") for d in docs],
}
for name, ps in paths.items():
    with open(f"{out}/{name}.lua", "w", encoding="utf-8") as f:
        f.write("local paths = {\n")
        for p in ps:
            f.write(f"  {json.dumps(p)},\n")
        f.write("}\n")
        f.write("""
local n = 0
-- Each thread starts at its own place in the list (wrk reports non-2xx answers itself).
setup = function(thread) thread:set("offset", math.random(#paths)) end
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n + (offset or 0)) % #paths + 1])
end
""")
print(f"{total} stories, {len(actors)} actors, {len(pairs)} pairs, {len(outlets)} outlets, years {years[0]}–{years[-1]}", file=sys.stderr)
EOF

# Every request once, checked: a 4xx or 5xx is a broken bench, not a fast answer.
endpoints="${BENCH_ENDPOINTS:-search timeline timeline-q stories story home stories-f network days facets entity document}"
for name in $endpoints; do
    # (awk, not head: head closing the pipe early fails it under pipefail)
    grep -o '"/api[^"]*"' "$out/$name.lua" | tr -d '"' | awk 'NR <= 50' | while read -r p; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
        [[ "$code" == 200 ]] || { echo "bench: $p answered $code" >&2; exit 1; }
    done
done

ms() { # wrk's "1.23ms" / "850.00us" / "1.02s" in milliseconds
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.1f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.0f", v * 1000 }
        else print v }'
}

{
    echo "| endpoint | connections | req/s | p50 ms | p99 ms | requests |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    for name in $endpoints; do
        for c in $conns; do
            threads=$(( c < 2 ? 1 : 2 ))
            wrk -t"$threads" -c"$c" -d"${secs}s" --timeout 10s --latency \
                -s "$out/$name.lua" "$base/" > "$out/wrk-$name-$c.txt"
            rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out/wrk-$name-$c.txt")
            p50=$(ms "$(awk '$1 == "50%" {print $2}' "$out/wrk-$name-$c.txt")")
            p99=$(ms "$(awk '$1 == "99%" {print $2}' "$out/wrk-$name-$c.txt")")
            n=$(awk '/requests in/ {print $1}' "$out/wrk-$name-$c.txt")
            if grep -q "Non-2xx" "$out/wrk-$name-$c.txt"; then
                grep "Non-2xx" "$out/wrk-$name-$c.txt" >&2
            fi
            echo "| $name | $c | $rps | $p50 | $p99 | $n |"
        done
    done
} | tee "$out/../serve.md"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" | tee -a "$out/../serve.md"
