#include "frame/jsonl_line.hpp"

#include <crv/frame/error.hpp>
#include <crv/frame/limits.hpp>

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

namespace crv::frame::detail {
namespace {

using ordered_json = nlohmann::ordered_json;

/// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
/// column 7: " prefix, which describes the position within the line we report ourselves.
std::string reason_of(const nlohmann::detail::exception& error) {
  std::string_view text(error.what());
  if (const size_t bracket = text.find("] "); bracket != std::string_view::npos) text.remove_prefix(bracket + 2);
  if (text.starts_with("parse error at line")) {
    if (const size_t colon = text.find(": "); colon != std::string_view::npos) text.remove_prefix(colon + 2);
  }
  return std::string(text);
}

/// Builds the value as nlohmann's DOM parser does, iteratively (a stack of open containers),
/// and throws on what that parser accepts and crv-io must not.
class LineBuilder {
 public:
  explicit LineBuilder(int64_t line_number) : line_number_(line_number) {}

  ordered_json take() { return std::move(root_); }

  bool null() { return add(nullptr); }
  bool boolean(bool value) { return add(value); }
  bool number_integer(ordered_json::number_integer_t value) { return add(value); }
  bool number_unsigned(ordered_json::number_unsigned_t value) { return add(value); }
  bool number_float(ordered_json::number_float_t value, const std::string& /*text*/) { return add(value); }
  bool string(std::string& value) { return add(std::move(value)); }
  bool binary(ordered_json::binary_t& value) { return add(std::move(value)); }

  bool start_object(std::size_t /*elements*/) { return open(ordered_json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(ordered_json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& name) {
    ordered_json& object = *open_.back();
    auto [it, inserted] = object.get_ref<ordered_json::object_t&>().emplace(name, nullptr);
    if (open_.size() == 1) {
      if (!inserted) fail(fmt::format("column '{}' appears twice; each key may appear once in an object", name), false);
      column_ = name;
    } else if (!inserted) {
      fail(fmt::format("key '{}' appears twice in one nested object; each key may appear once in an object", name));
    }
    pending_ = &it->second;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& error) {
    const bool range = dynamic_cast<const nlohmann::detail::out_of_range*>(&error) != nullptr;
    fail(fmt::format("invalid JSON at character {}: {}{}", position, reason_of(error),
                     range ? " (numbers must fit a 64-bit float: at most about 1.8e308)" : ""));
  }

 private:
  [[noreturn]] void fail(const std::string& what, bool name_column = true) const {
    throw FrameError(!name_column || column_.empty() || open_.empty()
                         ? fmt::format("JSONL line {}: {}", line_number_, what)
                         : fmt::format("JSONL line {}, column '{}': {}", line_number_, column_, what));
  }

  /// Where the next value goes: the root, the slot of the key just read, or a new array item.
  ordered_json* slot() {
    if (open_.empty()) return &root_;
    ordered_json& container = *open_.back();
    if (container.is_array()) {
      container.get_ref<ordered_json::array_t&>().emplace_back();
      return &container.get_ref<ordered_json::array_t&>().back();
    }
    return pending_;
  }

  bool add(ordered_json value) {
    *slot() = std::move(value);
    return true;
  }

  bool open(ordered_json container) {
    // The line's object is level 0; a column's value opened at level k makes the column
    // k struct or list levels deep.
    const auto level = static_cast<int>(open_.size());
    if (level > kMaxNestingDepth) {
      fail(
          fmt::format("nested deeper than {} levels of objects and arrays, the limit of crv-io's writer and reader; "
                      "flatten the value, or store its deepest part as a JSON string",
                      kMaxNestingDepth));
    }
    ordered_json* target = slot();
    *target = std::move(container);
    open_.push_back(target);
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  int64_t line_number_;
  ordered_json root_;
  std::vector<ordered_json*> open_;  // the open objects and arrays, outermost first
  ordered_json* pending_ = nullptr;  // the slot of the key just read
  std::string column_;               // the last top-level key: the column of what follows
};

}  // namespace

nlohmann::ordered_json parse_jsonl_line(std::string_view line, int64_t line_number) {
  LineBuilder builder(line_number);
  ordered_json::sax_parse(line, &builder);
  return builder.take();
}

}  // namespace crv::frame::detail
