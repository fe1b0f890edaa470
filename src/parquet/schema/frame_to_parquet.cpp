#include "parquet/schema/frame_to_parquet.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "crv/parquet/error.hpp"

namespace crv::parquet::schema {

using frame::TypeId;

int32_t decimal_byte_width(int32_t precision) {
  // n bytes hold floor((8n - 1) * log10(2)) decimal digits.
  for (int32_t n = 1; n <= 16; ++n) {
    const auto digits = static_cast<int32_t>(std::floor((8.0 * n - 1.0) * std::log10(2.0)));
    if (precision <= digits) return n;
  }
  return 16;
}

namespace {

struct Builder {
  ParquetSchema out;
  std::vector<std::string> path;
  std::vector<PathStep> steps;
  size_t top_level_index = 0;

  static FieldRepetitionType repetition(bool nullable) {
    return nullable ? FieldRepetitionType::OPTIONAL : FieldRepetitionType::REQUIRED;
  }

  std::string dotted() const {
    std::string s;
    for (const auto& p : path) {
      if (!s.empty()) s += '.';
      s += p;
    }
    return s;
  }

  void add_field(const std::string& name, const frame::TypePtr& type_ptr, bool nullable, int16_t def, int16_t rep) {
    path.push_back(name);
    const frame::DataType& type = *type_ptr;
    const int16_t def_here = static_cast<int16_t>(def + (nullable ? 1 : 0));
    switch (type.id()) {
      case TypeId::Struct: {
        if (type.num_fields() == 0) {
          throw ParquetError::at({.column_path = dotted()},
                                 "an empty struct cannot be written to Parquet (a group needs at least one field)");
        }
        SchemaElement group;
        group.name = name;
        group.repetition_type = repetition(nullable);
        group.num_children = type.num_fields();
        out.elements.push_back(std::move(group));
        for (int k = 0; k < type.num_fields(); ++k) {
          steps.push_back({.kind = PathStepKind::Struct, .nullable = nullable, .child_index = k});
          const auto& child = type.fields()[static_cast<size_t>(k)];
          add_field(child.name, child.type, child.nullable, def_here, rep);
          steps.pop_back();
        }
        break;
      }
      case TypeId::List: {
        SchemaElement outer;
        outer.name = name;
        outer.repetition_type = repetition(nullable);
        outer.num_children = 1;
        outer.converted_type = ConvertedType::LIST;
        outer.logicalType = ListType{};
        out.elements.push_back(std::move(outer));
        SchemaElement repeated;
        repeated.name = "list";
        repeated.repetition_type = FieldRepetitionType::REPEATED;
        repeated.num_children = 1;
        out.elements.push_back(std::move(repeated));
        const auto list_rep = static_cast<int16_t>(rep + 1);
        steps.push_back({.kind = PathStepKind::List, .nullable = nullable, .repetition_level = list_rep});
        path.push_back("list");
        const auto& item = type.item_field();
        add_field("element", item.type, item.nullable, static_cast<int16_t>(def_here + 1), list_rep);
        path.pop_back();
        steps.pop_back();
        break;
      }
      default: add_leaf(name, type_ptr, nullable, def_here, rep); break;
    }
    path.pop_back();
  }

