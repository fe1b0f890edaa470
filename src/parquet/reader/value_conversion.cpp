// Conversions of decoded physical values to frame values.

#include "parquet/reader/value_conversion.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"

namespace crv::parquet::reader {
namespace {

using schema::ReadConversion;

constexpr int64_t kUnixEpochJulianDay = 2440588;
constexpr int64_t kNanosPerDay = 86400LL * 1000 * 1000 * 1000;

// Replaces data.fixed by n values of OutT computed from n values of InT.
template <class InT, class OutT, class Convert>
void map_fixed(LeafData& data, Convert&& convert) {
  const auto n = static_cast<size_t>(data.num_values);
  frame::BufferBuilder out(static_cast<int64_t>(n * sizeof(OutT)));
  out.resize(static_cast<int64_t>(n * sizeof(OutT)), false);
  const uint8_t* in = data.fixed.data();
  OutT* dst = out.mutable_data_as<OutT>();
  for (size_t i = 0; i < n; ++i) {
    InT v;
    std::memcpy(&v, in + i * sizeof(InT), sizeof(InT));
    dst[i] = convert(v);
  }
  data.fixed = std::move(out);
}

// An INT96 value: nanoseconds into the day (8 bytes), then the Julian day (4 bytes).
struct Int96Bytes {
  uint8_t b[12];
};

struct TimeScale {
  int64_t ticks_per_day;
  int64_t nanos_per_tick;
  const char* name;
};

TimeScale time_scale(frame::TimeUnit unit) {
  switch (unit) {
    case frame::TimeUnit::Second: return {86400, 1000000000, "seconds"};
    case frame::TimeUnit::Milli: return {86400LL * 1000, 1000000, "milliseconds"};
    case frame::TimeUnit::Micro: return {86400LL * 1000 * 1000, 1000, "microseconds"};
    case frame::TimeUnit::Nano: break;
  }
  return {kNanosPerDay, 1, "nanoseconds"};
}

// Ticks since the Unix epoch. A value beyond 64 bits of ticks (Spark writes year 9999, past
// the nanoseconds' 2262) is an error: a wrapped value would be a wrong date read silently.
int64_t int96_to_ticks(const Int96Bytes& v, const TimeScale& scale) {
  uint64_t nanos_of_day;
  uint32_t julian_day;
  std::memcpy(&nanos_of_day, v.b, 8);
  std::memcpy(&julian_day, v.b + 8, 4);
  const int64_t days = static_cast<int64_t>(julian_day) - kUnixEpochJulianDay;
  const uint64_t tick_of_day = nanos_of_day / static_cast<uint64_t>(scale.nanos_per_tick);
  int64_t ticks = 0;
  if (tick_of_day > static_cast<uint64_t>(INT64_MAX) || __builtin_mul_overflow(days, scale.ticks_per_day, &ticks) ||
      __builtin_add_overflow(ticks, static_cast<int64_t>(tick_of_day), &ticks)) {
    throw ParquetError("INT96 timestamp of Julian day " + std::to_string(julian_day) + " and " +
                       std::to_string(nanos_of_day) + " ns into the day is outside the range of 64-bit " + scale.name +
                       " since 1970 (read INT96 in a coarser unit: OpenOptions::int96_unit)");
  }
  return ticks;
}

struct Decimal16 {
  uint8_t bytes[16];
};

Decimal16 sign_extend(int64_t v) {
  Decimal16 d;
  const int64_t high = v < 0 ? -1 : 0;
  std::memcpy(d.bytes, &v, 8);
  std::memcpy(d.bytes + 8, &high, 8);
  return d;
}

// Big-endian two's complement of `size` bytes -> 16 bytes little-endian.
void big_endian_to_decimal(const uint8_t* be, size_t size, uint8_t* out16) {
  const bool negative = size > 0 && (be[0] & 0x80) != 0;
  const uint8_t fill = negative ? 0xFF : 0x00;
  if (size > 16) {
    for (size_t i = 0; i < size - 16; ++i) {
      if (be[i] != fill)
        throw ParquetError("decimal value of " + std::to_string(size) + " bytes does not fit in 128 bits");
    }
    if (((be[size - 16] & 0x80) != 0) != negative) throw ParquetError("decimal value does not fit in 128 bits");
    be += size - 16;
    size = 16;
  }
  std::memset(out16, fill, 16);
  for (size_t i = 0; i < size; ++i) out16[i] = be[size - 1 - i];
}

// Exact decimal text of a big-endian two's complement integer of any length with `scale`.
void append_decimal_text(const uint8_t* be, size_t size, int32_t scale, std::string& text) {
  const bool negative = size > 0 && (be[0] & 0x80) != 0;
  // Magnitude, big-endian bytes.
  std::vector<uint8_t> mag(be, be + size);
  if (negative) {
    for (auto& b : mag) b = static_cast<uint8_t>(~b);
    for (size_t i = mag.size(); i-- > 0;) {
      if (++mag[i] != 0) break;
    }
  }
  std::string digits;
  size_t start = 0;
  while (start < mag.size() && mag[start] == 0) ++start;
  while (start < mag.size()) {
    uint32_t remainder = 0;
    for (size_t i = start; i < mag.size(); ++i) {
      const uint32_t cur = (remainder << 8) | mag[i];
      mag[i] = static_cast<uint8_t>(cur / 10);
      remainder = cur % 10;
    }
    digits.push_back(static_cast<char>('0' + remainder));
    while (start < mag.size() && mag[start] == 0) ++start;
  }
  if (digits.empty()) digits.assign(1, '0');
  while (digits.size() <= static_cast<size_t>(scale)) digits.push_back('0');
  text.clear();
  if (negative) text.push_back('-');
  for (size_t i = digits.size(); i-- > 0;) {
    text.push_back(digits[i]);
    if (scale > 0 && i == static_cast<size_t>(scale)) text.push_back('.');
  }
}

float half_to_float(uint16_t h) {
  const uint32_t sign = (h >> 15) & 1;
  const uint32_t exponent = (h >> 10) & 0x1F;
  const uint32_t mantissa = h & 0x3FF;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  } else if (exponent == 31) {
    magnitude = mantissa == 0 ? INFINITY : NAN;
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), static_cast<int>(exponent) - 25);
  }
  return sign ? -magnitude : magnitude;
}

