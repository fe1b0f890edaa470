#include "crv/io/manifest.hpp"

#include "crv/core/inclusive_range.hpp"

#include "crv/frame/canonical_json.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/atomic_write.hpp"
#include "io/manifest_errors.hpp"
#include "io/manifest_json_value.hpp"
#include "io/manifest_stamp.hpp"

namespace crv::io {
namespace {

using nlohmann::json;

// The decoder of a manifest's JSON, written once over the views of manifest_json_value.hpp
// (V: NlohmannJsonValue or SimdJsonValue).

// `where` is the path of the object a key is looked up in ("partitions.000001."); the
// key's full name is built only for an error message.
template <class V>
V require(const V& object, std::string_view key, std::string_view where) {
  std::optional<V> found = object.find(key);
  if (!found) throw IoManifestError("manifest key '" + std::string(where) + std::string(key) + "' is missing");
  return *found;
}

template <class V>
std::int64_t read_int(const V& value, std::string_view where, std::string_view key) {
  if (!value.is_integer()) {
    throw IoManifestError("manifest key '" + std::string(where) + std::string(key) + "' must be an integer, got " +
                          value.type_name());
  }
  if (value.exceeds_int64()) {
    throw IoManifestError("manifest key '" + std::string(where) + std::string(key) + "' is out of the int64 range");
  }
  return value.as_int64();
}

template <class V>
std::string read_string(const V& value, std::string_view where, std::string_view key) {
  if (!value.is_string()) {
    throw IoManifestError("manifest key '" + std::string(where) + std::string(key) + "' must be a string, got " +
                          value.type_name());
  }
  return value.as_string();
}

template <class V>
std::int64_t require_int(const V& object, std::string_view key, std::string_view where) {
  return read_int(require(object, key, where), where, key);
}

template <class V>
std::string optional_string(const V& object, std::string_view key, std::string_view where, std::string fallback) {
  const std::optional<V> found = object.find(key);
  if (!found || found->is_null()) return fallback;
  return read_string(*found, where, key);
}

template <class V>
void require_object(const V& value, std::string_view key) {
  if (!value.is_object()) {
    throw IoManifestError("manifest key '" + std::string(key) + "' must be an object, got " + value.type_name());
  }
}

template <class V>
PartEntry part_from_json(const V& value, const std::string& where) {
  if (!value.is_object()) require_object(value, where.substr(0, where.size() - 1));  // its name built only then
  PartEntry part;
  part.path = read_string(require(value, "path", where), where, "path");
  part.rows = require_int(value, "rows", where);
  part.bytes = require_int(value, "bytes", where);
  part.tick_min = require_int(value, "tick_min", where);
  part.tick_max = require_int(value, "tick_max", where);
  part.created_at = optional_string(value, "created_at", where, "");
  return part;
}

template <class V>
PartitionEntry partition_from_json(const std::string& key, const V& value) {
  const std::string where = "partitions." + key + ".";
  if (!value.is_object()) require_object(value, "partitions." + key);
  PartitionEntry partition;
  if (const std::optional<V> id = value.find("bucket_id")) {
    partition.bucket_id = read_int(*id, where, "bucket_id");
  } else {
    const auto parsed = parse_bucket_dir_name(std::string(kBucketDirPrefix) + key);
    if (!parsed) {
      throw IoManifestError("manifest key '" + where + "bucket_id' is missing and '" + key + "' is not a bucket id");
    }
    partition.bucket_id = *parsed;
  }
  const auto key_id = parse_bucket_dir_name(std::string(kBucketDirPrefix) + key);
  if (key_id && *key_id != partition.bucket_id) {
    throw IoManifestError("manifest partition '" + key + "' holds bucket_id " + std::to_string(partition.bucket_id));
  }
  partition.state = optional_string(value, "state", where, kPartitionStateReady);
  partition.tick_min = require_int(value, "tick_min", where);
  partition.tick_max = require_int(value, "tick_max", where);
  partition.row_count = require_int(value, "row_count", where);
  partition.byte_size = require_int(value, "byte_size", where);
  const V parts = require(value, "parts", where);
  if (!parts.is_array()) {
    throw IoManifestError("manifest key '" + where + "parts' must be an array, got " + parts.type_name());
  }
  const std::vector<V> items = parts.elements();
  partition.parts.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    partition.parts.push_back(part_from_json(items[i], where + "parts[" + std::to_string(i) + "]."));
  }
  return partition;
}

template <class V>
TableManifest manifest_from_json(const V& value) {
  require_object(value, "<root>");
  TableManifest manifest;
  manifest.table = read_string(require(value, "table", ""), "", "table");
  if (const std::optional<V> version = value.find("version")) {
    manifest.version = static_cast<int>(read_int(*version, "", "version"));
  }
  manifest.created_at = optional_string(value, "created_at", "", "");
  manifest.updated_at = optional_string(value, "updated_at", "", manifest.created_at);
  const V partitions_json = require(value, "partitions", "");
  require_object(partitions_json, "partitions");
  for (const auto& [key, partition_json] : partitions_json.members()) {
    PartitionEntry partition = partition_from_json(key, partition_json);
    const std::int64_t id = partition.bucket_id;
    if (!manifest.partitions.emplace(id, std::move(partition)).second) {
      throw IoManifestError("manifest has two partitions for bucket_id " + std::to_string(id));
    }
  }
  return manifest;
}

/// The manifest's text, as nlohmann's dump(2) would print it, appended to one string: objects
/// and arrays indented by two spaces per level, "key": value, empty ones as {} and [].
class ManifestTextWriter {
 public:
  void write(const TableManifest& manifest) {
    text_.reserve(256 + 256 * manifest.part_count());
    text_ += "{\n";
    key(1, "table");
    string(manifest.table);
    text_ += ",\n";
    key(1, "version");
    integer(manifest.version);
    text_ += ",\n";
    key(1, "created_at");
    string(manifest.created_at);
    text_ += ",\n";
    key(1, "updated_at");
    string(manifest.updated_at);
    text_ += ",\n";
    key(1, "partitions");
    if (manifest.partitions.empty()) {
      text_ += "{}";
    } else {
      text_ += "{\n";
      bool first = true;
      for (const auto& [id, partition] : manifest.partitions) {
        if (!first) text_ += ",\n";
        first = false;
        key(2, bucket_key(id));
        write(partition);
      }
      text_ += '\n';
      indent(1);
      text_ += '}';
    }
    text_ += "\n}\n";
  }

