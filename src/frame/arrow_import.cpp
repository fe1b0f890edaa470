#include <crv/frame/arrow_c_data.hpp>
#include <crv/frame/bit_util.hpp>
#include <crv/frame/builder.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/frame/limits.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>

namespace crv::frame {
namespace {

/// Owns an imported ArrowArray; its release callback runs when the last buffer is gone.
struct ImportedArray {
  ArrowArray array{};
  ~ImportedArray() {
    if (array.release != nullptr) array.release(&array);
  }
};

/// Owns an imported ArrowSchema for the duration of the import.
struct ImportedSchema {
  ArrowSchema schema{};
  ~ImportedSchema() {
    if (schema.release != nullptr) schema.release(&schema);
  }
};

/// How the Arrow layout differs from the frame type it becomes.
enum class Layout { Native, LargeOffsets, Float16, View, Dictionary };

struct ImportType {
  Field field;
  Layout layout = Layout::Native;
  std::vector<ImportType> children;
  /// Dictionary layout: the type of the indices, and the dictionary's own (one entry).
  TypePtr index_type;
  std::vector<ImportType> dictionary;
};

TimeUnit unit_of(char c, std::string_view format) {
  switch (c) {
    case 's': return TimeUnit::Second;
    case 'm': return TimeUnit::Milli;
    case 'u': return TimeUnit::Micro;
    case 'n': return TimeUnit::Nano;
    default: throw FrameError(fmt::format("Arrow import: unknown time unit in format '{}'", format));
  }
}

int parse_int(std::string_view text, std::string_view format) {
  int value = 0;
  if (text.empty()) throw FrameError(fmt::format("Arrow import: malformed format '{}'", format));
  for (char c : text) {
    if (c < '0' || c > '9' || value > 100000)
      throw FrameError(fmt::format("Arrow import: malformed format '{}'", format));
    value = value * 10 + (c - '0');
  }
  return value;
}

/// The recursion bound of the import: a frame's struct, then a column one level over the
/// nesting limit (a column's own depth is checked against the limit once its type is known,
/// so that the error names it and its depth).
constexpr int kMaxImportDepth = kMaxNestingDepth + 2;

[[noreturn]] void too_deep(const char* what, const std::string& field) {
  throw FrameError(
      fmt::format("Arrow import: {} of field '{}' nested deeper than {} levels (a column holds at most {} struct "
                  "and list levels)",
                  what, field, kMaxImportDepth, kMaxNestingDepth));
}

/// FrameError when a column is over the limits crv-io's writer and reader share.
void check_limits(const std::vector<Field>& fields) {
  if (const auto violation = find_schema_limit_violation(fields))
    throw FrameError("Arrow import: " + violation->problem + "; " + violation->advice);
}

ImportType parse_schema(const ArrowSchema& schema, int depth);

/// The integer type of a dictionary's indices, or null for another format.
TypePtr index_type_of(std::string_view format) {
  if (format.size() != 1) return nullptr;
  switch (format[0]) {
    case 'c': return int8();
    case 's': return int16();
    case 'i': return int32();
    case 'l': return int64();
    case 'C': return uint8();
    case 'S': return uint16();
    case 'I': return uint32();
    case 'L': return uint64();
    default: return nullptr;
  }
}

/// A dictionary-encoded field (Polars' categoricals and enums, pyarrow's dictionary arrays):
/// it becomes a plain column of the dictionary's type, its values looked up on import.
ImportType parse_dictionary(const ArrowSchema& schema, int depth) {
  ImportType out;
  out.index_type = index_type_of(schema.format);
  const std::string name = schema.name ? schema.name : "";
  if (!out.index_type || schema.n_children != 0)
    throw FrameError(fmt::format("Arrow import: dictionary field '{}' has indices of format '{}', not an integer type",
                                 name, schema.format));
  out.dictionary.push_back(parse_schema(*schema.dictionary, depth + 1));
  out.field = out.dictionary[0].field;
  out.field.name = name;
  out.field.nullable = (schema.flags & ARROW_FLAG_NULLABLE) != 0;
  out.layout = Layout::Dictionary;
  return out;
}

ImportType parse_schema(const ArrowSchema& schema, int depth) {
  if (depth > kMaxImportDepth) too_deep("schema", schema.name ? schema.name : "");
  if (schema.format == nullptr) throw FrameError("Arrow import: schema without format");
  if (schema.dictionary != nullptr) return parse_dictionary(schema, depth);
  const std::string_view format(schema.format);
  ImportType out;
  out.field.name = schema.name ? schema.name : "";
  out.field.nullable = (schema.flags & ARROW_FLAG_NULLABLE) != 0;
  if (schema.n_children < 0 || (schema.n_children > 0 && schema.children == nullptr))
    throw FrameError(fmt::format("Arrow import: field '{}' has a malformed children list", out.field.name));
  for (int64_t i = 0; i < schema.n_children; ++i) {
    if (schema.children[i] == nullptr)
      throw FrameError(fmt::format("Arrow import: field '{}' child {} is null", out.field.name, i));
    out.children.push_back(parse_schema(*schema.children[i], depth + 1));
  }
  auto expect_children = [&](int64_t n) {
    if (schema.n_children != n)
      throw FrameError(fmt::format("Arrow import: format '{}' of field '{}' needs {} children, got {}", format,
                                   out.field.name, n, schema.n_children));
  };
  TypePtr& type = out.field.type;
  if (format.size() == 1) {
    switch (format[0]) {
      case 'b': type = boolean(); break;
      case 'c': type = int8(); break;
      case 's': type = int16(); break;
      case 'i': type = int32(); break;
      case 'l': type = int64(); break;
      case 'C': type = uint8(); break;
      case 'S': type = uint16(); break;
      case 'I': type = uint32(); break;
      case 'L': type = uint64(); break;
      case 'e':
        type = float32();
        out.layout = Layout::Float16;
        break;
      case 'f': type = float32(); break;
      case 'g': type = float64(); break;
      case 'z': type = binary(); break;
      case 'u': type = utf8(); break;
      case 'Z':
        type = binary();
        out.layout = Layout::LargeOffsets;
        break;
      case 'U':
        type = utf8();
        out.layout = Layout::LargeOffsets;
        break;
      default: break;
    }
    if (type) expect_children(0);
  } else if (format == "vu" || format == "vz") {
    // String and binary views (Arrow 1.4; what Polars exports): copied to 32-bit offsets.
    type = format == "vu" ? utf8() : binary();
    out.layout = Layout::View;
    expect_children(0);
  } else if (format == "tdD") {
    type = date32();
  } else if (format.size() == 3 && format.substr(0, 2) == "tt") {
    const TimeUnit unit = unit_of(format[2], format);
    type = (unit == TimeUnit::Second || unit == TimeUnit::Milli) ? time32(unit) : time64(unit);
  } else if (format.size() >= 4 && format.substr(0, 2) == "ts" && format[3] == ':') {
    type = timestamp(unit_of(format[2], format), std::string(format.substr(4)));
  } else if (format.substr(0, 2) == "w:") {
    type = fixed_size_binary(parse_int(format.substr(2), format));
  } else if (format.substr(0, 2) == "d:") {
    const std::string_view params = format.substr(2);
    const size_t comma = params.find(',');
    if (comma == std::string_view::npos)
      throw FrameError(fmt::format("Arrow import: malformed decimal format '{}'", format));
    const int precision = parse_int(params.substr(0, comma), format);
    std::string_view rest = params.substr(comma + 1);
    const size_t comma2 = rest.find(',');
    if (comma2 != std::string_view::npos) {
      if (parse_int(rest.substr(comma2 + 1), format) != 128)
        throw FrameError(fmt::format("Arrow import: only 128-bit decimals are supported, format '{}'", format));
      rest = rest.substr(0, comma2);
    }
    type = decimal128(precision, parse_int(rest, format));
  } else if (format == "+s") {
    std::vector<Field> fields;
    for (const ImportType& child : out.children) fields.push_back(child.field);
    type = struct_(std::move(fields));
  } else if (format == "+l" || format == "+L") {
    expect_children(1);
    type = list(out.children[0].field);
    if (format == "+L") out.layout = Layout::LargeOffsets;
  }
  if (!type)
    throw FrameError(fmt::format("Arrow import: unsupported format '{}' of field '{}'", format, out.field.name));
  return out;
}

float half_to_float(uint16_t h) {
  const int sign = (h >> 15) & 1;
  const int exponent = (h >> 10) & 0x1F;
  const int mantissa = h & 0x3FF;
  float value = 0;
  if (exponent == 0) {
    value = std::ldexp(static_cast<float>(mantissa), -24);
  } else if (exponent == 31) {
    value = mantissa == 0 ? INFINITY : NAN;
  } else {
    value = std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
  }
  return sign ? -value : value;
}

class ArrayImporter {
 public:
  explicit ArrayImporter(std::shared_ptr<ImportedArray> owner) : owner_(std::move(owner)) {}

