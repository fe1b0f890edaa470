#pragma once
// Thrift compact protocol encoding of every struct of metadata.hpp (private to crv_parquet;
// the public entry points are the serialize_* / deserialize_* functions of metadata.hpp).
// The structs are described once in thrift_descriptions.hpp; the generic decoder and
// encoder of parquet/thrift/ read and write any described struct or union.
//
// write(w, value) writes the value as a complete struct (begin_struct .. end_struct).
// read(r, value) reads one complete struct into a default-constructed value, skipping
// unknown fields and throwing ParquetError on missing required fields. A LogicalType or
// ColumnOrder with no member set (or only members unknown to this version) reads as
// Unknown*{0} / Unknown*{id}.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/metadata/thrift_descriptions.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/thrift/compact_reader.hpp"
#include "parquet/thrift/compact_writer.hpp"
#include "parquet/thrift/read_described.hpp"
#include "parquet/thrift/write_described.hpp"

namespace crv::parquet::metadata {

using thrift::CompactReader;
using thrift::CompactWriter;

template <thrift::Described T>
void write(CompactWriter& w, const T& value) {
  thrift::write_described(w, value);
}

template <thrift::Described T>
void read(CompactReader& r, T& value) {
  thrift::read_described(r, value);
}

template <class T>
void serialize_struct(const T& value, std::vector<uint8_t>& out) {
  CompactWriter w(out);
  write(w, value);
}

template <class T>
T deserialize_struct(const uint8_t* data, size_t size, size_t* consumed = nullptr) {
  CompactReader r(data, size);
  T value{};
  read(r, value);
  if (consumed != nullptr) *consumed = r.position();
  return value;
}

}  // namespace crv::parquet::metadata
