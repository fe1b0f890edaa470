// The Parquet schema tree and its mapping to frame fields and assembly nodes.

#include "parquet/schema/parquet_to_frame.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "crv/frame/error.hpp"
#include "crv/parquet/error.hpp"
#include "parquet/schema/parquet_to_frame_leaf.hpp"

namespace crv::parquet::schema {
namespace {

using Kind = AssemblyNode::Kind;

class TreeBuilder {
 public:
  TreeBuilder(const std::vector<SchemaElement>& elements, const std::string& file) : elements_(elements), file_(file) {}

  ElementNode build() {
    if (elements_.empty()) fail("the schema has no elements");
    const SchemaElement& root = elements_[0];
    if (!root.num_children || root.type) fail("the schema root '" + root.name + "' is not a group");
    ElementNode tree = node(0);
    if (next_ != elements_.size()) {
      fail("the schema lists " + std::to_string(elements_.size()) + " elements but the tree holds " +
           std::to_string(next_));
    }
    return tree;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw ParquetError::at({.file = file_}, what); }

  ElementNode node(int depth) {
    if (depth > kMaxSchemaDepth) {
      fail("column '" + column_ + "' is nested deeper than " + std::to_string(kMaxSchemaDepth) +
           " schema levels, more than a column within the limit of " + std::to_string(frame::kMaxNestingDepth) +
           " struct and list levels can be");
    }
    if (next_ >= elements_.size()) fail("the schema ends inside a group (num_children too large)");
    if (depth == 1) column_ = elements_[next_].name;
    ElementNode out{elements_[next_++], {}};
    const SchemaElement& e = out.element;
    if (e.num_children && *e.num_children > 0) {
      if (e.type && depth > 0) fail("schema element '" + e.name + "' has both children and a physical type");
      const auto children = static_cast<size_t>(*e.num_children);
      if (children > elements_.size() - next_) {
        fail("schema element '" + e.name + "' claims " + std::to_string(children) + " children but only " +
             std::to_string(elements_.size() - next_) + " elements follow");
      }
      out.children.reserve(children);
      for (size_t i = 0; i < children; ++i) out.children.push_back(node(depth + 1));
    } else if (e.num_children && *e.num_children < 0) {
      fail("schema element '" + e.name + "' has a negative num_children");
    } else if (!e.type && depth > 0) {
      fail("schema element '" + e.name + "' is a group without children");
    }
    return out;
  }

  const std::vector<SchemaElement>& elements_;
  std::string column_;  // the top-level column being built, for the messages
  const std::string& file_;
  size_t next_ = 0;
};

bool is_group(const ElementNode& n) { return !n.children.empty(); }

FieldRepetitionType repetition(const ElementNode& n) {
  return n.element.repetition_type.value_or(FieldRepetitionType::REQUIRED);
}

bool has_list_annotation(const SchemaElement& e) {
  if (e.logicalType && std::holds_alternative<ListType>(*e.logicalType)) return true;
  return e.converted_type == ConvertedType::LIST;
}

bool has_map_annotation(const SchemaElement& e) {
  if (e.logicalType && std::holds_alternative<MapType>(*e.logicalType)) return true;
  return e.converted_type == ConvertedType::MAP || e.converted_type == ConvertedType::MAP_KEY_VALUE;
}

class AssemblyBuilder {
 public:
  AssemblyBuilder(FileSchema& out, const std::string& file, const OpenOptions& options)
      : out_(out), file_(file), options_(options) {}

  // A node of the tree, reached with the levels of its parent: `slot` is the definition
  // level from which the node has a slot (inherited through structs, whose children have a
  // slot wherever the struct has one), `def` the parent's level when non-null.
  AssemblyNode visit(const ElementNode& n, const std::vector<std::string>& parent_path, int16_t slot, int16_t def,
                     int16_t rep) {
    std::vector<std::string> path = parent_path;
    path.push_back(n.element.name);
    const FieldRepetitionType r = repetition(n);
    if (r == FieldRepetitionType::REPEATED) {
      // A repeated field outside a LIST/MAP group: a non-null list of required items.
      AssemblyNode list = list_node(n.element.name, slot, def, rep, false);
      list.element = &n.element;
      AssemblyNode item = required_item(n, path, static_cast<int16_t>(def + 1), static_cast<int16_t>(rep + 1));
      return finish_list(std::move(list), std::move(item));
    }
    if (r != FieldRepetitionType::REQUIRED && r != FieldRepetitionType::OPTIONAL) {
      fail(path, "unsupported repetition type " + to_string(r));
    }
    const bool optional = r == FieldRepetitionType::OPTIONAL;
    const auto valid = static_cast<int16_t>(def + (optional ? 1 : 0));
    if (is_group(n) && (has_list_annotation(n.element) || has_map_annotation(n.element))) {
      return annotated_list(n, path, slot, valid, rep, has_map_annotation(n.element) && !has_list_annotation(n.element),
                            optional);
    }
    return plain_node(n, path, slot, valid, rep, optional);
  }

