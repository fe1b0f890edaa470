#include "parquet/writer/leaf_values.hpp"

#include <cstring>

#include "crv/frame/bit_util.hpp"

namespace crv::parquet::writer {

using schema::ValueConversion;

namespace {

size_t total_values(const std::vector<ValueRun>& runs) {
  size_t n = 0;
  for (const auto& r : runs) n += static_cast<size_t>(r.end - r.begin);
  return n;
}

// out[i] = Dst(src[i]) * scale over every run, Src read from the values buffer.
template <typename Src, typename Dst>
void gather_cast(const std::vector<ValueRun>& runs, std::vector<Dst>& out, Dst scale = Dst{1}) {
  Dst* dst = out.data();
  for (const auto& r : runs) {
    const Src* src = r.array->values->data_as<Src>();
    for (int64_t p = r.begin; p < r.end; ++p) *dst++ = static_cast<Dst>(src[p]) * scale;
  }
}

template <typename T>
void gather_copy(const std::vector<ValueRun>& runs, std::vector<T>& out) {
  T* dst = out.data();
  for (const auto& r : runs) {
    const auto n = static_cast<size_t>(r.end - r.begin);
    std::memcpy(dst, r.array->values->data_as<T>() + r.begin, n * sizeof(T));
    dst += n;
  }
}

}  // namespace

void LeafValues::gather(const schema::LeafColumn& leaf, const std::vector<ValueRun>& runs) {
  size_ = total_values(runs);
  switch (leaf.conversion) {
    case ValueConversion::Boolean: {
      booleans.resize(size_);
      uint8_t* dst = booleans.data();
      for (const auto& r : runs) {
        const uint8_t* bits = r.array->values->data();
        for (int64_t p = r.begin; p < r.end; ++p) *dst++ = frame::bits::get_bit(bits, p) ? 1 : 0;
      }
      break;
    }
    case ValueConversion::Int8ToInt32:
      int32s.resize(size_);
      gather_cast<int8_t, int32_t>(runs, int32s);
      break;
    case ValueConversion::Int16ToInt32:
      int32s.resize(size_);
      gather_cast<int16_t, int32_t>(runs, int32s);
      break;
    case ValueConversion::UInt8ToInt32:
      int32s.resize(size_);
      gather_cast<uint8_t, int32_t>(runs, int32s);
      break;
    case ValueConversion::UInt16ToInt32:
      int32s.resize(size_);
      gather_cast<uint16_t, int32_t>(runs, int32s);
      break;
    case ValueConversion::Int32:
    case ValueConversion::UInt32ToInt32:
      int32s.resize(size_);
      gather_copy<int32_t>(runs, int32s);
      break;
    case ValueConversion::Time32SecondsToMillis:
      int32s.resize(size_);
      gather_cast<int32_t, int32_t>(runs, int32s, 1000);
      break;
    case ValueConversion::Int64:
      int64s.resize(size_);
      gather_copy<int64_t>(runs, int64s);
      break;
    case ValueConversion::TimestampSecondsToMillis:
      int64s.resize(size_);
      gather_cast<int64_t, int64_t>(runs, int64s, 1000);
      break;
    case ValueConversion::Float:
      floats.resize(size_);
      gather_copy<float>(runs, floats);
      break;
    case ValueConversion::Double:
      doubles.resize(size_);
      gather_copy<double>(runs, doubles);
      break;
    case ValueConversion::ByteArray: {
      byte_arrays.resize(size_);
      encoding::ByteArrayView* dst = byte_arrays.data();
      for (const auto& r : runs) {
        const int32_t* offsets = r.array->values->data_as<int32_t>();
        const uint8_t* data = r.array->data ? r.array->data->data() : nullptr;
        for (int64_t p = r.begin; p < r.end; ++p) {
          *dst++ = {data == nullptr ? nullptr : data + offsets[p], static_cast<uint32_t>(offsets[p + 1] - offsets[p])};
        }
      }
      break;
    }
    case ValueConversion::FixedLenBytes: {
      const auto width = static_cast<size_t>(leaf.type_length);
      fixed.resize(size_ * width);
      uint8_t* dst = fixed.data();
      for (const auto& r : runs) {
        const auto n = static_cast<size_t>(r.end - r.begin) * width;
        if (n != 0) std::memcpy(dst, r.array->values->data() + static_cast<size_t>(r.begin) * width, n);
        dst += n;
      }
      break;
    }
    case ValueConversion::DecimalToInt32: {
      int32s.resize(size_);
      int32_t* dst = int32s.data();
      for (const auto& r : runs) {
        const uint8_t* src = r.array->values->data();
        for (int64_t p = r.begin; p < r.end; ++p) std::memcpy(dst++, src + p * 16, sizeof(int32_t));
      }
      break;
    }
    case ValueConversion::DecimalToInt64: {
      int64s.resize(size_);
      int64_t* dst = int64s.data();
      for (const auto& r : runs) {
        const uint8_t* src = r.array->values->data();
        for (int64_t p = r.begin; p < r.end; ++p) std::memcpy(dst++, src + p * 16, sizeof(int64_t));
      }
      break;
    }
    case ValueConversion::DecimalToFixedLen: {
      const auto width = static_cast<size_t>(leaf.type_length);
      fixed.resize(size_ * width);
      uint8_t* dst = fixed.data();
      for (const auto& r : runs) {
        const uint8_t* src = r.array->values->data();
        for (int64_t p = r.begin; p < r.end; ++p) {
          const uint8_t* le = src + p * 16;
          for (size_t j = 0; j < width; ++j) dst[j] = le[width - 1 - j];
          dst += width;
        }
      }
      break;
    }
  }
}

}  // namespace crv::parquet::writer
