#!/usr/bin/env bash
# Fuzzing for hours: each target until its fuzzer has used FUZZ_CPU_SECONDS of processor time
# (default 3600, the CPU-hour per target the project asks for); then its corpus is minimized
# into fuzz/corpus/TARGET and a row is appended to fuzz/HOURS.tsv.
#
#   bash fuzz/hours.sh                               # every target, one after another
#   FUZZ_CPU_SECONDS=600 bash fuzz/hours.sh dates    # ten CPU-minutes of one
#   bash fuzz/hours.sh a b & bash fuzz/hours.sh c d &  # a queue per core
#
# Processor time, not the clock: the fuzzer runs at nice 19 so that it takes only what the
# machine's other work leaves, and on a busy machine an hour of clock is less than an hour
# of fuzzing. The kernel's account of the process (user + system time in /proc/PID/stat) is
# read every ten seconds; at the budget, SIGINT stops the fuzzer the way libFuzzer expects
# (it prints its final statistics).
#
# A crash (a panic, an input over 60 s of clock: generous, since at nice 19 a build beside it
# can starve it for seconds; over 4 GiB) ends that target's run: libFuzzer saves
# the input under fuzz/artifacts/TARGET/, the row says "crash", the queue goes on, and the
# script exits 1 at the end. Fix it with a regression test, then run the target again: its
# rows add up.
#
# Cut short (`kill -TERM` the script, or Ctrl-C): the running target stops as at its
# budget, its corpus is minimized, its row says "stopped" with the CPU it had, and the
# queue ends there; a later run of the target adds its own row.
#
# The corpus grows in fuzz/corpus/TARGET (committed). It starts from seeds.sh's inputs: text
# we wrote, never ../shared's web pages, so that what is committed is ours.
# Knobs: FUZZ_CPU_SECONDS, and those of common.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
budget="${FUZZ_CPU_SECONDS:-3600}"
ticks="$(getconf CLK_TCK)"
commit="$(git -C "$repo" rev-parse --short HEAD)"
ledger="$here/HOURS.tsv"
[[ -s "$ledger" ]] || printf 'date\tcommit\ttarget\tsanitizer\tcpu_seconds\twall_seconds\texecutions\tcorpus_files\tcorpus_bytes\tresult\n' >"$ledger"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz hours: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked >&2
fi
bash "$here/seeds.sh"
cd "$here"
cpu_seconds() { # cpu_seconds PID: user + system time of the process, whole seconds
    awk -v t="$ticks" '{ sub(/^.*\) /, ""); print int(($12 + $13) / t) }' "/proc/$1/stat" 2>/dev/null || echo 0
}
status=0
stop=0
trap 'stop=1' TERM INT
for t in "${targets[@]}"; do
    ((stop)) && break
    cargo "+$toolchain" fuzz build --debug-assertions --sanitizer "$sanitizer" "$t" >&2
    bin="$(find target -path "*/release/$t" -type f -perm -u+x | head -n 1)"
    corpus="$here/corpus/$t"
    log="$here/target/hours-$t.log"
    mkdir -p "$corpus" "$here/artifacts/$t"
    start="$(date +%s)"
    nice -n 19 "$bin" "$corpus" -artifact_prefix="$here/artifacts/$t/" -max_len="$max_len" \
        -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1 &
    pid=$!
    used=0
    while kill -0 "$pid" 2>/dev/null; do
        now="$(cpu_seconds "$pid")"
        ((now > used)) && used="$now"
        if ((used >= budget || stop)); then
            kill -INT "$pid"
            break
        fi
        sleep 10
    done
    result=done
    ((stop)) && result=stopped
    wait "$pid" || { (($? == 72)) || { result=crash; status=1; }; }
    wall=$(($(date +%s) - start))
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    if [[ $result != crash ]]; then
        # Minimize: the fewest inputs that cover every edge the corpus covers (set cover on
        # edges, not hit counts: about a tenth of the files a plain merge keeps, so that the
        # committed corpus stays small), then the seeds again (by name).
        min="$here/target/min-$t"
        rm -rf "$min"
        mkdir -p "$min"
        "$bin" -set_cover_merge=1 -use_counters=0 -max_len="$max_len" -timeout=60 \
            -rss_limit_mb=4096 "$min" "$corpus" >>"$log" 2>&1
        rm -rf "$corpus"
        mv "$min" "$corpus"
        bash "$here/seeds.sh"
    fi
    files="$(find "$corpus" -type f | wc -l)"
    bytes="$(du -sb "$corpus" | cut -f1)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$commit" "$t" "$sanitizer" \
        "$used" "$wall" "${execs:-?}" "$files" "$bytes" "$result" >>"$ledger"
    echo "fuzz hours: $t $result after ${used}s of CPU (${wall}s of clock), ${execs:-?} runs, corpus $files files" >&2
done
exit "$status"
