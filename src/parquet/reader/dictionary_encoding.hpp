#pragma once
// Whether a page's values are indices into the column chunk's dictionary page.

#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet::reader {

inline bool is_dictionary_encoding(Encoding e) {
  return e == Encoding::PLAIN_DICTIONARY || e == Encoding::RLE_DICTIONARY;
}

}  // namespace crv::parquet::reader
