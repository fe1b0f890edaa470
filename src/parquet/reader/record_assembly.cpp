// Levels -> nested Arrow layout.

#include "parquet/reader/record_assembly.hpp"

#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "crv/frame/buffer.hpp"
#include "crv/frame/error.hpp"

namespace crv::parquet::reader {
namespace {

using schema::AssemblyNode;
using Kind = AssemblyNode::Kind;

// The slots of a node computed from a leaf's levels.
struct Slots {
  int64_t count = 0;
  int64_t null_count = 0;
  frame::BufferBuilder validity;  // one bit per slot
  frame::BufferBuilder offsets;   // lists: count + 1 int32 offsets
};

class BitAppender {
 public:
  explicit BitAppender(frame::BufferBuilder& out) : out_(out) {}
  void append(bool bit) {
    if ((count_ & 7) == 0) out_.append_value<uint8_t>(0);
    if (bit) out_.mutable_data()[count_ >> 3] |= static_cast<uint8_t>(1u << (count_ & 7));
    ++count_;
  }

 private:
  frame::BufferBuilder& out_;
  int64_t count_ = 0;
};

class Assembler {
 public:
  Assembler(const std::vector<schema::FileLeaf>& leaf_columns, std::vector<LeafData>& leaves, const ErrorContext& where)
      : leaf_columns_(leaf_columns), leaves_(leaves), where_(where) {}

  std::shared_ptr<const frame::ArrayData> build(const AssemblyNode& node) {
    const LeafData& levels = leaves_[static_cast<size_t>(node.first_leaf)];
    Slots slots = compute_slots(node, levels);
    auto array = std::make_shared<frame::ArrayData>();
    array->type = node.field.type;
    array->length = slots.count;
    array->null_count = slots.null_count;
    if (slots.null_count > 0) array->validity = slots.validity.finish();
    switch (node.kind) {
      case Kind::kLeaf: fill_leaf(node, slots, *array); break;
      case Kind::kStruct:
        for (const AssemblyNode& child : node.children) {
          auto c = build(child);
          if (c->length != slots.count) mismatch(child, c->length, slots.count);
          array->children.push_back(std::move(c));
        }
        break;
      case Kind::kList: {
        const int64_t items = slots.offsets.data_as<int32_t>()[slots.count];
        array->values = slots.offsets.finish();
        auto c = build(node.children[0]);
        if (c->length != items) mismatch(node.children[0], c->length, items);
        array->children.push_back(std::move(c));
        break;
      }
    }
    return array;
  }

 private:
  [[noreturn]] void fail(int leaf, const std::string& what) const {
    ErrorContext at = where_;
    at.column_path = leaf_columns_[static_cast<size_t>(leaf)].dotted_path;
    throw ParquetError::at(at, what);
  }

  [[noreturn]] void mismatch(const AssemblyNode& child, int64_t got, int64_t expected) const {
    fail(child.first_leaf,
         "levels describe " + std::to_string(got) + " values where its parent expects " + std::to_string(expected));
  }

  Slots compute_slots(const AssemblyNode& node, const LeafData& data) const {
    Slots slots;
    const bool is_list = node.kind == Kind::kList;
    if (data.def.empty() && data.rep.empty()) {
      if (is_list) fail(node.first_leaf, "list without repetition levels");
      slots.count = data.num_entries;
      return slots;
    }
    const int16_t max_def = leaf_columns_[static_cast<size_t>(node.first_leaf)].max_def;
    const int16_t item_def = is_list ? node.children[0].def_slot : 0;
    const auto n = static_cast<size_t>(data.num_entries);
    const int16_t* def = data.def.empty() ? nullptr : data.def.data();
    const int16_t* rep = data.rep.empty() ? nullptr : data.rep.data();
    slots.validity.reserve(static_cast<int64_t>(n / 8 + 1));
    if (is_list) slots.offsets.reserve(static_cast<int64_t>((n + 1) * sizeof(int32_t)));
    BitAppender bits(slots.validity);
    int64_t items = 0;
    for (size_t e = 0; e < n; ++e) {
      const int16_t r = rep ? rep[e] : 0;
      const int16_t d = def ? def[e] : max_def;
      if (r <= node.rep && d >= node.def_slot) {
        const bool valid = d >= node.def_valid;
        bits.append(valid);
        if (!valid) ++slots.null_count;
        if (is_list) {
          if (items > std::numeric_limits<int32_t>::max()) fail(node.first_leaf, "list has more than 2^31 items");
          slots.offsets.append_value(static_cast<int32_t>(items));
        }
        ++slots.count;
      }
      if (is_list && r <= node.rep + 1 && d >= item_def) ++items;
    }
    if (is_list) {
      if (items > std::numeric_limits<int32_t>::max()) fail(node.first_leaf, "list has more than 2^31 items");
      slots.offsets.append_value(static_cast<int32_t>(items));
    }
    return slots;
  }

