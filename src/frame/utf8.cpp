#include <crv/frame/utf8.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace crv::frame {
namespace {

// ---- the DFA ----
//
// Per Vognsen's shift-based DFA: state s is the bit offset 6 * s; the table entry of a byte
// holds, at each state's offset, the offset of the state the byte leads to. One step is
// `state = table[byte] >> (state & 63)`: no branch, and the next step's table load does not
// wait for a comparison. The states are those of the well-formed byte sequences of the
// Unicode standard (table 3-7).
enum State : int { kAccept, kError, kTail1, kTail2, kAfterE0, kAfterED, kAfterF0, kTail3, kAfterF4, kStates };

constexpr int next_state(int state, int byte) {
  const auto in = [byte](int low, int high) { return byte >= low && byte <= high; };
  switch (state) {
    case kAccept:
      if (byte < 0x80) return kAccept;
      if (in(0xC2, 0xDF)) return kTail1;
      if (byte == 0xE0) return kAfterE0;
      if (byte == 0xED) return kAfterED;
      if (in(0xE1, 0xEF)) return kTail2;
      if (byte == 0xF0) return kAfterF0;
      if (in(0xF1, 0xF3)) return kTail3;
      if (byte == 0xF4) return kAfterF4;
      return kError;
    case kTail1: return in(0x80, 0xBF) ? kAccept : kError;
    case kTail2: return in(0x80, 0xBF) ? kTail1 : kError;
    case kAfterE0: return in(0xA0, 0xBF) ? kTail1 : kError;  // no overlong 3-byte forms
    case kAfterED: return in(0x80, 0x9F) ? kTail1 : kError;  // no surrogates
    case kAfterF0: return in(0x90, 0xBF) ? kTail2 : kError;  // no overlong 4-byte forms
    case kTail3: return in(0x80, 0xBF) ? kTail2 : kError;
    case kAfterF4: return in(0x80, 0x8F) ? kTail2 : kError;  // nothing past U+10FFFF
    default: return kError;
  }
}

constexpr std::array<uint64_t, 256> build_table() {
  std::array<uint64_t, 256> table{};
  for (int byte = 0; byte < 256; ++byte) {
    for (int state = 0; state < kStates; ++state) {
      table[static_cast<size_t>(byte)] |= uint64_t(6 * next_state(state, byte)) << (6 * state);
    }
  }
  return table;
}

constexpr std::array<uint64_t, 256> kTable = build_table();
constexpr uint64_t kAcceptBits = 6 * kAccept;
constexpr uint64_t kErrorBits = 6 * kError;

inline uint64_t step(uint64_t state, uint8_t byte) { return kTable[byte] >> (state & 63); }

/// Whether the 16 bytes at `p` are all ASCII.
inline bool ascii16(const uint8_t* p) {
  uint64_t a = 0;
  uint64_t b = 0;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 8);
  return ((a | b) & 0x8080808080808080ULL) == 0;
}

// ---- columns ----

bool is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

class Finder {
 public:
  /// The first row in [begin, end) of `column` whose value holds invalid UTF-8 under no
  /// null; -1 when there is none. `path` gets where in the value it is.
  int64_t first_bad(const Column& column, int64_t begin, int64_t end, std::string& path) {
    if (begin >= end) return -1;
    switch (column.type_id()) {
      case TypeId::String: return first_bad_string(column, begin, end);
      case TypeId::Struct: return first_bad_struct(column, begin, end, path);
      case TypeId::List: return first_bad_list(column, begin, end, path);
      default: return -1;
    }
  }

 private:
  static int64_t first_bad_string(const Column& column, int64_t begin, int64_t end) {
    const int32_t* offsets = column.list_offsets();
    const auto* data = column.data().data ? column.data().data->data() : nullptr;
    const int32_t low = offsets[begin];
    const int32_t high = offsets[end];
    if (high == low) return -1;
    // Fast: the bytes of all rows in one pass, then every value boundary on a character
    // boundary (valid UTF-8 cut at character starts gives valid pieces).
    bool good = is_valid_utf8({reinterpret_cast<const char*>(data + low), static_cast<size_t>(high - low)});
    for (int64_t row = begin + 1; good && row < end; ++row) {
      if (offsets[row] < high && is_continuation(data[offsets[row]])) good = false;
    }
    if (good) return -1;
    for (int64_t row = begin; row < end; ++row) {
      if (column.is_null(row)) continue;
      const std::string_view value(reinterpret_cast<const char*>(data + offsets[row]),
                                   static_cast<size_t>(offsets[row + 1] - offsets[row]));
      if (!is_valid_utf8(value)) return row;
    }
    return -1;  // only null rows held invalid bytes
  }

  int64_t first_bad_struct(const Column& column, int64_t begin, int64_t end, std::string& path) {
    int64_t first = -1;
    for (int k = 0; k < column.num_children(); ++k) {
      const Column child = column.child(k);
      const int64_t stop = first >= 0 ? first : end;  // only an earlier row matters now
      std::string child_path;
      int64_t row = first_bad(child, begin, stop, child_path);
      while (row >= 0 && column.is_null(row)) {  // a null struct's fields are not stored
        child_path.clear();
        row = first_bad(child, row + 1, stop, child_path);
      }
      if (row >= 0) {
        first = row;
        path = "." + column.type()->fields()[static_cast<size_t>(k)].name + child_path;
      }
    }
    return first;
  }

  int64_t first_bad_list(const Column& column, int64_t begin, int64_t end, std::string& path) {
    const int32_t* offsets = column.list_offsets();
    const Column items = column.list_items();
    int64_t from = offsets[begin];
    while (true) {
      std::string item_path;
      const int64_t item = first_bad(items, from, offsets[end], item_path);
      if (item < 0) return -1;
      const int64_t row = std::upper_bound(offsets + begin, offsets + end + 1, item) - offsets - 1;
      if (column.is_valid(row)) {
        path = "[]" + item_path;
        return row;
      }
      from = offsets[row + 1];  // the items of a null list are not stored
    }
  }
};

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint8_t* const end = p + bytes.size();
  uint64_t state = kAcceptBits;
  while (p < end) {
    if ((state & 63) == kAcceptBits) {
      while (end - p >= 16 && ascii16(p)) p += 16;
    }
    // A block of DFA steps, then one look at the state: an error stays an error.
    const uint8_t* const block_end = p + std::min<ptrdiff_t>(end - p, 64);
    for (; p < block_end; ++p) state = step(state, *p);
    if ((state & 63) == kErrorBits) return false;
  }
  return (state & 63) == kAcceptBits;
}

std::optional<size_t> first_invalid_utf8_byte(std::string_view bytes) {
  uint64_t state = kAcceptBits;
  size_t start = 0;  // where the sequence being read began
  for (size_t i = 0; i < bytes.size(); ++i) {
    if ((state & 63) == kAcceptBits) start = i;
    state = step(state, static_cast<uint8_t>(bytes[i]));
    if ((state & 63) == kErrorBits) return start;
  }
  if ((state & 63) != kAcceptBits) return bytes.size();
  return std::nullopt;
}

std::optional<InvalidUtf8> find_invalid_utf8(const Column& column) {
  std::string path;
  const int64_t row = Finder().first_bad(column, 0, column.length(), path);
  if (row < 0) return std::nullopt;
  return InvalidUtf8{row, std::move(path)};
}

}  // namespace crv::frame
