#pragma once
// Encoder of the RLE / bit-packed hybrid (Parquet encoding RLE = 3), used for definition
// and repetition levels, dictionary indices and RLE booleans. Like parquet-mr and Arrow it
// buffers values in groups of 8, emits a repeated run once a value repeats at least 8 times
// and bit-packs everything else in literal runs of up to 63 groups of 8.
//
//   rle-bit-packed-hybrid: <length> <encoded-data>   (length: 4-byte LE, only in some contexts)
//   run  := bit-packed-run | rle-run
//   bit-packed-run := <uleb128(groups << 1 | 1)> <groups * bit_width bytes>
//   rle-run        := <uleb128(count << 1)> <value in ceil(bit_width / 8) bytes LE>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crv::parquet::encoding {

// Upper bound of the encoded size of n values of bit_width bits.
[[nodiscard]] size_t rle_bit_packed_max_size(int bit_width, size_t n) noexcept;

// Whether an RLE-hybrid stream is preceded by its byte length as a 4-byte little-endian
// integer: data page v1 levels and RLE-encoded booleans are; data page v2 levels and
// dictionary indices are not.
enum class RleLengthPrefix { kNone, kFourBytes };

// Encodes n values (bit_width 0..64, else ParquetError) and appends them to `out`,
// optionally length-prefixed. As parquet-mr and Arrow do, values are looked at in groups of
// 8: a group of one value starts a repeated run that lasts as long as the value does, other
// groups are bit-packed (a word at a time) into literal runs of up to 63 groups.
template <typename T>
void encode_rle_bit_packed(const T* values, size_t n, int bit_width, RleLengthPrefix prefix, std::vector<uint8_t>& out);

// Bit width of the indices into a dictionary of num_entries entries: the width of
// num_entries - 1, but at least 1 for a non-empty dictionary (as Arrow writes, since some
// readers reject width 0), and 0 for an empty one.
[[nodiscard]] int dictionary_index_bit_width(size_t num_entries) noexcept;

// Encodes dictionary indices for a data page: one byte holding
// dictionary_index_bit_width(num_dictionary_entries), then the unprefixed RLE hybrid.
void encode_dictionary_indices(const uint32_t* indices, size_t n, size_t num_dictionary_entries,
                               std::vector<uint8_t>& out);

}  // namespace crv::parquet::encoding
