#pragma once
// Descriptions of Thrift structs and unions as C++ values: for each field its id, name, wire
// type, required-ness and the C++ member that holds it; for each union member its id, name
// and C++ alternative. read_described.hpp and write_described.hpp turn a description into
// the compact protocol decoder and encoder, so a struct's layout is stated once.
//
// A description is a specialization of kThrift<T> (in this namespace), written like the
// .thrift file it mirrors:
//   template <>
//   inline constexpr auto kThrift<KeyValue> = thrift_struct<KeyValue>("KeyValue",
//       field(1, kRequired, binary, "key", &KeyValue::key),
//       field(2, kOptional, binary, "value", &KeyValue::value));
// The C++ member of a field is T, std::optional<T> (written only when set) or, for a list,
// std::vector<T>. A description is checked when it is compiled (ascending ids, one
// description per variant alternative), since the encoder writes fields in its order.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <tuple>
#include <type_traits>
#include <variant>

#include "parquet/thrift/compact_type.hpp"

namespace crv::parquet::thrift {

// ---------------------------------------------------------------------------------------
// Wire types: the Thrift type a field has on the wire, as tag values.
// ---------------------------------------------------------------------------------------
namespace wire {
struct Bool {};
struct I8 {};
struct I16 {};
struct I32 {};  // also enums: the enum's value
struct I64 {};
struct Double {};
struct Binary {};  // binary and string: std::string
struct Struct {};  // a described struct or union (or an empty struct, see below)
template <class Element>
struct List {};
// A union whose members are all empty structs, so that which member is set is the whole
// value (parquet.thrift's TimeUnit): an enum whose values are the member field ids.
struct EnumUnion {
  const char* name;  // for error messages
};
}  // namespace wire

inline constexpr wire::Bool bool_{};
inline constexpr wire::I8 i8{};
inline constexpr wire::I16 i16{};
inline constexpr wire::I32 i32{};
inline constexpr wire::I64 i64{};
inline constexpr wire::Double double_{};
inline constexpr wire::Binary binary{};
inline constexpr wire::Struct struct_{};
template <class Element>
constexpr wire::List<Element> list(Element /*element type*/) {
  return {};
}
constexpr wire::EnumUnion enum_union(const char* name) { return {name}; }

template <class Wire>
struct ListElement {};
template <class Element>
struct ListElement<wire::List<Element>> {
  using type = Element;  // the wire type of the elements
};

// The type code of a value of wire type Wire in a field header or a list header (bool:
// BOOLEAN_TRUE, which a list header uses for either value).
template <class Wire>
constexpr CompactType compact_type() {
  if constexpr (std::is_same_v<Wire, wire::Bool>) return CompactType::BOOLEAN_TRUE;
  if constexpr (std::is_same_v<Wire, wire::I8>) return CompactType::I8;
  if constexpr (std::is_same_v<Wire, wire::I16>) return CompactType::I16;
  if constexpr (std::is_same_v<Wire, wire::I32>) return CompactType::I32;
  if constexpr (std::is_same_v<Wire, wire::I64>) return CompactType::I64;
  if constexpr (std::is_same_v<Wire, wire::Double>) return CompactType::DOUBLE;
  if constexpr (std::is_same_v<Wire, wire::Binary>) return CompactType::BINARY;
  if constexpr (std::is_same_v<Wire, wire::Struct> || std::is_same_v<Wire, wire::EnumUnion>) {
    return CompactType::STRUCT;
  }
  return CompactType::LIST;  // wire::List<E>
}

// ---------------------------------------------------------------------------------------
// Structs
// ---------------------------------------------------------------------------------------

enum class Requiredness : bool { kOptional, kRequired };
inline constexpr Requiredness kOptional = Requiredness::kOptional;
inline constexpr Requiredness kRequired = Requiredness::kRequired;

template <class Owner, class Member, class Wire>
struct FieldDescription {
  using owner_type = Owner;
  using member_type = Member;
  using wire_type = Wire;
  int16_t id;
  bool required;  // a decoded struct without it is an error
  Wire wire;
  const char* name;
  Member Owner::*member;
};

template <class Wire, class Owner, class Member>
constexpr FieldDescription<Owner, Member, Wire> field(int16_t id, Requiredness requiredness, Wire wire,
                                                      const char* name, Member Owner::*member) {
  return {id, requiredness == kRequired, wire, name, member};
}

template <class Owner, class... Fields>
struct StructDescription {
  const char* name;
  std::tuple<Fields...> fields;
};

// Called in a description's constant evaluation only when the description is wrong, which
// makes the compiler reject it (a non-constexpr call) and name this function.
inline void invalid_thrift_description(const char* /*why*/) {}

template <class Owner, class... Fields>
constexpr StructDescription<Owner, Fields...> thrift_struct(const char* name, Fields... fields) {
  static_assert((std::is_same_v<typename Fields::owner_type, Owner> && ...),
                "every field of a struct description must be a member of that struct");
  static_assert(sizeof...(Fields) <= 64, "the decoder tracks the fields seen in 64 bits");
  const int16_t ids[] = {int16_t{0}, fields.id...};
  for (size_t i = 1; i < sizeof...(Fields); ++i) {
    // The encoder writes the fields in description order; the Thrift compilers write them
    // by ascending id, and so must we to give the same bytes.
    if (ids[i + 1] <= ids[i]) invalid_thrift_description("field ids must ascend");
  }
  return {name, std::tuple<Fields...>(fields...)};
}

// ---------------------------------------------------------------------------------------
// Unions (a std::variant): exactly one member set on the wire.
// ---------------------------------------------------------------------------------------

template <class Alternative>
struct MemberDescription {
  using alternative_type = Alternative;
  int16_t id;
  const char* name;
};

template <class Alternative>
constexpr MemberDescription<Alternative> member(int16_t id, const char* name) {
  return {id, name};
}

// No alternative keeps the members unknown to this version: they are skipped.
struct NoUnknownMember {};

// Unknown: the alternative that keeps the field id of a member unknown to this version
// (a struct with an int16_t field_id), re-encoded as an empty struct under that id; or
// NoUnknownMember. A union read with no member set is Unknown{0}, or without Unknown, the
// variant's first alternative.
template <class Variant, class Unknown, class... Members>
struct UnionDescription {
  using unknown_type = Unknown;
  const char* name;
  std::tuple<Members...> members;
};

template <class Variant, class Unknown = NoUnknownMember, class... Members>
constexpr UnionDescription<Variant, Unknown, Members...> thrift_union(const char* name, Members... members) {
  constexpr size_t kAlternatives = std::variant_size_v<Variant>;
  constexpr size_t kKnown = std::is_same_v<Unknown, NoUnknownMember> ? kAlternatives : kAlternatives - 1;
  static_assert(sizeof...(Members) == kKnown,
                "a union description names one member per variant alternative (but the unknown one)");
  const int16_t ids[] = {int16_t{0}, members.id...};
  for (size_t i = 1; i < sizeof...(Members); ++i) {
    if (ids[i + 1] <= ids[i]) invalid_thrift_description("member ids must ascend");
  }
  return {name, std::tuple<Members...>(members...)};
}

// ---------------------------------------------------------------------------------------
// The description of a type, and what kind it is.
// ---------------------------------------------------------------------------------------

struct Undescribed {};

template <class T>
inline constexpr Undescribed kThrift{};

template <class D>
struct IsStructDescription : std::false_type {};
template <class Owner, class... Fields>
struct IsStructDescription<StructDescription<Owner, Fields...>> : std::true_type {};

template <class D>
struct IsUnionDescription : std::false_type {};
template <class Variant, class Unknown, class... Members>
struct IsUnionDescription<UnionDescription<Variant, Unknown, Members...>> : std::true_type {};

template <class T>
concept DescribedStruct = IsStructDescription<std::remove_cvref_t<decltype(kThrift<T>)>>::value;
template <class T>
concept DescribedUnion = IsUnionDescription<std::remove_cvref_t<decltype(kThrift<T>)>>::value;
template <class T>
concept Described = DescribedStruct<T> || DescribedUnion<T>;

// The alternative of union V that keeps unknown members, or NoUnknownMember.
template <DescribedUnion V>
using UnknownMemberOf = typename std::remove_cvref_t<decltype(kThrift<V>)>::unknown_type;

// A field member that is std::optional: absent fields are not written.
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// An empty struct needs no description (a union member such as LogicalType's STRING): it
// has no fields, and any field found in it is skipped.
template <class T>
concept EmptyStruct = !Described<T> && std::is_empty_v<T>;

}  // namespace crv::parquet::thrift