 private:
  [[noreturn]] void fail(const std::vector<std::string>& path, const std::string& what) const {
    throw ParquetError::at({.file = file_, .column_path = dotted(path)}, what);
  }

  static std::string dotted(const std::vector<std::string>& path) {
    std::string s;
    for (const auto& p : path) s += (s.empty() ? "" : ".") + p;
    return s;
  }

  // A struct or a leaf with the given levels (not repeated itself).
  AssemblyNode plain_node(const ElementNode& n, const std::vector<std::string>& path, int16_t def_slot,
                          int16_t def_valid, int16_t rep, bool nullable) {
    AssemblyNode node;
    node.element = &n.element;
    node.def_slot = def_slot;
    node.def_valid = def_valid;
    node.rep = rep;
    node.first_leaf = static_cast<int>(out_.leaves.size());
    if (!is_group(n)) {
      node.kind = Kind::kLeaf;
      node.leaf = add_leaf(n, path, def_valid, rep);
      node.field = {n.element.name, out_.leaves.back().type, nullable};
    } else {
      node.kind = Kind::kStruct;
      std::vector<frame::Field> fields;
      for (const ElementNode& child : n.children) {
        node.children.push_back(visit(child, path, def_slot, def_valid, rep));
        fields.push_back(node.children.back().field);
      }
      node.field = {n.element.name, make_type([&] { return frame::struct_(std::move(fields)); }, path), nullable};
    }
    node.end_leaf = static_cast<int>(out_.leaves.size());
    return node;
  }

  // The element of a list stored as a repeated node: required, with the repeated levels.
  AssemblyNode required_item(const ElementNode& n, const std::vector<std::string>& path, int16_t def, int16_t rep) {
    AssemblyNode item = plain_node(n, path, def, def, rep, false);
    item.field.name = "item";
    return item;
  }

  // The element of a list when it is the repeated node itself: required, with the repeated
  // levels. A repeated group annotated LIST is a list of its own, not a struct: old
  // parquet-mr writes a list of lists as two nested 2-level lists
  // (`optional group a (LIST) { repeated group array (LIST) { repeated int32 array; } }`),
  // which the format's backward-compatibility rules, Arrow, DuckDB and Spark read as
  // list<list<i32>>.
  AssemblyNode repeated_element(const ElementNode& repeated, const std::vector<std::string>& path, int16_t def,
                                int16_t rep) {
    if (!is_group(repeated) || !has_list_annotation(repeated.element)) return required_item(repeated, path, def, rep);
    AssemblyNode item = annotated_list(repeated, path, def, def, rep, false, false);
    item.field.name = "item";
    return item;
  }

  static AssemblyNode list_node(const std::string& name, int16_t def_slot, int16_t def_valid, int16_t rep,
                                bool nullable) {
    AssemblyNode list;
    list.kind = Kind::kList;
    list.field.name = name;
    list.field.nullable = nullable;
    list.def_slot = def_slot;
    list.def_valid = def_valid;
    list.rep = rep;
    return list;
  }

  AssemblyNode finish_list(AssemblyNode list, AssemblyNode item) {
    list.first_leaf = item.first_leaf;
    list.end_leaf = item.end_leaf;
    list.field.type = frame::list(item.field);
    list.children.push_back(std::move(item));
    return list;
  }

