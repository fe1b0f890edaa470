// The choice of a page's value decoder: one switch on the encoding.

#include "parquet/reader/decoders/value_decoder.hpp"

#include <string>

#include "crv/parquet/error.hpp"

namespace crv::parquet::reader {
namespace {

[[noreturn]] void invalid_encoding(const schema::FileLeaf& leaf, Encoding encoding) {
  throw ParquetError("encoding " + to_string(encoding) + " is not valid for physical type " + to_string(leaf.physical));
}

}  // namespace

std::unique_ptr<ValueDecoder> make_value_decoder(const schema::FileLeaf& leaf, Encoding encoding,
                                                 const Dictionary& dictionary) {
  std::unique_ptr<ValueDecoder> decoder;
  switch (encoding) {
    case Encoding::PLAIN: decoder = make_plain_decoder(leaf); break;
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY: decoder = make_dictionary_decoder(leaf, dictionary); break;
    case Encoding::RLE: decoder = make_boolean_rle_decoder(leaf); break;
    case Encoding::DELTA_BINARY_PACKED: decoder = make_delta_binary_packed_decoder(leaf); break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY: decoder = make_delta_length_byte_array_decoder(leaf); break;
    case Encoding::DELTA_BYTE_ARRAY: decoder = make_delta_byte_array_decoder(leaf); break;
    case Encoding::BYTE_STREAM_SPLIT: decoder = make_byte_stream_split_decoder(leaf); break;
    default: break;  // BIT_PACKED (levels only) and unknown encodings
  }
  if (!decoder) invalid_encoding(leaf, encoding);
  return decoder;
}

ValueDecoder& ValueDecoders::decoder(Encoding encoding) {
  const auto slot = static_cast<size_t>(encoding);
  if (slot >= kSlots) invalid_encoding(leaf_, encoding);
  std::unique_ptr<ValueDecoder>& decoder = by_encoding_[slot];
  if (!decoder) decoder = make_value_decoder(leaf_, encoding, dictionary_);
  return *decoder;
}

}  // namespace crv::parquet::reader