  std::shared_ptr<const ArrayData> import(const ArrowArray& a, const ImportType& t, int depth) {
    const std::string& name = t.field.name;
    const DataType& type = *t.field.type;
    if (depth > kMaxImportDepth) too_deep("array", name);
    if (a.length < 0 || a.offset < 0)
      throw FrameError(
          fmt::format("Arrow import: field '{}' has negative length {} or offset {}", name, a.length, a.offset));
    if (t.layout == Layout::Dictionary) return import_dictionary(a, t, depth);
    if (a.n_children != static_cast<int64_t>(t.children.size()))
      throw FrameError(fmt::format("Arrow import: field '{}' array has {} children, schema has {}", name, a.n_children,
                                   t.children.size()));
    const int64_t expected_buffers = type.id() == TypeId::Struct ? 1 : type.is_binary_like() ? 3 : 2;
    // Views: validity, views, the variadic data buffers, their sizes (at least 3 in all).
    const bool buffers_ok = t.layout == Layout::View ? a.n_buffers >= 3 : a.n_buffers == expected_buffers;
    if (!buffers_ok || a.buffers == nullptr)
      throw FrameError(fmt::format("Arrow import: field '{}' ({}) has {} buffers, expected {}", name, type.to_string(),
                                   a.n_buffers, expected_buffers));
    auto d = std::make_shared<ArrayData>();
    d->type = t.field.type;
    d->length = a.length;
    d->offset = a.offset;
    const int64_t end = a.offset + a.length;
    if (a.buffers[0] != nullptr && a.null_count != 0) d->validity = wrap(a.buffers[0], bits::bytes_for_bits(end));
    d->null_count = d->validity ? a.length - bits::count_set_bits(d->validity->data(), a.offset, a.length) : 0;
    if (a.null_count > 0 && a.null_count != d->null_count)
      throw FrameError(fmt::format("Arrow import: field '{}' declares {} nulls, its bitmap has {}", name, a.null_count,
                                   d->null_count));

    switch (type.id()) {
      case TypeId::Struct:
        for (size_t k = 0; k < t.children.size(); ++k) {
          const ArrowArray* child = a.children[k];
          if (child == nullptr) throw FrameError(fmt::format("Arrow import: field '{}' child {} is null", name, k));
          d->children.push_back(import(*child, t.children[k], depth + 1));
        }
        return d;
      case TypeId::Bool: d->values = wrap(a.buffers[1], bits::bytes_for_bits(end)); return d;
      case TypeId::List:
      case TypeId::Binary:
      case TypeId::String:
        if (t.layout == Layout::View) return import_views(a, t, std::move(d));
        return import_offsets(a, t, std::move(d), depth);
      default: break;
    }
    if (t.layout == Layout::Float16) {
      rebase_validity(*d);
      const auto* halves = static_cast<const uint16_t*>(a.buffers[1]);
      if (halves == nullptr && a.length > 0)
        throw FrameError(fmt::format("Arrow import: field '{}' has no values buffer", name));
      d->values = Buffer::allocate(a.length * 4);
      auto* floats = d->values->mutable_data_as<float>();
      for (int64_t i = 0; i < a.length; ++i) floats[i] = half_to_float(halves[a.offset + i]);
      return d;
    }
    d->values = wrap(a.buffers[1], end * type.byte_width());
    return d;
  }

