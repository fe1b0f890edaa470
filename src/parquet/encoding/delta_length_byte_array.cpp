#include "parquet/encoding/delta_length_byte_array.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "crv/parquet/error.hpp"

namespace crv::parquet::encoding {

namespace {

int32_t checked_length(size_t size) {
  if (size > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError("DELTA_LENGTH_BYTE_ARRAY: value of " + std::to_string(size) + " bytes exceeds INT32_MAX");
  }
  return static_cast<int32_t>(size);
}

}  // namespace

void delta_length_byte_array_encode(const ByteArrayView* values, size_t n, std::vector<uint8_t>& out) {
  std::vector<int32_t> lengths(n);
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    lengths[i] = checked_length(values[i].size);
    total += values[i].size;
  }
  delta_binary_packed_encode(lengths.data(), n, out);
  size_t pos = out.size();
  out.resize(pos + total);
  for (size_t i = 0; i < n; ++i) {
    if (values[i].size != 0) std::memcpy(out.data() + pos, values[i].data, values[i].size);
    pos += values[i].size;
  }
}

void delta_length_byte_array_encode(const int32_t* offsets, const uint8_t* data, size_t n, std::vector<uint8_t>& out) {
  std::vector<int32_t> lengths(n);
  for (size_t i = 0; i < n; ++i) lengths[i] = offsets[i + 1] - offsets[i];
  delta_binary_packed_encode(lengths.data(), n, out);
  if (n == 0) return;
  const auto total = static_cast<size_t>(offsets[n] - offsets[0]);
  out.insert(out.end(), data + offsets[0], data + offsets[0] + total);
}

void DeltaLengthByteArrayDecoder::reset(const uint8_t* data, size_t size) {
  data_ = data;
  size_ = size;
  lengths_.reset(data, size);
  DeltaBinaryPackedDecoder<int32_t> walker = lengths_;
  bytes_pos_ = walker.skip_to_end();
}

size_t DeltaLengthByteArrayDecoder::get_batch_views(ByteArrayView* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    const size_t chunk = std::min(n - done, std::size(length_buffer_));
    const size_t got = lengths_.get_batch(length_buffer_, chunk);
    for (size_t i = 0; i < got; ++i) {
      const int32_t length = length_buffer_[i];
      if (length < 0 || static_cast<size_t>(length) > size_ - bytes_pos_) {
        throw ParquetError("DELTA_LENGTH_BYTE_ARRAY: value length " + std::to_string(length) + " at byte " +
                           std::to_string(bytes_pos_) + " exceeds the " + std::to_string(size_ - bytes_pos_) +
                           " bytes left");
      }
      out[done + i] = ByteArrayView{data_ + bytes_pos_, static_cast<uint32_t>(length)};
      bytes_pos_ += static_cast<size_t>(length);
    }
    done += got;
    if (got < chunk) break;
  }
  return done;
}

size_t DeltaLengthByteArrayDecoder::get_batch(size_t n, ByteArrayOutput& out) {
  ByteArrayView views[256];
  size_t done = 0;
  while (done < n) {
    const size_t chunk = std::min(n - done, std::size(views));
    const size_t got = get_batch_views(views, chunk);
    size_t total = 0;
    for (size_t i = 0; i < got; ++i) total += views[i].size;
    out.reserve_more(got, total);
    for (size_t i = 0; i < got; ++i) out.append(views[i].data, views[i].size);
    done += got;
    if (got < chunk) break;
  }
  return done;
}

}  // namespace crv::parquet::encoding
