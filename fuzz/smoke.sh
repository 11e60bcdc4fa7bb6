#!/usr/bin/env bash
# Fuzz smoke: every cargo-fuzz target for FUZZ_SECONDS seconds (default 60), two at a time.
#
#   bash fuzz/smoke.sh                  # from anywhere
#   FUZZ_SECONDS=300 bash fuzz/smoke.sh extract_html
#
# Needs a nightly toolchain; without it it prints "fuzz smoke skipped: <reason>" and
# exits 0. cargo-fuzz is installed from crates.io (`cargo install cargo-fuzz --locked`)
# when the nightly toolchain is there and cargo-fuzz is not. Exits 1 when a target crashed, and
# names the input libFuzzer saved under fuzz/artifacts/<target>/.
#
# Each target starts from its committed corpus (fuzz/corpus/TARGET: the seeds of seeds.sh and
# what the long runs of hours.sh found) and from slices of the pages in ../shared when that
# folder is there (fuzz/target/shared-corpus). What the smoke itself finds goes to a scratch
# folder under fuzz/target, so a smoke never changes the repository.
# Other knobs: FUZZ_PARALLEL (2: the machines have two cores), and those of common.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
secs="${FUZZ_SECONDS:-60}"
parallel="${FUZZ_PARALLEL:-2}"

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

bash "$here/seeds.sh" --shared

cd "$repo"
echo "fuzz smoke: building targets (nightly, sanitizer $sanitizer, debug assertions on)" >&2
for t in "${targets[@]}"; do
    cargo "+$toolchain" fuzz build --debug-assertions --sanitizer "$sanitizer" "$t" >&2
done

scratch="$here/target/smoke"
rm -rf "$scratch"
mkdir -p "$scratch"
stamp="$scratch/stamp"
touch "$stamp"
run() { # run TARGET: one smoke run, its output in $scratch/TARGET.log; exit status kept
    local t="$1" dirs=("$scratch/corpus-$1" "$here/corpus/$1")
    mkdir -p "${dirs[0]}"
    [[ -d "$here/target/shared-corpus/$t" ]] && dirs+=("$here/target/shared-corpus/$t")
    cargo "+$toolchain" fuzz run --debug-assertions --sanitizer "$sanitizer" "$t" "${dirs[@]}" -- \
        -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 >"$scratch/$t.log" 2>&1
}
failed=()
pending=("${targets[@]}")
while ((${#pending[@]})); do
    batch=("${pending[@]:0:$parallel}")
    pending=("${pending[@]:$parallel}")
    pids=()
    for t in "${batch[@]}"; do
        echo "fuzz smoke: $t for ${secs}s" >&2
        run "$t" &
        pids+=($!)
    done
    for i in "${!batch[@]}"; do
        t="${batch[$i]}"
        if wait "${pids[$i]}"; then
            grep -E '^stat::number_of_executed_units|^Done' "$scratch/$t.log" | tr '\n' ' ' >&2
            echo "($t)" >&2
        else
            tail -n 60 "$scratch/$t.log" >&2
            failed+=("$t")
        fi
    done
done

if ((${#failed[@]})); then
    echo "fuzz smoke FAILED: ${failed[*]} (logs in $scratch)"
    find "$here/artifacts" -type f -newer "$stamp" 2>/dev/null | while read -r a; do
        echo "  input: $a"
        echo "  replay: cargo +$toolchain fuzz run --debug-assertions $(basename "$(dirname "$a")") $a"
    done
    exit 1
fi
echo "fuzz smoke passed: ${targets[*]}, ${secs}s each"