 private:
  /// The index of row `i` of a dictionary's indices (any integer type), -1 past INT64_MAX.
  static int64_t index_at(const Column& indices, int64_t i) {
    switch (indices.type_id()) {
      case TypeId::Int8: return indices.value<int8_t>(i);
      case TypeId::Int16: return indices.value<int16_t>(i);
      case TypeId::Int32: return indices.value<int32_t>(i);
      case TypeId::Int64: return indices.value<int64_t>(i);
      case TypeId::UInt8: return indices.value<uint8_t>(i);
      case TypeId::UInt16: return indices.value<uint16_t>(i);
      case TypeId::UInt32: return indices.value<uint32_t>(i);
      default: {
        const uint64_t v = indices.value<uint64_t>(i);
        return v > static_cast<uint64_t>(INT64_MAX) ? -1 : static_cast<int64_t>(v);
      }
    }
  }

  /// The indices looked up in the dictionary: a column of the dictionary's type, copied
  /// (null where the index is null, or where the dictionary entry is).
  std::shared_ptr<const ArrayData> import_dictionary(const ArrowArray& a, const ImportType& t, int depth) {
    const std::string& name = t.field.name;
    if (a.dictionary == nullptr)
      throw FrameError(fmt::format("Arrow import: dictionary field '{}' has no dictionary array", name));
    ImportType indices_type;
    indices_type.field = Field{name, t.index_type, true};
    const Column indices = Column::make(import(a, indices_type, depth));
    Column values = Column::make(import(*a.dictionary, t.dictionary[0], depth + 1));
    const int64_t entries = values.length();
    std::vector<int64_t> rows(static_cast<size_t>(indices.length()));
    for (int64_t i = 0; i < indices.length(); ++i) {
      if (indices.is_null(i)) {
        rows[static_cast<size_t>(i)] = entries;  // the null entry appended below
        continue;
      }
      const int64_t index = index_at(indices, i);
      if (index < 0 || index >= entries)
        throw FrameError(
            fmt::format("Arrow import: dictionary field '{}' row {} refers to entry {} of a dictionary of {}", name, i,
                        index, entries));
      rows[static_cast<size_t>(i)] = index;
    }
    if (indices.null_count() > 0) {
      const std::unique_ptr<ArrayBuilder> null_entry = ArrayBuilder::make(values.type());
      null_entry->append_null();
      values = concat({values, null_entry->finish()});
    }
    return take(values, rows).data_ptr();
  }

