#!/usr/bin/env bash
# Runs each libFuzzer target of a CRV_BUILD_FUZZ build for a while (what `make fuzz` runs):
#   fuzz/run.sh <build dir> [seconds per target, default 60] [target ...]
# Targets default to every fuzz/*_fuzzer.cpp. Each runs on one core (-jobs=1, so the
# machine stays usable) over its committed seeds fuzz/corpus/<target>/ and a working corpus
# <build dir>/corpus/<target>/ that keeps what it finds between runs (the committed seeds
# are never written to). A crash, sanitizer report, leak, timeout or out-of-memory stops
# that target and leaves the input in <build dir>/artifacts/<target>/; the script goes on
# with the other targets and exits 1 at the end if any target found something.
set -uo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:?usage: fuzz/run.sh <build dir> [seconds] [target ...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in fuzz/*_fuzzer.cpp; do
    name=$(basename "$source" _fuzzer.cpp)
    targets+=("$name")
  done
fi

failed=()
for target in "${targets[@]}"; do
  binary="$build_dir/fuzz/crv_fuzz_$target"
  if [ ! -x "$binary" ]; then
    echo "fuzz: $binary is not built (cmake -DCRV_BUILD_FUZZ=ON, then build crv_fuzz_$target)" >&2
    exit 2
  fi
  corpus="$build_dir/corpus/$target"
  artifacts="$build_dir/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  if [ -f "fuzz/dict/$target.dict" ]; then dict=(-dict="fuzz/dict/$target.dict"); fi
  echo "fuzz: $target for ${seconds}s"
  # -timeout: an input that takes 25 s is a hang; -rss_limit_mb: a footer that makes the
  # reader allocate gigabytes is a finding, not a reason to swap.
  if ! "$binary" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "${dict[@]}" "$corpus" "fuzz/corpus/$target" \
      > "$build_dir/fuzz-$target.log" 2>&1; then
    echo "fuzz: $target FOUND a problem; see $build_dir/fuzz-$target.log and $artifacts/" >&2
    tail -40 "$build_dir/fuzz-$target.log" >&2
    failed+=("$target")
    continue
  fi
  grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$build_dir/fuzz-$target.log" | tail -2
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each, clean"
