#pragma once
// Definition and repetition levels of a data page: RLE hybrid with a 4-byte length prefix
// or deprecated BIT_PACKED (data page v1), or unprefixed RLE hybrid (data page v2).

#include <cstddef>
#include <cstdint>

#include "crv/parquet/metadata.hpp"

namespace crv::parquet::reader {

// Decodes n levels of a v1 page from data[0, size) into out; returns the bytes consumed.
// Throws ParquetError (without location) on truncated data, an unsupported encoding or a
// level above max_level.
size_t decode_levels_v1(Encoding encoding, int16_t max_level, const uint8_t* data, size_t size, size_t n, int16_t* out);

// Decodes n levels of a v2 page stored in exactly data[0, size).
void decode_levels_v2(int16_t max_level, const uint8_t* data, size_t size, size_t n, int16_t* out);

}  // namespace crv::parquet::reader