  std::shared_ptr<Buffer> wrap(const void* pointer, int64_t size) {
    if (pointer == nullptr && size > 0) throw FrameError("Arrow import: a required buffer is null");
    return Buffer::wrap(pointer, size, owner_);
  }

  /// Copies the validity bitmap to start at bit 0 and sets the offset to 0.
  static void rebase_validity(ArrayData& d) {
    if (d.validity) {
      auto fresh = Buffer::allocate(bits::bytes_for_bits(d.length), true);
      bits::copy_bits(d.validity->data(), d.offset, d.length, fresh->mutable_data(), 0);
      d.validity = std::move(fresh);
    }
    d.offset = 0;
  }

  /// A string or binary view array copied to the offsets layout. A view is 16 bytes: the
  /// int32 length, then up to 12 bytes inline, or a 4-byte prefix, the int32 index of the
  /// data buffer and the int32 offset in it.
  std::shared_ptr<const ArrayData> import_views(const ArrowArray& a, const ImportType& t,
                                                std::shared_ptr<ArrayData> d) {
    const std::string& name = t.field.name;
    const auto* views = static_cast<const uint8_t*>(a.buffers[1]);
    if (views == nullptr && a.length > 0)
      throw FrameError(fmt::format("Arrow import: field '{}' has no views buffer", name));
    const int64_t data_buffers = a.n_buffers - 3;
    const auto* sizes = static_cast<const int64_t*>(a.buffers[a.n_buffers - 1]);
    const uint8_t* validity = static_cast<const uint8_t*>(a.null_count != 0 ? a.buffers[0] : nullptr);
    auto view_at = [&](int64_t i, int32_t k) {
      int32_t v;
      std::memcpy(&v, views + (a.offset + i) * 16 + 4 * k, 4);
      return v;
    };
    int64_t total = 0;
    for (int64_t i = 0; i < a.length; ++i) {
      if (validity != nullptr && !bits::get_bit(validity, a.offset + i)) continue;
      const int32_t length = view_at(i, 0);
      if (length < 0) throw FrameError(fmt::format("Arrow import: field '{}' has a view of negative length", name));
      if (length > 12) {
        const int32_t index = view_at(i, 2);
        const int32_t offset = view_at(i, 3);
        if (index < 0 || index >= data_buffers || offset < 0 || a.buffers[2 + index] == nullptr ||
            (sizes != nullptr && int64_t{offset} + length > sizes[index]))
          throw FrameError(fmt::format("Arrow import: field '{}' row {} has a view outside its data buffers", name, i));
      }
      total += length;
    }
    if (total > INT32_MAX)
      throw FrameError(
          fmt::format("Arrow import: field '{}' spans {} bytes, too many for 32-bit offsets", name, total));
    rebase_validity(*d);
    d->values = Buffer::allocate((a.length + 1) * 4);
    d->data = Buffer::allocate(total);
    auto* offsets = d->values->mutable_data_as<int32_t>();
    uint8_t* out = d->data->mutable_data();
    int32_t position = 0;
    offsets[0] = 0;
    for (int64_t i = 0; i < a.length; ++i) {
      if (validity == nullptr || bits::get_bit(validity, a.offset + i)) {
        const int32_t length = view_at(i, 0);
        const uint8_t* bytes = length <= 12 ? views + (a.offset + i) * 16 + 4
                                            : static_cast<const uint8_t*>(a.buffers[2 + view_at(i, 2)]) + view_at(i, 3);
        if (length > 0) std::memcpy(out + position, bytes, static_cast<size_t>(length));
        position += length;
      }
      offsets[i + 1] = position;
    }
    return d;
  }

