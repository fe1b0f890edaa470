#include "crv/core/dtype.hpp"

#include <array>
#include <string>

#include "core/enum_names.hpp"
#include "crv/core/error.hpp"

namespace crv::core {
namespace {

constexpr std::array<DType, 5> kAllDTypes = {DType::I64, DType::F64, DType::Str, DType::Struct, DType::ListStruct};

}  // namespace

std::string_view to_string(DType dtype) {
  switch (dtype) {
    case DType::I64: return "i64";
    case DType::F64: return "f64";
    case DType::Str: return "str";
    case DType::Struct: return "struct";
    case DType::ListStruct: return "list[struct]";
  }
  throw CoreError("invalid DType value " + std::to_string(static_cast<int>(dtype)));
}

std::optional<DType> try_parse_dtype(std::string_view name) { return detail::find_by_name(kAllDTypes, name); }

DType parse_dtype(std::string_view name) {
  if (auto dtype = try_parse_dtype(name)) return *dtype;
  throw CoreError("unknown dtype '" + std::string(name) + "'; valid dtypes: " + detail::joined_names(kAllDTypes));
}

}  // namespace crv::core
