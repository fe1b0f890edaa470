#!/usr/bin/env bash
# Applies the tree's style (.clang-format) to every C++ file git knows of, or, with --check,
# lists the files that differ from it and fails. `make format` / `make format-check`; the
# check is also a test of `make test` (format_check).
#   scripts/format.sh [--check] [ROOT]
set -euo pipefail
mode=apply
if [ "${1:-}" = --check ]; then mode=check; shift; fi
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"
formatter="${CLANG_FORMAT:-$(command -v clang-format-14 || command -v clang-format || true)}"
if [ -z "$formatter" ]; then
  echo "format: clang-format is not installed; run scripts/install-deps.sh (it installs Debian's clang-format)" >&2
  exit 1
fi
# Test data (golden bytes, corpora) is not code. New files not yet added count too (--others):
# otherwise a new file passes here and fails the check in a clean clone.
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' '*.h' '*.cc' \
  ':!:tests/data/**' ':!:fuzz/corpus/**')
if [ "$mode" = apply ]; then
  "$formatter" -i "${files[@]}"
  exit 0
fi
# One run over every file; each difference is reported as "FILE:LINE:COL: error: ...".
status=0
report="$("$formatter" --dry-run --Werror "${files[@]}" 2>&1)" || status=$?
mapfile -t bad < <(printf '%s\n' "$report" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if [ "$status" -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
  printf 'format: %s failed:\n%s\n' "$formatter" "$report" >&2
  exit 1
fi
if [ ${#bad[@]} -ne 0 ]; then
  printf 'format: %d file(s) differ from .clang-format:\n' "${#bad[@]}" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "format: run 'make format' and commit the result" >&2
  exit 1
fi
echo "format: ${#files[@]} files match .clang-format"
