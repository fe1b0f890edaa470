#pragma once
// U8, the UTF-8 check of every appended str value (issue 13: "a fast validator, measured in
// make bench"): --n N of the W1 rows, --repeat R.
//   seconds: find_invalid_utf8 over the frame's str columns (what an append runs);
//   extra: the same bytes as one buffer through is_valid_utf8, through std::memchr (a
//   memory-speed baseline: one pass that only compares bytes), and a buffer of as many bytes
//   of multibyte text (Latin, Cyrillic, CJK, emoji), each in GB/s.

#include "bench_support.hpp"

namespace crv::bench {

Result run_utf8_validation(const Options& options);

}  // namespace crv::bench
