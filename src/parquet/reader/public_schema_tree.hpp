#pragma once
// The schema tree as the public API shows it (crv/parquet/metadata.hpp SchemaNode), built
// from the element tree on first use: a scan never asks for it, `crv-io parquet schema` does.

#include <memory>
#include <unordered_map>

#include "crv/parquet/metadata.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

struct PublicSchemaTree {
  SchemaNode root;
  // Each element of the element tree -> its node in `root` (for FileReader::node_of).
  std::unordered_map<const SchemaElement*, const SchemaNode*> by_element;
};

[[nodiscard]] std::unique_ptr<PublicSchemaTree> build_public_schema_tree(const schema::ElementNode& root);

}  // namespace crv::parquet::reader