  std::string take() { return std::move(text_); }

 private:
  void write(const PartitionEntry& partition) {
    text_ += "{\n";
    int_field(3, "bucket_id", partition.bucket_id);
    key(3, "state");
    string(partition.state);
    text_ += ",\n";
    int_field(3, "tick_min", partition.tick_min);
    int_field(3, "tick_max", partition.tick_max);
    int_field(3, "row_count", partition.row_count);
    int_field(3, "byte_size", partition.byte_size);
    key(3, "parts");
    if (partition.parts.empty()) {
      text_ += "[]";
    } else {
      text_ += "[\n";
      bool first = true;
      for (const PartEntry& part : partition.parts) {
        if (!first) text_ += ",\n";
        first = false;
        indent(4);
        write(part);
      }
      text_ += '\n';
      indent(3);
      text_ += ']';
    }
    text_ += '\n';
    indent(2);
    text_ += '}';
  }

  void write(const PartEntry& part) {
    text_ += "{\n";
    key(5, "path");
    string(part.path);
    text_ += ",\n";
    int_field(5, "rows", part.rows);
    int_field(5, "bytes", part.bytes);
    int_field(5, "tick_min", part.tick_min);
    int_field(5, "tick_max", part.tick_max);
    key(5, "created_at");
    string(part.created_at);
    text_ += '\n';
    indent(4);
    text_ += '}';
  }

  void indent(int level) { text_.append(static_cast<std::size_t>(2 * level), ' '); }

  void key(int level, std::string_view name) {
    indent(level);
    string(name);
    text_ += ": ";
  }

  void int_field(int level, std::string_view name, std::int64_t value) {
    key(level, name);
    integer(value);
    text_ += ",\n";
  }

  void integer(std::int64_t value) {
    char digits[24];
    const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
    text_.append(digits, result.ptr);
  }

  /// JSON string as nlohmann escapes it (ensure_ascii off): the quote, the backslash and
  /// control characters escaped; text with non-ASCII bytes goes through nlohmann itself,
  /// which checks the UTF-8 as dump() does.
  // Same escapes as nlohmann's dump() (JSON.stringify's, which the canonical writer follows).
  void string(std::string_view value) { frame::append_json_string(text_, value); }

  std::string text_;
};

}  // namespace

