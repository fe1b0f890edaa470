#include "crv/io/settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <functional>
#include <limits>
#include <sstream>
#include <string_view>
#include <variant>

#include <toml++/toml.h>

#include "crv/frame/utf8.hpp"
#include "crv/io/env.hpp"
#include "crv/io/errors.hpp"

namespace crv::io {
namespace {

// A raw setting value: the text of an environment variable or a TOML node.
using RawValue = std::variant<std::string, const toml::node*>;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string describe(const RawValue& raw) {
  if (const auto* text = std::get_if<std::string>(&raw)) return "'" + *text + "'";
  std::ostringstream out;
  const toml::node& node = *std::get<const toml::node*>(raw);
  node.visit([&out](const auto& value) { out << value; });
  return out.str();
}

[[noreturn]] void invalid(const RawValue& raw, const std::string& source, std::string_view expected) {
  throw IoConfigError("invalid value " + describe(raw) + " for " + source + ": expected " + std::string(expected));
}

std::string as_string(const RawValue& raw, const std::string& source) {
  if (const auto* text = std::get_if<std::string>(&raw)) {
    // An environment value is bytes; a setting is text (TOML strings are UTF-8 already).
    if (const auto bad = frame::first_invalid_utf8_byte(*text)) {
      throw IoConfigError("invalid value for " + source + ": not UTF-8 (at byte " + std::to_string(*bad) +
                          "); give the setting as UTF-8 text");
    }
    return *text;
  }
  const toml::node& node = *std::get<const toml::node*>(raw);
  if (const auto* value = node.as_string()) return value->get();
  invalid(raw, source, "a string");
}

std::int64_t as_int(const RawValue& raw, const std::string& source, std::int64_t minimum,
                    std::int64_t maximum = std::numeric_limits<std::int64_t>::max()) {
  const std::string expected =
      "an integer >= " + std::to_string(minimum) +
      (maximum < std::numeric_limits<std::int64_t>::max() ? " and <= " + std::to_string(maximum) : std::string());
  std::int64_t value = 0;
  if (const auto* node = std::get_if<const toml::node*>(&raw); node && !(*node)->is_string()) {
    const auto* integer = (*node)->as_integer();
    if (integer == nullptr) invalid(raw, source, expected);
    value = integer->get();
  } else {
    const std::string text =
        trim(std::holds_alternative<std::string>(raw) ? std::get<std::string>(raw)
                                                      : std::get<const toml::node*>(raw)->as_string()->get());
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (begin != end && *begin == '+') ++begin;
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (text.empty() || ec != std::errc() || stop != end) invalid(raw, source, expected);
  }
  if (value < minimum || value > maximum) invalid(raw, source, expected);
  return value;
}

bool as_bool(const RawValue& raw, const std::string& source) {
  constexpr std::string_view kExpected = "a boolean (1/0/true/false/t/f/yes/no/y/n/on/off)";
  std::string text;
  if (const auto* node = std::get_if<const toml::node*>(&raw)) {
    if (const auto* boolean = (*node)->as_boolean()) return boolean->get();
    if (const auto* integer = (*node)->as_integer()) {
      if (integer->get() == 0 || integer->get() == 1) return integer->get() == 1;
      invalid(raw, source, kExpected);
    }
    if (const auto* str = (*node)->as_string()) {
      text = str->get();
    } else {
      invalid(raw, source, kExpected);
    }
  } else {
    text = std::get<std::string>(raw);
  }
  const std::string word = lower(trim(text));
  for (std::string_view yes : {"1", "true", "t", "yes", "y", "on"}) {
    if (word == yes) return true;
  }
  for (std::string_view no : {"0", "false", "f", "no", "n", "off"}) {
    if (word == no) return false;
  }
  invalid(raw, source, kExpected);
}

std::string as_choice(const RawValue& raw, const std::string& source, std::initializer_list<std::string_view> choices) {
  const std::string value = lower(trim(as_string(raw, source)));
  std::string expected = "one of";
  for (std::string_view choice : choices) {
    if (choice == value) return value;
    expected += " ";
    expected += choice;
  }
  invalid(raw, source, expected);
}

std::string normalize_compression(const RawValue& raw, const std::string& source) {
  const std::string value = lower(trim(as_string(raw, source)));
  if (value == "none") return "uncompressed";
  if (value == "lz4_raw") return "lz4";
  for (std::string_view known : {"zstd", "lz4", "snappy", "gzip", "brotli", "uncompressed"}) {
    if (value == known) return value;
  }
  invalid(raw, source, "one of zstd lz4 snappy gzip brotli uncompressed (none, lz4_raw)");
}

// One setting: its TOML key (relative to the io table), its CRV_IO_ variable suffix,
// and how a raw value is applied.
struct Field {
  std::string_view toml_key;
  std::string_view env_suffix;
  std::function<void(IoSettings&, const RawValue&, const std::string&)> apply;
};

const std::vector<Field>& fields() {
  static const std::vector<Field> table = {
      {"root_dir", "ROOT_DIR",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         const std::string dir = as_string(v, src);
         if (dir.empty()) invalid(v, src, "a non-empty path");
         s.root_dir = dir;
       }},
      {"partitioning", "PARTITIONING",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         s.partitioning = as_choice(v, src, {"tick_buckets"});
       }},
      {"tick_bucket_size", "TICK_BUCKET_SIZE",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.tick_bucket_size = as_int(v, src, 1); }},
      {"row_group_size", "ROW_GROUP_SIZE",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.row_group_size = as_int(v, src, 1); }},
      {"compression", "COMPRESSION",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.compression = normalize_compression(v, src); }},
      {"compression_level", "COMPRESSION_LEVEL",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         s.compression_level = static_cast<int>(as_int(v, src, -131072, 22));
       }},
      {"fs_protocol", "FS_PROTOCOL",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.fs_protocol = as_choice(v, src, {"file"}); }},
      {"strict_schema", "STRICT_SCHEMA",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.strict_schema = as_bool(v, src); }},
      {"write_manifest_every_n", "WRITE_MANIFEST_EVERY_N",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.write_manifest_every_n = as_int(v, src, 1); }},
      {"write_threads", "WRITE_THREADS",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.write_threads = as_int(v, src, 0); }},
      {"inline_max_rows", "INLINE_MAX_ROWS",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.inline_max_rows = as_int(v, src, 0); }},
      {"inline_max_bytes", "INLINE_MAX_BYTES",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.inline_max_bytes = as_int(v, src, 0); }},
      {"log_segment_bytes", "LOG_SEGMENT_BYTES",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.log_segment_bytes = as_int(v, src, 4096); }},
      {"vacuum_grace_seconds", "VACUUM_GRACE_SECONDS",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.vacuum_grace_seconds = as_int(v, src, 0); }},
      {"valuation.enabled", "VALUATION_ENABLED",
       [](IoSettings& s, const RawValue& v, const std::string& src) { s.valuation.enabled = as_bool(v, src); }},
      {"valuation.cost_method", "VALUATION_COST_METHOD",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         s.valuation.cost_method = as_choice(v, src, {"wac", "fifo", "lifo", "specific_lot"});
       }},
      {"valuation.price_source", "VALUATION_PRICE_SOURCE",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         s.valuation.price_source = as_choice(v, src, {"last_trade", "baseline_value", "vwap_window", "oracle"});
       }},
      {"valuation.vwap_window_ticks", "VALUATION_VWAP_WINDOW_TICKS",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         s.valuation.vwap_window_ticks = as_int(v, src, 1);
       }},
      {"valuation.currency", "VALUATION_CURRENCY",
       [](IoSettings& s, const RawValue& v, const std::string& src) {
         const std::string currency = as_string(v, src);
         if (currency.empty()) invalid(v, src, "a non-empty currency");
         s.valuation.currency = currency;
       }},
  };
  return table;
}

