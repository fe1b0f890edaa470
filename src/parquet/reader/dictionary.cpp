// Dictionary pages -> dictionary entries.

#include "parquet/reader/dictionary.hpp"

#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/reader/leaf_data.hpp"

namespace crv::parquet::reader {

void load_dictionary(const schema::FileLeaf& leaf, int32_t num_values, Dictionary& dictionary) {
  if (num_values < 0) throw ParquetError("dictionary page has a negative num_values");
  const auto n = static_cast<size_t>(num_values);
  const uint8_t* data = dictionary.page.data();
  const size_t size = dictionary.page.size();
  dictionary.size = n;
  dictionary.present = true;
  if (leaf.physical == Type::BOOLEAN) throw ParquetError("dictionary page on a BOOLEAN column");
  if (leaf.physical == Type::BYTE_ARRAY) {
    if (n > size / 4)
      throw ParquetError("dictionary page of " + std::to_string(size) + " bytes cannot hold " + std::to_string(n) +
                         " values");
    dictionary.views.resize(n);
    encoding::plain_decode_byte_array_views(data, size, n, dictionary.views.data());
    return;
  }
  const size_t width = physical_value_width(leaf);
  if (width > 0 && n > size / width) {
    throw ParquetError("dictionary page of " + std::to_string(size) + " bytes cannot hold " + std::to_string(n) +
                       " values of " + std::to_string(width) + " bytes");
  }
  dictionary.fixed.assign(data, data + n * width);
}

}  // namespace crv::parquet::reader
