#pragma once
// The values section of a data page -> dense leaf values, behind one interface: one decoder
// per encoding (specialised on the physical type when it is made), chosen by the one switch
// of make_value_decoder. A decoder decodes a whole page per call: the virtual call is paid
// per page, never per value.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "parquet/metadata/thrift_types.hpp"
#include "parquet/reader/dictionary.hpp"
#include "parquet/reader/leaf_data.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

class ValueDecoder {
 public:
  virtual ~ValueDecoder() = default;
  // Appends the n (> 0) dense values held in data[0, size) to out.fixed / out.bytes.
  // Throws ParquetError (without location; the column reader adds it) on malformed data.
  virtual void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) = 0;
};

// The decoder of `encoding` for the leaf's physical type; `dictionary` (the column chunk's,
// filled in when its dictionary page is read) for the dictionary encodings. ParquetError
// when the encoding is unknown or not valid for the physical type.
[[nodiscard]] std::unique_ptr<ValueDecoder> make_value_decoder(const schema::FileLeaf& leaf, Encoding encoding,
                                                               const Dictionary& dictionary);

// One decoder per encoding, for one column chunk: made when a page first uses the encoding
// and reused by the chunk's later pages (scratch space included).
class ValueDecoders {
 public:
  ValueDecoders(const schema::FileLeaf& leaf, const Dictionary& dictionary) : leaf_(leaf), dictionary_(dictionary) {}

  // Appends n dense values decoded from data[0, size) with `encoding` to out, counting them
  // in out.num_values. A page without values needs no decoder (its encoding is not checked).
  void decode(Encoding encoding, const uint8_t* data, size_t size, size_t n, LeafData& out) {
    if (n == 0) return;
    decoder(encoding).decode(data, size, n, out);
    out.num_values += static_cast<int64_t>(n);
  }

  ValueDecoder& decoder(Encoding encoding);

 private:
  static constexpr size_t kSlots = 16;  // above every encoding the format defines
  const schema::FileLeaf& leaf_;
  const Dictionary& dictionary_;
  std::array<std::unique_ptr<ValueDecoder>, kSlots> by_encoding_;
};

// Room for n more fixed-width values of `width` bytes at the end of out.fixed; returns
// where they go (for the decoders).
inline uint8_t* grow_fixed(LeafData& out, size_t n, size_t width) {
  const auto bytes = static_cast<int64_t>(n * width);
  const int64_t at = out.fixed.size();
  out.fixed.resize(at + bytes, false);
  return out.fixed.mutable_data() + at;
}

// The decoders, one per encoding (each file decoders/<encoding>_decoder.cpp): nullptr when
// the encoding is not valid for the leaf's physical type.
std::unique_ptr<ValueDecoder> make_plain_decoder(const schema::FileLeaf& leaf);
std::unique_ptr<ValueDecoder> make_dictionary_decoder(const schema::FileLeaf& leaf, const Dictionary& dictionary);
std::unique_ptr<ValueDecoder> make_boolean_rle_decoder(const schema::FileLeaf& leaf);
std::unique_ptr<ValueDecoder> make_delta_binary_packed_decoder(const schema::FileLeaf& leaf);
std::unique_ptr<ValueDecoder> make_delta_length_byte_array_decoder(const schema::FileLeaf& leaf);
std::unique_ptr<ValueDecoder> make_delta_byte_array_decoder(const schema::FileLeaf& leaf);
std::unique_ptr<ValueDecoder> make_byte_stream_split_decoder(const schema::FileLeaf& leaf);

}  // namespace crv::parquet::reader