  std::shared_ptr<const ArrayData> import_offsets(const ArrowArray& a, const ImportType& t,
                                                  std::shared_ptr<ArrayData> d, int depth) {
    const std::string& name = t.field.name;
    const int64_t end = a.offset + a.length;
    const bool is_list = t.field.type->id() == TypeId::List;
    int64_t first = 0;
    int64_t last = 0;
    if (a.buffers[1] == nullptr) {
      if (a.length != 0) throw FrameError(fmt::format("Arrow import: field '{}' has no offsets buffer", name));
      d->offset = 0;
      d->values = Buffer::allocate(4, true);
    } else if (t.layout == Layout::LargeOffsets) {
      const auto* large = static_cast<const int64_t*>(a.buffers[1]);
      first = large[a.offset];
      last = large[end];
      if (first < 0 || last < first)
        throw FrameError(fmt::format("Arrow import: field '{}' has invalid 64-bit offsets", name));
      if (last - first > INT32_MAX)
        throw FrameError(fmt::format("Arrow import: field '{}' spans {} {}, too many for 32-bit offsets", name,
                                     last - first, is_list ? "items" : "bytes"));
      rebase_validity(*d);
      d->values = Buffer::allocate((a.length + 1) * 4);
      auto* offsets = d->values->mutable_data_as<int32_t>();
      for (int64_t i = 0; i <= a.length; ++i) {
        const int64_t v = large[a.offset + i] - first;
        if (v < 0 || v > last - first)
          throw FrameError(fmt::format("Arrow import: field '{}' has non-monotonic offsets", name));
        offsets[i] = static_cast<int32_t>(v);
      }
    } else {
      d->values = wrap(a.buffers[1], (end + 1) * 4);
      const auto* offsets = d->values->data_as<int32_t>();
      first = offsets[a.offset];
      last = offsets[end];
      if (first < 0 || last < first)
        throw FrameError(fmt::format("Arrow import: field '{}' has invalid offsets", name));
    }
    if (!is_list) {
      if (t.layout == Layout::LargeOffsets) {
        d->data =
            wrap(a.buffers[2] == nullptr ? nullptr : static_cast<const uint8_t*>(a.buffers[2]) + first, last - first);
      } else {
        d->data = wrap(a.buffers[2], last);
      }
      return d;
    }
    const ArrowArray* child = a.children[0];
    if (child == nullptr) throw FrameError(fmt::format("Arrow import: list field '{}' has no item array", name));
    auto items = import(*child, t.children[0], depth + 1);
    if (t.layout == Layout::LargeOffsets && first > 0) {
      if (first + (last - first) > items->length)
        throw FrameError(fmt::format("Arrow import: list field '{}' offsets exceed its items", name));
      items = Column(items).slice(first, last - first).data_ptr();
    }
    d->children.push_back(std::move(items));
    return d;
  }

