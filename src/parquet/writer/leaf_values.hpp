#pragma once
// The non-null values of one leaf column chunk, gathered from the frame's buffers into one
// contiguous vector of the leaf's physical type (converted as the schema mapping says:
// widened integers, seconds scaled to milliseconds, decimals narrowed or big-endian). The
// vectors are kept between row groups, so gathering allocates nothing per value.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/encoding/byte_array.hpp"
#include "parquet/schema/frame_to_parquet.hpp"
#include "parquet/writer/level_shredder.hpp"

namespace crv::parquet::writer {

class LeafValues {
 public:
  // Replaces the content with the values of `runs`, converted for `leaf`.
  void gather(const schema::LeafColumn& leaf, const std::vector<ValueRun>& runs);

  [[nodiscard]] size_t size() const noexcept { return size_; }
  // Bytes held by the vectors (their capacity).
  [[nodiscard]] size_t retained_bytes() const noexcept {
    return booleans.capacity() + int32s.capacity() * sizeof(int32_t) + int64s.capacity() * sizeof(int64_t) +
           floats.capacity() * sizeof(float) + doubles.capacity() * sizeof(double) +
           byte_arrays.capacity() * sizeof(encoding::ByteArrayView) + fixed.capacity();
  }

  std::vector<uint8_t> booleans;  // BOOLEAN: one 0/1 byte per value
  std::vector<int32_t> int32s;
  std::vector<int64_t> int64s;
  std::vector<float> floats;
  std::vector<double> doubles;
  std::vector<encoding::ByteArrayView> byte_arrays;  // views into the frame's data buffers
  std::vector<uint8_t> fixed;                        // FIXED_LEN_BYTE_ARRAY: type_length bytes per value

  // The vector of values of type T (int32_t, int64_t, float, double, ByteArrayView).
  template <typename T>
  [[nodiscard]] const std::vector<T>& typed() const noexcept;

 private:
  size_t size_ = 0;
};

template <>
inline const std::vector<int32_t>& LeafValues::typed<int32_t>() const noexcept {
  return int32s;
}
template <>
inline const std::vector<int64_t>& LeafValues::typed<int64_t>() const noexcept {
  return int64s;
}
template <>
inline const std::vector<float>& LeafValues::typed<float>() const noexcept {
  return floats;
}
template <>
inline const std::vector<double>& LeafValues::typed<double>() const noexcept {
  return doubles;
}
template <>
inline const std::vector<encoding::ByteArrayView>& LeafValues::typed<encoding::ByteArrayView>() const noexcept {
  return byte_arrays;
}

}  // namespace crv::parquet::writer