  void add_leaf(const std::string& name, const frame::TypePtr& type_ptr, bool nullable, int16_t def, int16_t rep) {
    const frame::DataType& type = *type_ptr;
    SchemaElement e;
    e.name = name;
    e.repetition_type = repetition(nullable);
    LeafColumn leaf;
    leaf.sort_order = SortOrder::Signed;
    auto int_type = [&](Type physical, ValueConversion conversion, int8_t bits, bool is_signed,
                        ConvertedType converted) {
      e.type = physical;
      leaf.physical_type = physical;
      leaf.conversion = conversion;
      e.converted_type = converted;
      e.logicalType = IntType{.bitWidth = bits, .isSigned = is_signed};
      leaf.sort_order = is_signed ? SortOrder::Signed : SortOrder::Unsigned;
    };
    auto set = [&](Type physical, ValueConversion conversion) {
      e.type = physical;
      leaf.physical_type = physical;
      leaf.conversion = conversion;
    };
    switch (type.id()) {
      case TypeId::Bool:
        set(Type::BOOLEAN, ValueConversion::Boolean);
        leaf.sort_order = SortOrder::Unsigned;
        break;
      case TypeId::Int8: int_type(Type::INT32, ValueConversion::Int8ToInt32, 8, true, ConvertedType::INT_8); break;
      case TypeId::Int16: int_type(Type::INT32, ValueConversion::Int16ToInt32, 16, true, ConvertedType::INT_16); break;
      case TypeId::Int32: int_type(Type::INT32, ValueConversion::Int32, 32, true, ConvertedType::INT_32); break;
      case TypeId::Int64: int_type(Type::INT64, ValueConversion::Int64, 64, true, ConvertedType::INT_64); break;
      case TypeId::UInt8: int_type(Type::INT32, ValueConversion::UInt8ToInt32, 8, false, ConvertedType::UINT_8); break;
      case TypeId::UInt16:
        int_type(Type::INT32, ValueConversion::UInt16ToInt32, 16, false, ConvertedType::UINT_16);
        break;
      case TypeId::UInt32:
        int_type(Type::INT32, ValueConversion::UInt32ToInt32, 32, false, ConvertedType::UINT_32);
        break;
      case TypeId::UInt64: int_type(Type::INT64, ValueConversion::Int64, 64, false, ConvertedType::UINT_64); break;
      case TypeId::Float32: set(Type::FLOAT, ValueConversion::Float); break;
      case TypeId::Float64: set(Type::DOUBLE, ValueConversion::Double); break;
      case TypeId::Decimal128: {
        const int32_t p = type.precision();
        if (p <= 9) {
          set(Type::INT32, ValueConversion::DecimalToInt32);
        } else if (p <= 18) {
          set(Type::INT64, ValueConversion::DecimalToInt64);
        } else {
          set(Type::FIXED_LEN_BYTE_ARRAY, ValueConversion::DecimalToFixedLen);
          leaf.type_length = decimal_byte_width(p);
          e.type_length = leaf.type_length;
        }
        e.converted_type = ConvertedType::DECIMAL;
        e.scale = type.scale();
        e.precision = p;
        e.logicalType = DecimalType{.scale = type.scale(), .precision = p};
        break;
      }
      case TypeId::Date32:
        set(Type::INT32, ValueConversion::Int32);
        e.converted_type = ConvertedType::DATE;
        e.logicalType = DateType{};
        break;
      case TypeId::Time32:
        set(Type::INT32,
            type.unit() == frame::TimeUnit::Second ? ValueConversion::Time32SecondsToMillis : ValueConversion::Int32);
        e.converted_type = ConvertedType::TIME_MILLIS;
        e.logicalType = TimeType{.isAdjustedToUTC = false, .unit = TimeUnit::MILLIS};
        break;
      case TypeId::Time64:
        set(Type::INT64, ValueConversion::Int64);
        if (type.unit() == frame::TimeUnit::Micro) {
          e.converted_type = ConvertedType::TIME_MICROS;
          e.logicalType = TimeType{.isAdjustedToUTC = false, .unit = TimeUnit::MICROS};
        } else {
          e.logicalType = TimeType{.isAdjustedToUTC = false, .unit = TimeUnit::NANOS};
        }
        break;
      case TypeId::Timestamp: {
        const bool utc = !type.timezone().empty();
        TimeUnit unit = TimeUnit::MILLIS;
        switch (type.unit()) {
          case frame::TimeUnit::Second: set(Type::INT64, ValueConversion::TimestampSecondsToMillis); break;
          case frame::TimeUnit::Milli: set(Type::INT64, ValueConversion::Int64); break;
          case frame::TimeUnit::Micro:
            set(Type::INT64, ValueConversion::Int64);
            unit = TimeUnit::MICROS;
            break;
          case frame::TimeUnit::Nano:
            set(Type::INT64, ValueConversion::Int64);
            unit = TimeUnit::NANOS;
            break;
        }
        if (utc && unit == TimeUnit::MILLIS) e.converted_type = ConvertedType::TIMESTAMP_MILLIS;
        if (utc && unit == TimeUnit::MICROS) e.converted_type = ConvertedType::TIMESTAMP_MICROS;
        e.logicalType = TimestampType{.isAdjustedToUTC = utc, .unit = unit};
        break;
      }
      case TypeId::String:
        set(Type::BYTE_ARRAY, ValueConversion::ByteArray);
        e.converted_type = ConvertedType::UTF8;
        e.logicalType = StringType{};
        leaf.sort_order = SortOrder::Unsigned;
        break;
      case TypeId::Binary:
        set(Type::BYTE_ARRAY, ValueConversion::ByteArray);
        leaf.sort_order = SortOrder::Unsigned;
        break;
      case TypeId::FixedSizeBinary:
        set(Type::FIXED_LEN_BYTE_ARRAY, ValueConversion::FixedLenBytes);
        leaf.type_length = type.byte_width();
        e.type_length = leaf.type_length;
        leaf.sort_order = SortOrder::Unsigned;
        break;
      case TypeId::Struct:
      case TypeId::List: break;  // handled by add_field
    }
    steps.push_back({.kind = PathStepKind::Leaf, .nullable = nullable});
    leaf.path_in_schema = path;
    leaf.dotted_path = dotted();
    leaf.top_level_index = top_level_index;
    leaf.steps = steps;
    steps.pop_back();
    leaf.frame_type = type_ptr;
    leaf.max_definition_level = def;
    leaf.max_repetition_level = rep;
    out.elements.push_back(std::move(e));
    out.leaves.push_back(std::move(leaf));
  }
};

}  // namespace

ParquetSchema frame_to_parquet_schema(const std::vector<frame::Field>& fields) {
  Builder b;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(fields.size());
  b.out.elements.push_back(std::move(root));
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    if (!f.type) throw ParquetError::at({.column_path = f.name}, "column has no type");
    b.top_level_index = i;
    b.add_field(f.name, f.type, f.nullable, 0, 0);
  }
  return std::move(b.out);
}

}  // namespace crv::parquet::schema
