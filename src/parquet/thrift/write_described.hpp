#pragma once
// The compact protocol encoder of any described struct or union (struct_description.hpp).
//
// Struct: the fields in description order (ascending ids, as the Thrift compilers write
// them); an std::optional member only when set, any other member always (a Thrift
// optional field that the C++ struct holds as a plain value, such as DataPageHeaderV2's
// is_compressed, is always written). Bool fields carry their value in the field header.
// Union: the member the variant holds; an Unknown alternative as an empty struct under its
// field id (none when the id is 0: nothing was read).

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "parquet/thrift/compact_writer.hpp"
#include "parquet/thrift/struct_description.hpp"

namespace crv::parquet::thrift {

template <Described T>
void write_described(CompactWriter& w, const T& value);

namespace write_detail {

template <class T>
int32_t as_i32(T value) {
  if constexpr (std::is_enum_v<T>) {
    return static_cast<int32_t>(static_cast<std::underlying_type_t<T>>(value));
  } else {
    static_assert(std::is_same_v<T, int32_t>, "an i32 field is an int32_t or an enum");
    return value;
  }
}

// A struct-typed value: described, or an empty struct.
template <class T>
void write_struct_value(CompactWriter& w, const T& value) {
  if constexpr (Described<T>) {
    write_described(w, value);
  } else {
    static_assert(EmptyStruct<T>, "a struct field's type needs a description (kThrift)");
    w.begin_struct();
    w.end_struct();
  }
}

template <class Wire, class T>
void write_element(CompactWriter& w, const T& value) {
  if constexpr (std::is_same_v<Wire, wire::Bool>) {
    w.write_bool(value != 0);  // bool, or uint8_t 0/1
  } else if constexpr (std::is_same_v<Wire, wire::I8>) {
    w.write_i8(value);
  } else if constexpr (std::is_same_v<Wire, wire::I16>) {
    w.write_i16(value);
  } else if constexpr (std::is_same_v<Wire, wire::I32>) {
    w.write_i32(as_i32(value));
  } else if constexpr (std::is_same_v<Wire, wire::I64>) {
    w.write_i64(value);
  } else if constexpr (std::is_same_v<Wire, wire::Double>) {
    w.write_double(value);
  } else if constexpr (std::is_same_v<Wire, wire::Binary>) {
    w.write_binary(value);
  } else {
    static_assert(std::is_same_v<Wire, wire::Struct>, "unsupported list element type");
    write_struct_value(w, value);
  }
}

// An empty struct as field `id` (also a member of a union of empty structs).
inline void write_empty_struct_field(CompactWriter& w, int16_t id) {
  w.field_struct_header(id);
  w.begin_struct();
  w.end_struct();
}

// Field `id` of wire type Wire holding `value` (set).
template <class Wire, class T>
void write_value(CompactWriter& w, int16_t id, const T& value) {
  if constexpr (std::is_same_v<Wire, wire::Bool>) {
    static_assert(std::is_same_v<T, bool>, "a bool field is a bool");
    w.field_bool(id, value);  // the value is the header's type
  } else if constexpr (std::is_same_v<Wire, wire::EnumUnion>) {
    w.field_header(id, CompactType::STRUCT);
    w.begin_struct();
    write_empty_struct_field(w, static_cast<int16_t>(value));
    w.end_struct();
  } else if constexpr (compact_type<Wire>() == CompactType::LIST) {
    using Element = typename ListElement<Wire>::type;
    w.field_list_begin(id, compact_type<Element>(), value.size());
    for (const auto& element : value) write_element<Element>(w, element);
  } else {
    w.field_header(id, compact_type<Wire>());
    write_element<Wire>(w, value);  // the same encoding as a list element
  }
}

template <class T, size_t I>
void write_field(CompactWriter& w, const T& value) {
  constexpr auto& field = std::get<I>(kThrift<T>.fields);
  using Field = std::remove_cvref_t<decltype(field)>;
  const auto& member = value.*field.member;
  if constexpr (IsOptional<typename Field::member_type>::value) {
    if (member) write_value<typename Field::wire_type>(w, field.id, *member);
  } else {
    write_value<typename Field::wire_type>(w, field.id, member);
  }
}

template <DescribedStruct T>
void write_struct(CompactWriter& w, const T& value) {
  constexpr size_t kFields = std::tuple_size_v<decltype(kThrift<T>.fields)>;
  w.begin_struct();
  [&]<size_t... I>(std::index_sequence<I...> /*field indexes*/) { (write_field<T, I>(w, value), ...); }
  (std::make_index_sequence<kFields>{});
  w.end_struct();
}

// The field id of alternative A of the union V.
template <class V, class A>
constexpr int16_t member_id() {
  return std::apply(
      [](const auto&... members) {
        int16_t id = 0;
        ((std::is_same_v<typename std::remove_cvref_t<decltype(members)>::alternative_type, A> ? id = members.id : id),
         ...);
        return id;
      },
      kThrift<V>.members);
}

template <DescribedUnion V>
void write_union(CompactWriter& w, const V& value) {
  w.begin_struct();
  std::visit(
      [&w](const auto& alternative) {
        using A = std::remove_cvref_t<decltype(alternative)>;
        if constexpr (std::is_same_v<A, UnknownMemberOf<V>>) {
          // Any id but 0 (none was read), negative ones included: write back what was read.
          if (alternative.field_id != 0) write_empty_struct_field(w, alternative.field_id);
        } else {
          constexpr int16_t kId = member_id<V, A>();
          static_assert(kId != 0, "every variant alternative needs a member description");
          w.field_struct_header(kId);
          write_struct_value(w, alternative);
        }
      },
      value);
  w.end_struct();
}

}  // namespace write_detail

template <Described T>
void write_described(CompactWriter& w, const T& value) {
  if constexpr (DescribedStruct<T>) {
    write_detail::write_struct(w, value);
  } else {
    write_detail::write_union(w, value);
  }
}

}  // namespace crv::parquet::thrift