bool PartitionEntry::overlaps(std::optional<std::int64_t> range_min, std::optional<std::int64_t> range_max) const {
  return core::overlaps(tick_min, tick_max, range_min, range_max);
}

TableManifest TableManifest::create(std::string table, std::string created_at) {
  TableManifest manifest;
  manifest.table = std::move(table);
  manifest.created_at = std::move(created_at);
  manifest.updated_at = manifest.created_at;
  return manifest;
}

void TableManifest::add_part(std::int64_t bucket_id, PartEntry part) {
  auto [it, inserted] = partitions.try_emplace(bucket_id);
  PartitionEntry& partition = it->second;
  if (inserted || partition.parts.empty()) {
    partition.bucket_id = bucket_id;
    partition.tick_min = part.tick_min;
    partition.tick_max = part.tick_max;
  } else {
    partition.tick_min = std::min(partition.tick_min, part.tick_min);
    partition.tick_max = std::max(partition.tick_max, part.tick_max);
  }
  partition.row_count += part.rows;
  partition.byte_size += part.bytes;
  if (!part.created_at.empty()) updated_at = part.created_at;
  if (created_at.empty()) created_at = updated_at;
  partition.parts.push_back(std::move(part));
}

bool TableManifest::remove_part(std::int64_t bucket_id, std::string_view path) {
  const auto it = partitions.find(bucket_id);
  if (it == partitions.end()) return false;
  std::vector<PartEntry>& parts = it->second.parts;
  const auto found = std::find_if(parts.begin(), parts.end(), [&](const PartEntry& part) { return part.path == path; });
  if (found == parts.end()) return false;
  parts.erase(found);
  if (parts.empty()) {
    partitions.erase(it);
  } else {
    PartitionEntry& partition = it->second;
    partition.row_count = 0;
    partition.byte_size = 0;
    partition.tick_min = parts.front().tick_min;
    partition.tick_max = parts.front().tick_max;
    for (const PartEntry& part : parts) {
      partition.row_count += part.rows;
      partition.byte_size += part.bytes;
      partition.tick_min = std::min(partition.tick_min, part.tick_min);
      partition.tick_max = std::max(partition.tick_max, part.tick_max);
    }
  }
  return true;
}

bool TableManifest::has_part(std::int64_t bucket_id, std::string_view path) const {
  const auto it = partitions.find(bucket_id);
  if (it == partitions.end()) return false;
  return std::any_of(it->second.parts.begin(), it->second.parts.end(),
                     [&](const PartEntry& part) { return part.path == path; });
}

std::vector<const PartitionEntry*> TableManifest::partitions_overlapping(std::optional<std::int64_t> range_min,
                                                                         std::optional<std::int64_t> range_max) const {
  std::vector<const PartitionEntry*> selected;
  for (const auto& [id, partition] : partitions) {
    if (partition.overlaps(range_min, range_max)) selected.push_back(&partition);
  }
  return selected;
}

std::int64_t TableManifest::total_rows() const {
  std::int64_t rows = 0;
  for (const auto& [id, partition] : partitions) rows += partition.row_count;
  return rows;
}

std::int64_t TableManifest::total_bytes() const {
  std::int64_t bytes = 0;
  for (const auto& [id, partition] : partitions) bytes += partition.byte_size;
  return bytes;
}

std::size_t TableManifest::part_count() const {
  std::size_t count = 0;
  for (const auto& [id, partition] : partitions) count += partition.parts.size();
  return count;
}

std::optional<std::int64_t> TableManifest::tick_min() const {
  std::optional<std::int64_t> result;
  for (const auto& [id, partition] : partitions) {
    if (!result || partition.tick_min < *result) result = partition.tick_min;
  }
  return result;
}

std::optional<std::int64_t> TableManifest::tick_max() const {
  std::optional<std::int64_t> result;
  for (const auto& [id, partition] : partitions) {
    if (!result || partition.tick_max > *result) result = partition.tick_max;
  }
  return result;
}

std::vector<std::int64_t> TableManifest::bucket_ids() const {
  std::vector<std::int64_t> ids;
  ids.reserve(partitions.size());
  for (const auto& [id, partition] : partitions) ids.push_back(id);
  return ids;
}

nlohmann::ordered_json TableManifest::to_json() const {
  // One serializer: the manifest's text (what is written to disk), parsed. A second
  // serializer building the JSON value would have to agree with it byte for byte.
  return nlohmann::ordered_json::parse(manifest_text(*this));
}