// Visits the dense byte values of a BYTE_ARRAY (bytes) or FIXED_LEN_BYTE_ARRAY (fixed) leaf.
template <class Visit>
void for_each_bytes_value(const schema::FileLeaf& leaf, const LeafData& data, Visit&& visit) {
  const auto n = static_cast<size_t>(data.num_values);
  if (leaf.physical == Type::BYTE_ARRAY) {
    for (size_t i = 0; i < n; ++i) {
      const encoding::ByteArrayView v = data.bytes.view(i);
      visit(i, v.data, static_cast<size_t>(v.size));
    }
  } else {
    const auto width = static_cast<size_t>(leaf.type_length);
    for (size_t i = 0; i < n; ++i) visit(i, data.fixed.data() + i * width, width);
  }
}

}  // namespace

void convert_dense_values(const schema::FileLeaf& leaf, LeafData& data) {
  switch (leaf.conversion) {
    case ReadConversion::kNone: return;
    case ReadConversion::kInt32ToInt8:
      map_fixed<int32_t, int8_t>(data, [](int32_t v) { return static_cast<int8_t>(v); });
      return;
    case ReadConversion::kInt32ToInt16:
      map_fixed<int32_t, int16_t>(data, [](int32_t v) { return static_cast<int16_t>(v); });
      return;
    case ReadConversion::kInt32ToUInt8:
      map_fixed<int32_t, uint8_t>(data, [](int32_t v) { return static_cast<uint8_t>(v); });
      return;
    case ReadConversion::kInt32ToUInt16:
      map_fixed<int32_t, uint16_t>(data, [](int32_t v) { return static_cast<uint16_t>(v); });
      return;
    case ReadConversion::kInt32ToDecimal:
      map_fixed<int32_t, Decimal16>(data, [](int32_t v) { return sign_extend(v); });
      return;
    case ReadConversion::kInt64ToDecimal:
      map_fixed<int64_t, Decimal16>(data, [](int64_t v) { return sign_extend(v); });
      return;
    case ReadConversion::kInt96ToTimestamp: {
      const TimeScale scale = time_scale(leaf.type->unit());
      map_fixed<Int96Bytes, int64_t>(data, [&scale](const Int96Bytes& v) { return int96_to_ticks(v, scale); });
      return;
    }
    case ReadConversion::kFloat16ToFloat32:
      map_fixed<uint16_t, float>(data, [](uint16_t v) { return half_to_float(v); });
      return;
    case ReadConversion::kBytesToDecimal: {
      const auto n = static_cast<size_t>(data.num_values);
      frame::BufferBuilder out(static_cast<int64_t>(n * 16));
      out.resize(static_cast<int64_t>(n * 16), false);
      uint8_t* dst = out.mutable_data();
      for_each_bytes_value(
          leaf, data, [dst](size_t i, const uint8_t* p, size_t size) { big_endian_to_decimal(p, size, dst + i * 16); });
      data.fixed = std::move(out);
      data.bytes.clear();
      return;
    }
    case ReadConversion::kBytesToDecimalText: {
      encoding::ByteArrayOutput out;
      std::string text;
      for_each_bytes_value(leaf, data, [&](size_t, const uint8_t* p, size_t size) {
        append_decimal_text(p, size, leaf.decimal_scale, text);
        out.append(reinterpret_cast<const uint8_t*>(text.data()), text.size());
      });
      data.bytes = std::move(out);
      data.fixed.reset();
      return;
    }
  }
}

}  // namespace crv::parquet::reader