// The settings table of a TOML document, and the dotted prefix of its keys.
struct SettingsTable {
  const toml::table* table = nullptr;
  std::string prefix;
};

const toml::table* subtable(const toml::table& root, std::initializer_list<std::string_view> path) {
  const toml::table* current = &root;
  for (std::string_view key : path) {
    const toml::node* node = current->get(key);
    if (node == nullptr || !node->is_table()) return nullptr;
    current = node->as_table();
  }
  return current;
}

// Whether a top-level table holds at least one settings key.
bool has_settings_keys(const toml::table& table) {
  for (const Field& field : fields()) {
    const std::string_view key = field.toml_key.substr(0, field.toml_key.find('.'));
    if (table.contains(key)) return true;
  }
  return table.contains("fs_options");
}

toml::table parse_toml(const std::filesystem::path& path) {
  Env& env = Env::posix();
  std::string text;
  try {
    text = env.read_file(path);
  } catch (const IoError& error) {
    throw IoConfigError("cannot read settings file: " + std::string(error.what()), error.sys_errno());
  }
  try {
    return toml::parse(text, path.string());
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "settings file '" << path.string() << "' is not valid TOML: " << error.description() << " (line "
            << error.source().begin.line << ", column " << error.source().begin.column << ")";
    throw IoConfigError(message.str());
  }
}

