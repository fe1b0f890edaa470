#pragma once
// The fast path of record assembly for flat columns: a top-level leaf without repetition,
// at most one definition level (required or optional), whose physical values are the frame
// values (no conversion), of a fixed-width type or string/binary. Pages are decoded
// straight into the frame column's buffers (validity bits, values or int32 offsets, string
// bytes), across any number of column chunks, so that reading many row groups (of many
// files) into one column costs no intermediate copy and no concatenation.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crv/frame/buffer.hpp"
#include "crv/frame/column.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"
#include "parquet/reader/dictionary.hpp"
#include "parquet/reader/leaf_data.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// The values section of one data page.
struct PageValues {
  Encoding encoding = Encoding::PLAIN;
  const uint8_t* data = nullptr;
  size_t size = 0;
  size_t present = 0;  // values it holds (the page's non-null slots)
};

class FlatColumnBuilder {
 public:
  // Whether `node` (a top-level column) can be read through this builder.
  [[nodiscard]] static bool supports(const schema::AssemblyNode& node, const schema::FileLeaf& leaf);

  // `type`: the frame type of the column (node.field.type).
  explicit FlatColumnBuilder(frame::TypePtr type);

  // Room for `rows` more rows; string bytes then grow at once to the size the rows read so
  // far project for all of them.
  void reserve(int64_t rows);

  // Called once per column chunk, after its dictionary page (if any) was read: prepares the
  // padded copy of a BYTE_ARRAY dictionary that the string gather reads from.
  void set_dictionary(const Dictionary& dictionary);

  // Appends the `entries` slots of one data page: `def` (nullptr when the leaf is required)
  // holds one definition level (0 or 1) per slot, `values` its non-null values, decoded by
  // `decoders` (string dictionary pages are gathered here, straight into the column's
  // bytes, from the copy set_dictionary made). Throws ParquetError (without location) on
  // malformed data.
  void append_page(const int16_t* def, size_t entries, const PageValues& values, ValueDecoders& decoders,
                   const Dictionary& dictionary);

  [[nodiscard]] int64_t length() const { return length_; }

  // The column of every row appended so far; the builder is left empty.
  frame::Column finish();

 private:
  void reserve_data(int64_t more, int64_t rows_after);
  void append_validity(const int16_t* def, size_t entries);
  void append_fixed(const int16_t* def, size_t entries, const PageValues& values, ValueDecoders& decoders);
  void append_bytes(const int16_t* def, size_t entries, const PageValues& values, ValueDecoders& decoders,
                    const Dictionary& dictionary);
  void gather_dictionary_bytes(const uint32_t* indices, const int16_t* def, size_t entries, size_t present);
  void copy_dense_bytes(const encoding::ByteArrayOutput& dense, const int16_t* def, size_t entries);

  frame::TypePtr type_;
  bool is_bytes_ = false;
  size_t width_ = 0;  // bytes per value (fixed-width types)
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  int64_t expected_rows_ = 0;
  // Validity bits, materialised from the first null on (earlier slots are set then).
  frame::BufferBuilder validity_;
  bool has_validity_ = false;
  frame::BufferBuilder values_;  // fixed-width values, or int32 offsets (length_ + 1)
  frame::BufferBuilder data_;    // string bytes
  // The dictionary's entries back to back (with 16 bytes of padding) and their offsets.
  std::vector<uint8_t> dictionary_bytes_;
  std::vector<uint32_t> dictionary_offsets_;
  uint32_t dictionary_longest_ = 0;  // bytes of the longest entry
  // Scratch reused across pages.
  std::vector<uint32_t> indices_;
  LeafData dense_;
};

}  // namespace crv::parquet::reader
