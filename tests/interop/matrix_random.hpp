#pragma once
// The deterministic value source of the writer interop matrix (write_matrix.cpp,
// canonical_table_frames.cpp): a xorshift generator and a set of words with empty,
// non-ASCII, multi-byte and escaped text.

#include <cstdint>
#include <string>
#include <vector>

namespace crv::interop {

struct Random {
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool chance(int percent) { return static_cast<int>(next() % 100) < percent; }
};

inline const std::vector<std::string> kWords = {
    "alpha", "", "βeta", "gämma", "日本語", "emoji 🚀", "x", "a longer string value", "line\nbreak", "quote\"d"};

inline const std::string& random_word(Random& rng) {
  return kWords[static_cast<size_t>(rng.range(0, static_cast<int64_t>(kWords.size()) - 1))];
}

}  // namespace crv::interop
