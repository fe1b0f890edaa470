#include "parquet/encoding/delta_byte_array.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "crv/parquet/error.hpp"

namespace crv::parquet::encoding {

namespace {

// Splits each value into the prefix shared with the previous value and the rest, then
// writes prefix lengths followed by the suffixes.
template <typename ValueAt>
void encode_front_coded(size_t n, ValueAt&& value_at, std::vector<uint8_t>& out) {
  std::vector<int32_t> prefixes(n);
  std::vector<ByteArrayView> suffixes(n);
  ByteArrayView previous{};
  for (size_t i = 0; i < n; ++i) {
    const ByteArrayView v = value_at(i);
    if (v.size > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
      throw ParquetError("DELTA_BYTE_ARRAY: value of " + std::to_string(v.size) + " bytes exceeds INT32_MAX");
    }
    const uint32_t limit = std::min(previous.size, v.size);
    uint32_t prefix = 0;
    while (prefix < limit && previous.data[prefix] == v.data[prefix]) ++prefix;
    prefixes[i] = static_cast<int32_t>(prefix);
    suffixes[i] = ByteArrayView{v.data + prefix, v.size - prefix};
    previous = v;
  }
  delta_binary_packed_encode(prefixes.data(), n, out);
  delta_length_byte_array_encode(suffixes.data(), n, out);
}

}  // namespace

void delta_byte_array_encode(const ByteArrayView* values, size_t n, std::vector<uint8_t>& out) {
  encode_front_coded(
      n, [values](size_t i) { return values[i]; }, out);
}

void delta_byte_array_encode(const int32_t* offsets, const uint8_t* data, size_t n, std::vector<uint8_t>& out) {
  encode_front_coded(
      n,
      [offsets, data](size_t i) {
        return ByteArrayView{data + offsets[i], static_cast<uint32_t>(offsets[i + 1] - offsets[i])};
      },
      out);
}

void delta_byte_array_encode_fixed(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out) {
  if (width > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError("DELTA_BYTE_ARRAY: fixed width " + std::to_string(width) + " exceeds INT32_MAX");
  }
  encode_front_coded(
      n,
      [values, width](size_t i) {
        return ByteArrayView{values + i * width, static_cast<uint32_t>(width)};
      },
      out);
}

void DeltaByteArrayDecoder::reset(const uint8_t* data, size_t size) {
  prefixes_.reset(data, size);
  DeltaBinaryPackedDecoder<int32_t> walker = prefixes_;
  const size_t suffix_start = walker.skip_to_end();
  suffixes_.reset(data + suffix_start, size - suffix_start);
  if (suffixes_.total_values() != prefixes_.total_values()) {
    throw ParquetError("DELTA_BYTE_ARRAY: " + std::to_string(prefixes_.total_values()) + " prefix lengths but " +
                       std::to_string(suffixes_.total_values()) + " suffixes");
  }
  last_value_.clear();
}

template <typename Sink>
size_t DeltaByteArrayDecoder::decode(size_t n, Sink&& sink) {
  size_t done = 0;
  while (done < n) {
    const size_t chunk = std::min(n - done, std::size(prefix_buffer_));
    const size_t got = prefixes_.get_batch(prefix_buffer_, chunk);
    if (suffixes_.get_batch_views(suffix_buffer_, got) != got) {
      throw ParquetError("DELTA_BYTE_ARRAY: suffixes end before value " + std::to_string(done));
    }
    for (size_t i = 0; i < got; ++i) {
      const int32_t prefix = prefix_buffer_[i];
      if (prefix < 0 || static_cast<size_t>(prefix) > last_value_.size()) {
        throw ParquetError("DELTA_BYTE_ARRAY: prefix length " + std::to_string(prefix) +
                           " is longer than the previous value (" + std::to_string(last_value_.size()) + " bytes)");
      }
      const ByteArrayView& suffix = suffix_buffer_[i];
      last_value_.resize(static_cast<size_t>(prefix));
      last_value_.insert(last_value_.end(), suffix.data, suffix.data + suffix.size);
      sink(done + i, last_value_.data(), last_value_.size());
    }
    done += got;
    if (got < chunk) break;
  }
  return done;
}

size_t DeltaByteArrayDecoder::get_batch(size_t n, ByteArrayOutput& out) {
  return decode(n, [&out](size_t, const uint8_t* data, size_t size) { out.append(data, size); });
}

size_t DeltaByteArrayDecoder::get_batch_fixed(uint8_t* out, size_t width, size_t n) {
  return decode(n, [out, width](size_t i, const uint8_t* data, size_t size) {
    if (size != width) {
      throw ParquetError("DELTA_BYTE_ARRAY: value of " + std::to_string(size) +
                         " bytes in a FIXED_LEN_BYTE_ARRAY column of width " + std::to_string(width));
    }
    if (width != 0) std::memcpy(out + i * width, data, width);
  });
}

}  // namespace crv::parquet::encoding
