#include "parquet/encoding/dictionary_decoder.hpp"

#include <cstring>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/plain.hpp"

namespace crv::parquet::encoding {

namespace {
[[noreturn]] void throw_bad_index(uint32_t index, size_t dictionary_size) {
  throw ParquetError("dictionary index " + std::to_string(index) + " out of range for a dictionary of " +
                     std::to_string(dictionary_size) + " entries");
}
}  // namespace

template <typename T>
void dictionary_gather(const T* dictionary, size_t dictionary_size, const uint32_t* indices, size_t n, T* out) {
  for (size_t i = 0; i < n; ++i) {
    const uint32_t index = indices[i];
    if (index >= dictionary_size) throw_bad_index(index, dictionary_size);
    out[i] = dictionary[index];
  }
}

void dictionary_gather_byte_arrays(const ByteArrayView* dictionary, size_t dictionary_size, const uint32_t* indices,
                                   size_t n, ByteArrayOutput& out) {
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t index = indices[i];
    if (index >= dictionary_size) throw_bad_index(index, dictionary_size);
    total += dictionary[index].size;
  }
  out.reserve_more(n, total);
  for (size_t i = 0; i < n; ++i) {
    const ByteArrayView& v = dictionary[indices[i]];
    out.append(v.data, v.size);
  }
}

void dictionary_gather_fixed(const uint8_t* dictionary, size_t dictionary_size, size_t width, const uint32_t* indices,
                             size_t n, uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    const uint32_t index = indices[i];
    if (index >= dictionary_size) throw_bad_index(index, dictionary_size);
    std::memcpy(out + i * width, dictionary + static_cast<size_t>(index) * width, width);
  }
}

template void dictionary_gather<int32_t>(const int32_t*, size_t, const uint32_t*, size_t, int32_t*);
template void dictionary_gather<int64_t>(const int64_t*, size_t, const uint32_t*, size_t, int64_t*);
template void dictionary_gather<float>(const float*, size_t, const uint32_t*, size_t, float*);
template void dictionary_gather<double>(const double*, size_t, const uint32_t*, size_t, double*);
template void dictionary_gather<Int96>(const Int96*, size_t, const uint32_t*, size_t, Int96*);

}  // namespace crv::parquet::encoding