  // A group annotated LIST or MAP: one repeated child whose shape follows the format's
  // backward-compatibility rules.
  AssemblyNode annotated_list(const ElementNode& n, const std::vector<std::string>& path, int16_t def_slot,
                              int16_t def_valid, int16_t rep, bool is_map, bool nullable) {
    if (n.children.size() != 1) fail(path, "a LIST/MAP group must have exactly one child");
    const ElementNode& repeated = n.children[0];
    std::vector<std::string> repeated_path = path;
    repeated_path.push_back(repeated.element.name);
    if (repetition(repeated) != FieldRepetitionType::REPEATED) {
      // Tolerated as in Arrow: a LIST group whose only child is not repeated is a struct.
      return plain_node(n, path, def_slot, def_valid, rep, nullable);
    }
    const auto item_def = static_cast<int16_t>(def_valid + 1);
    const auto item_rep = static_cast<int16_t>(rep + 1);
    AssemblyNode list = list_node(n.element.name, def_slot, def_valid, rep, nullable);
    list.element = &n.element;
    if (is_map) {
      if (!is_group(repeated) || repeated.children.size() != 2) {
        fail(repeated_path, "a MAP's repeated group must have two children (key and value)");
      }
      AssemblyNode entry = plain_node(repeated, repeated_path, item_def, item_def, item_rep, false);
      entry.children[0].field.name = "key";
      entry.children[1].field.name = "value";
      entry.field = {"item",
                     make_type(
                         [&] {
                           return frame::struct_({entry.children[0].field, entry.children[1].field});
                         },
                         path),
                     false};
      return finish_list(std::move(list), std::move(entry));
    }
    const bool element_is_repeated_node = !is_group(repeated) || repeated.children.size() > 1 ||
                                          repeated.element.name == "array" ||
                                          repeated.element.name == n.element.name + "_tuple";
    if (element_is_repeated_node) {
      return finish_list(std::move(list), repeated_element(repeated, repeated_path, item_def, item_rep));
    }
    // Standard three-level list: the repeated group's only child is the element.
    AssemblyNode item = visit(repeated.children[0], repeated_path, item_def, item_def, item_rep);
    item.field.name = "item";
    return finish_list(std::move(list), std::move(item));
  }

  template <class Make>
  frame::TypePtr make_type(Make&& make, const std::vector<std::string>& path) {
    try {
      return make();
    } catch (const frame::FrameError& e) {
      fail(path, e.what());
    }
  }

  int add_leaf(const ElementNode& n, const std::vector<std::string>& path, int16_t max_def, int16_t max_rep) {
    FileLeaf leaf;
    leaf.index = static_cast<int>(out_.leaves.size());
    leaf.path = path;
    leaf.dotted_path = dotted(path);
    leaf.physical = *n.element.type;
    leaf.type_length = n.element.type_length.value_or(0);
    leaf.max_def = max_def;
    leaf.max_rep = max_rep;
    LeafType mapped;
    try {
      mapped = map_leaf_type(n.element, file_, leaf.dotted_path, options_);
    } catch (const frame::FrameError& e) {
      fail(path, e.what());
    }
    leaf.type = std::move(mapped.type);
    leaf.conversion = mapped.conversion;
    leaf.decimal_scale = mapped.decimal_scale;
    leaf.signed_integer = mapped.signed_integer;
    out_.leaves.push_back(std::move(leaf));
    return static_cast<int>(out_.leaves.size()) - 1;
  }

  FileSchema& out_;
  const std::string& file_;
  const OpenOptions& options_;
};

}  // namespace

FileSchema map_schema(const std::vector<SchemaElement>& elements, const std::string& file, const OpenOptions& options) {
  FileSchema out;
  out.tree = TreeBuilder(elements, file).build();
  AssemblyBuilder builder(out, file, options);
  for (const ElementNode& child : out.tree.children) {
    out.columns.push_back(builder.visit(child, {}, 0, 0, 0));
    out.fields.push_back(out.columns.back().field);
  }
  if (const auto violation = frame::find_nesting_violation(out.fields)) {
    throw ParquetError::at({.file = file}, violation->problem);
  }
  std::set<std::string> names;
  for (const frame::Field& field : out.fields) {
    if (!names.insert(field.name).second) {
      throw ParquetError::at({.file = file}, "the schema has two top-level columns named '" + field.name + "'");
    }
  }
  return out;
}

}  // namespace crv::parquet::schema