void apply_toml(IoSettings& settings, const SettingsTable& found, const std::string& file_name) {
  const toml::table& table = *found.table;
  const auto source = [&](std::string_view key) { return file_name + " key " + found.prefix + std::string(key); };
  for (const Field& field : fields()) {
    const toml::node* node = nullptr;
    const auto dot = field.toml_key.find('.');
    if (dot == std::string_view::npos) {
      node = table.get(field.toml_key);
    } else if (const toml::table* nested = subtable(table, {field.toml_key.substr(0, dot)})) {
      node = nested->get(field.toml_key.substr(dot + 1));
    }
    if (node != nullptr) field.apply(settings, RawValue{node}, source(field.toml_key));
  }
  if (const toml::node* options = table.get("fs_options")) {
    const toml::table* options_table = options->as_table();
    if (options_table == nullptr) {
      invalid(RawValue{options}, source("fs_options"), "a table of options");
    }
    settings.fs_options.clear();
    for (const auto& [key, value] : *options_table) {
      const std::string key_source = source("fs_options." + std::string(key.str()));
      if (value.is_table() || value.is_array()) invalid(RawValue{&value}, key_source, "a scalar");
      settings.fs_options[std::string(key.str())] =
          value.is_string() ? value.as_string()->get() : describe(RawValue{&value});
    }
  }
}

// Finds the settings table of a document: [tool.crv.io], [io], or the top level.
SettingsTable find_settings_table(const toml::table& root, bool allow_pyproject, bool allow_io) {
  if (allow_pyproject) {
    if (const toml::table* table = subtable(root, {"tool", "crv", "io"})) return {table, "tool.crv.io."};
  }
  if (allow_io) {
    if (const toml::table* table = subtable(root, {"io"})) return {table, "io."};
    if (has_settings_keys(root)) return {&root, ""};
  }
  return {};
}

void apply_environment(IoSettings& settings, const EnvVars& env) {
  for (const Field& field : fields()) {
    const std::string name = std::string(kEnvPrefix) + std::string(field.env_suffix);
    const std::optional<std::string> value = env.get(name);
    if (!value || value->empty()) continue;
    field.apply(settings, RawValue{*value}, "environment variable " + name);
  }
}

}  // namespace

IoSettings IoSettings::load(std::optional<std::filesystem::path> path, const EnvVars& env,
                            const std::filesystem::path& search_dir) {
  IoSettings settings;
  if (path) {
    if (!Env::posix().file_exists(*path)) {
      throw IoConfigError("settings file '" + path->string() + "' does not exist");
    }
    const toml::table root = parse_toml(*path);
    const SettingsTable found = find_settings_table(root, true, true);
    if (found.table != nullptr) apply_toml(settings, found, path->filename().string());
  } else {
    struct Candidate {
      const char* file_name;
      bool pyproject;
    };
    for (const Candidate candidate : {Candidate{"crv.toml", false}, Candidate{"pyproject.toml", true}}) {
      const std::filesystem::path file = search_dir / candidate.file_name;
      if (!Env::posix().file_exists(file)) continue;
      const toml::table root = parse_toml(file);
      const SettingsTable found = find_settings_table(root, candidate.pyproject, !candidate.pyproject);
      if (found.table == nullptr || found.table->empty()) continue;
      apply_toml(settings, found, candidate.file_name);
      break;
    }
  }
  apply_environment(settings, env);
  settings.validate();
  return settings;
}