  // Spreads the dense values of the leaf over its slots (null slots get zeroed values).
  void fill_leaf(const AssemblyNode& node, const Slots& slots, frame::ArrayData& array) {
    LeafData& data = leaves_[static_cast<size_t>(node.leaf)];
    if (slots.count - slots.null_count != data.num_values) {
      fail(node.leaf, "levels announce " + std::to_string(slots.count - slots.null_count) +
                          " non-null values, pages hold " + std::to_string(data.num_values));
    }
    const uint8_t* validity = slots.null_count > 0 ? array.validity->data() : nullptr;
    const frame::DataType& type = *node.field.type;
    const auto count = static_cast<size_t>(slots.count);
    if (type.id() == frame::TypeId::Bool) {
      frame::BufferBuilder bits(static_cast<int64_t>(count / 8 + 1));
      bits.resize(static_cast<int64_t>((count + 7) / 8), true);
      uint8_t* out = bits.mutable_data();
      const uint8_t* in = data.fixed.data();
      size_t v = 0;
      for (size_t i = 0; i < count; ++i) {
        if (validity && !((validity[i >> 3] >> (i & 7)) & 1)) continue;
        if (in[v++]) out[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
      }
      array.values = bits.finish();
      return;
    }
    if (type.is_binary_like()) {
      const encoding::ByteArrayOutput& bytes = data.bytes;
      if (!validity) {
        array.values =
            frame::Buffer::copy_of(bytes.offsets.data(), static_cast<int64_t>(bytes.offsets.size() * sizeof(int32_t)));
      } else {
        frame::BufferBuilder offsets(static_cast<int64_t>((count + 1) * sizeof(int32_t)));
        offsets.resize(static_cast<int64_t>((count + 1) * sizeof(int32_t)), false);
        int32_t* out = offsets.mutable_data_as<int32_t>();
        size_t v = 0;
        out[0] = 0;
        for (size_t i = 0; i < count; ++i) {
          if (!validity || ((validity[i >> 3] >> (i & 7)) & 1)) ++v;
          out[i + 1] = bytes.offsets[v];
        }
        array.values = offsets.finish();
      }
      array.data = frame::Buffer::copy_of(bytes.bytes.data(), static_cast<int64_t>(bytes.bytes.size()));
      return;
    }
    const auto width = static_cast<size_t>(type.byte_width());
    if (!validity) {
      array.values = data.fixed.finish();
      return;
    }
    frame::BufferBuilder out(static_cast<int64_t>(count * width));
    out.resize(static_cast<int64_t>(count * width), true);
    uint8_t* dst = out.mutable_data();
    const uint8_t* src = data.fixed.data();
    size_t v = 0;
    switch (width) {
      case 1: spread<uint8_t>(validity, count, src, dst); break;
      case 2: spread<uint16_t>(validity, count, src, dst); break;
      case 4: spread<uint32_t>(validity, count, src, dst); break;
      case 8: spread<uint64_t>(validity, count, src, dst); break;
      default:
        for (size_t i = 0; i < count; ++i) {
          if (!((validity[i >> 3] >> (i & 7)) & 1)) continue;
          std::memcpy(dst + i * width, src + v * width, width);
          ++v;
        }
    }
    array.values = out.finish();
  }

  template <class T>
  static void spread(const uint8_t* validity, size_t count, const uint8_t* src, uint8_t* dst) {
    const T* in = reinterpret_cast<const T*>(src);
    T* out = reinterpret_cast<T*>(dst);
    size_t v = 0;
    for (size_t i = 0; i < count; ++i) {
      if ((validity[i >> 3] >> (i & 7)) & 1) out[i] = in[v++];
    }
  }

  const std::vector<schema::FileLeaf>& leaf_columns_;
  std::vector<LeafData>& leaves_;
  const ErrorContext& where_;
};

}  // namespace

frame::Column assemble_column(const schema::AssemblyNode& node, const std::vector<schema::FileLeaf>& leaf_columns,
                              std::vector<LeafData>& leaves, const ErrorContext& where) {
  Assembler assembler(leaf_columns, leaves, where);
  auto array = assembler.build(node);
  try {
    return frame::Column::make(std::move(array));
  } catch (const frame::FrameError& e) {
    ErrorContext at = where;
    at.column_path = leaf_columns[static_cast<size_t>(node.first_leaf)].dotted_path;
    throw ParquetError::at(at, std::string("decoded column is inconsistent: ") + e.what());
  }
}

}  // namespace crv::parquet::reader