  std::shared_ptr<ImportedArray> owner_;
};

struct Imported {
  ImportType type;
  Column column;
};

/// The limits apply to a frame's columns when `root_is_frame` (the root struct is a frame),
/// else to the column itself.
void check_imported_limits(const Imported& imported, bool root_is_frame) {
  check_limits(imported.type.field.type->id() == TypeId::Struct && root_is_frame
                   ? imported.type.field.type->fields()
                   : std::vector<Field>{imported.type.field});
}

/// Takes the array over; the schema is only read.
Imported import_with_schema(ArrowArray* array, const ArrowSchema& schema, bool root_is_frame) {
  if (array == nullptr) throw FrameError("Arrow import: null ArrowArray");
  if (array->release == nullptr) throw FrameError("Arrow import: ArrowArray already released");
  auto owned_array = std::make_shared<ImportedArray>();
  owned_array->array = *array;
  array->release = nullptr;
  Imported out;
  out.type = parse_schema(schema, 0);
  check_imported_limits(out, root_is_frame);
  ArrayImporter importer(owned_array);
  out.column = Column::make(importer.import(owned_array->array, out.type, 0));
  return out;
}

/// `root_is_frame`: the root struct is a frame, whose fields are the columns the limits apply to.
Imported import_any(ArrowArray* array, ArrowSchema* schema, bool root_is_frame) {
  if (array == nullptr || schema == nullptr) throw FrameError("Arrow import: null ArrowArray or ArrowSchema");
  if (array->release == nullptr || schema->release == nullptr)
    throw FrameError("Arrow import: ArrowArray or ArrowSchema already released");
  auto owned_array = std::make_shared<ImportedArray>();
  owned_array->array = *array;
  array->release = nullptr;
  ImportedSchema owned_schema;
  owned_schema.schema = *schema;
  schema->release = nullptr;

  Imported out;
  out.type = parse_schema(owned_schema.schema, 0);
  check_imported_limits(out, root_is_frame);
  ArrayImporter importer(owned_array);
  out.column = Column::make(importer.import(owned_array->array, out.type, 0));
  return out;
}

}  // namespace

Field import_field(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) throw FrameError("Arrow import: null or released ArrowSchema");
  ImportedSchema owned;
  owned.schema = *schema;
  schema->release = nullptr;
  return parse_schema(owned.schema, 0).field;
}

Field describe_field(const ArrowSchema& schema) { return parse_schema(schema, 0).field; }

Column import_column(ArrowArray* array, ArrowSchema* schema) { return import_any(array, schema, false).column; }

namespace {

Frame frame_of(const Imported& imported) {
  const Column& root = imported.column;
  if (root.type_id() != TypeId::Struct)
    throw FrameError("Arrow import: a frame must be a struct array (+s), got " + root.type()->to_string());
  if (root.null_count() > 0)
    throw FrameError(fmt::format("Arrow import: the frame's struct array has {} null rows", root.null_count()));
  std::vector<Field> fields;
  std::vector<Column> columns;
  for (int k = 0; k < root.num_children(); ++k) {
    fields.push_back(imported.type.children[static_cast<size_t>(k)].field);
    columns.push_back(root.child(k));
  }
  return Frame::make(std::move(fields), std::move(columns));
}

}  // namespace

Frame import_frame(ArrowArray* array, ArrowSchema* schema) { return frame_of(import_any(array, schema, true)); }

Frame import_frame(ArrowArray* array, const ArrowSchema& schema) {
  if (schema.release == nullptr) throw FrameError("Arrow import: ArrowSchema already released");
  return frame_of(import_with_schema(array, schema, true));
}

}  // namespace crv::frame