void IoSettings::validate() const {
  const auto check = [](bool ok, std::string_view field, const std::string& value, std::string_view expected) {
    if (!ok) {
      throw IoConfigError("invalid IoSettings." + std::string(field) + " '" + value + "': expected " +
                          std::string(expected));
    }
  };
  const auto one_of = [](const std::string& value, std::initializer_list<std::string_view> choices) {
    return std::find(choices.begin(), choices.end(), value) != choices.end();
  };
  check(!root_dir.empty(), "root_dir", root_dir.string(), "a non-empty path");
  check(partitioning == "tick_buckets", "partitioning", partitioning, "tick_buckets");
  check(tick_bucket_size >= 1, "tick_bucket_size", std::to_string(tick_bucket_size), "an integer >= 1");
  check(row_group_size >= 1, "row_group_size", std::to_string(row_group_size), "an integer >= 1");
  check(one_of(compression, {"zstd", "lz4", "snappy", "gzip", "brotli", "uncompressed"}), "compression", compression,
        "one of zstd lz4 snappy gzip brotli uncompressed");
  check(compression_level <= 22, "compression_level", std::to_string(compression_level), "an integer <= 22");
  check(fs_protocol == "file", "fs_protocol", fs_protocol, "file");
  check(write_manifest_every_n >= 1, "write_manifest_every_n", std::to_string(write_manifest_every_n),
        "an integer >= 1");
  check(write_threads >= 0, "write_threads", std::to_string(write_threads), "an integer >= 0");
  check(inline_max_rows >= 0, "inline_max_rows", std::to_string(inline_max_rows), "an integer >= 0");
  check(inline_max_bytes >= 0, "inline_max_bytes", std::to_string(inline_max_bytes), "an integer >= 0");
  check(log_segment_bytes >= 4096, "log_segment_bytes", std::to_string(log_segment_bytes), "an integer >= 4096");
  check(vacuum_grace_seconds >= 0, "vacuum_grace_seconds", std::to_string(vacuum_grace_seconds), "an integer >= 0");
  check(one_of(valuation.cost_method, {"wac", "fifo", "lifo", "specific_lot"}), "valuation.cost_method",
        valuation.cost_method, "one of wac fifo lifo specific_lot");
  check(one_of(valuation.price_source, {"last_trade", "baseline_value", "vwap_window", "oracle"}),
        "valuation.price_source", valuation.price_source, "one of last_trade baseline_value vwap_window oracle");
  check(valuation.vwap_window_ticks >= 1, "valuation.vwap_window_ticks", std::to_string(valuation.vwap_window_ticks),
        "an integer >= 1");
  check(!valuation.currency.empty(), "valuation.currency", valuation.currency, "a non-empty currency");
}

nlohmann::json IoSettings::to_json() const {
  nlohmann::json options = nlohmann::json::object();
  for (const auto& [key, value] : fs_options) options[key] = value;
  return nlohmann::json{
      {"root_dir", root_dir.string()},
      {"partitioning", partitioning},
      {"tick_bucket_size", tick_bucket_size},
      {"row_group_size", row_group_size},
      {"compression", compression},
      {"compression_level", compression_level},
      {"fs_protocol", fs_protocol},
      {"fs_options", options},
      {"strict_schema", strict_schema},
      {"write_manifest_every_n", write_manifest_every_n},
      {"write_threads", write_threads},
      {"inline_max_rows", inline_max_rows},
      {"inline_max_bytes", inline_max_bytes},
      {"log_segment_bytes", log_segment_bytes},
      {"vacuum_grace_seconds", vacuum_grace_seconds},
      {"valuation",
       {{"enabled", valuation.enabled},
        {"cost_method", valuation.cost_method},
        {"price_source", valuation.price_source},
        {"vwap_window_ticks", valuation.vwap_window_ticks},
        {"currency", valuation.currency}}},
  };
}

}  // namespace crv::io
