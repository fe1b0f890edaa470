#include "parquet/reader/public_schema_tree.hpp"

namespace crv::parquet::reader {
namespace {

SchemaNode to_node(const schema::ElementNode& from) {
  const SchemaElement& e = from.element;
  SchemaNode node{.name = e.name,
                  .repetition = e.repetition_type,
                  .physical_type = e.type,
                  .type_length = e.type_length,
                  .converted_type = e.converted_type,
                  .scale = e.scale,
                  .precision = e.precision,
                  .field_id = e.field_id,
                  .logical_type = e.logicalType,
                  .children = {}};
  node.children.reserve(from.children.size());
  for (const schema::ElementNode& child : from.children) node.children.push_back(to_node(child));
  return node;
}

// After the tree is complete, so that no vector moves a node the map points at.
void index(const schema::ElementNode& from, const SchemaNode& to, PublicSchemaTree& tree) {
  tree.by_element.emplace(&from.element, &to);
  for (size_t i = 0; i < from.children.size(); ++i) index(from.children[i], to.children[i], tree);
}

}  // namespace

std::unique_ptr<PublicSchemaTree> build_public_schema_tree(const schema::ElementNode& root) {
  auto tree = std::make_unique<PublicSchemaTree>();
  tree->root = to_node(root);
  index(root, tree->root, *tree);
  return tree;
}

}  // namespace crv::parquet::reader