TableManifest TableManifest::from_json(const json& value) {
  return manifest_from_json(detail::NlohmannJsonValue(value));
}

TableManifest parse_manifest(std::string_view text, const std::filesystem::path& path) {
  // simdjson first; when it refuses the text, nlohmann's parser says why (its errors name the
  // line and column) and decides, so that what is accepted stays what nlohmann accepts.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element document;
  std::optional<json> fallback;
  if (parser.parse(text.data(), text.size()).get(document) != simdjson::SUCCESS) {
    try {
      fallback = json::parse(text);
    } catch (const json::exception& error) {
      // parse_error, and out_of_range for a number past the double range ("1e400").
      throw IoManifestError("manifest '" + path.string() + "' is not valid JSON: " + error.what() + "; " +
                            "run `crv-io rebuild-manifest` to re-derive it from the part files");
    }
  }
  try {
    return fallback ? TableManifest::from_json(*fallback) : manifest_from_json(detail::SimdJsonValue(document));
  } catch (const IoManifestError& error) {
    throw IoManifestError("invalid manifest '" + path.string() + "': " + error.what());
  }
}

std::optional<TableManifest> load_manifest(Env& env, const std::filesystem::path& path) {
  std::string text;
  try {
    if (!env.file_exists(path)) return std::nullopt;
    text = env.read_file(path);
  } catch (const IoError& error) {
    throw detail::manifest_read_error(path, error);
  }
  return parse_manifest(text, path);
}

std::string rebuild_manifest_hint(std::string_view run_id, std::string_view table) {
  return "run `crv-io rebuild-manifest --run " + std::string(run_id) + " --table " + std::string(table) +
         "` to re-derive the manifest from the part files, or restore the file from a backup";
}

void check_manifest_parts(const TableManifest& manifest, const std::filesystem::path& path, std::string_view run_id) {
  for (const auto& [bucket_id, partition] : manifest.partitions) {
    const std::string where = "partitions." + bucket_key(bucket_id) + ".parts";
    std::vector<std::pair<std::string_view, std::size_t>> names;
    names.reserve(partition.parts.size());
    for (std::size_t i = 0; i < partition.parts.size(); ++i) {
      const std::string& name = partition.parts[i].path;
      if (!is_canonical_part_name(name)) {
        throw IoManifestError("manifest '" + path.string() + "' lists the part path '" + name + "' (" + where + "[" +
                              std::to_string(i) + "].path), which is not a part name inside its bucket directory " +
                              bucket_dir_name(bucket_id) +
                              " (expected part-<32 lowercase hex>.parquet; no '/', no '..'); " +
                              rebuild_manifest_hint(run_id, manifest.table));
      }
      names.emplace_back(name, i);
    }
    std::sort(names.begin(), names.end());
    for (std::size_t k = 1; k < names.size(); ++k) {
      if (names[k].first != names[k - 1].first) continue;
      throw IoManifestError("manifest '" + path.string() + "' lists the part '" + std::string(names[k].first) +
                            "' of " + bucket_dir_name(bucket_id) + " twice (" + where + "[" +
                            std::to_string(names[k - 1].second) + "] and [" + std::to_string(names[k].second) +
                            "]); its rows would be read twice; " + rebuild_manifest_hint(run_id, manifest.table));
    }
  }
}

std::string manifest_text(const TableManifest& manifest) {
  ManifestTextWriter writer;
  writer.write(manifest);
  return writer.take();
}

void save_manifest(Env& env, const std::filesystem::path& path, const TableManifest& manifest) {
  // Copied only to fill in missing times (a manifest of many parts is not copied per save).
  std::optional<TableManifest> stamped;
  if (manifest.created_at.empty() || manifest.updated_at.empty()) {
    stamped = manifest;
    detail::fill_missing_times(*stamped, env);
  }
  const std::string text = manifest_text(stamped ? *stamped : manifest);
  try {
    write_file_atomically(env, path, text);
  } catch (const IoError& error) {
    throw detail::manifest_write_error(path, error);
  }
}

namespace detail {

IoManifestError manifest_read_error(const std::filesystem::path& path, const IoError& error) {
  return IoManifestError("cannot read manifest '" + path.string() + "': " + error.what(), error.sys_errno());
}

IoManifestError manifest_write_error(const std::filesystem::path& path, const IoError& error) {
  return IoManifestError("cannot write manifest '" + path.string() + "': " + error.what(), error.sys_errno());
}

}  // namespace detail

}  // namespace crv::io
