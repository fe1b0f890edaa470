#include "parquet/encoding/byte_array.hpp"

#include <cstring>
#include <limits>
#include <string>

#include "crv/parquet/error.hpp"

namespace crv::parquet::encoding {

void ByteArrayOutput::reserve_more(size_t values, size_t bytes_total) {
  offsets.reserve(offsets.size() + values);
  bytes.reserve(bytes.size() + bytes_total);
}

void ByteArrayOutput::append(const uint8_t* data, size_t size) {
  const size_t end = bytes.size() + size;
  if (end > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError("byte array values exceed 2 GiB in one batch (" + std::to_string(end) +
                       " bytes); 32-bit offsets overflow");
  }
  bytes.resize(end);
  if (size != 0) std::memcpy(bytes.data() + end - size, data, size);
  offsets.push_back(static_cast<int32_t>(end));
}

}  // namespace crv::parquet::encoding
