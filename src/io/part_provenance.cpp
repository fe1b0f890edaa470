#include "io/part_provenance.hpp"

#include <charconv>
#include <map>
#include <optional>

#include "crv/io/paths.hpp"

namespace crv::io::detail {
namespace {

template <class Integer>
std::optional<Integer> parse_integer(const std::string& text) {
  Integer value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string join(const std::vector<ReplacedPart>& parts) {
  std::string out;
  for (const ReplacedPart& part : parts) {
    if (!out.empty()) out += ',';
    out += part.name + ':' + part.commit_id;
  }
  return out;
}

/// `name:commit_id` entries separated by commas; nullopt when a name is not a canonical part
/// name.
std::optional<std::vector<ReplacedPart>> split_replaced(const std::string& text) {
  std::vector<ReplacedPart> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string entry = text.substr(start, comma - start);
    const std::size_t colon = entry.find(':');
    ReplacedPart part{entry.substr(0, colon), colon == std::string::npos ? std::string() : entry.substr(colon + 1)};
    if (!is_canonical_part_name(part.name)) return std::nullopt;
    parts.push_back(std::move(part));
    start = comma + 1;
  }
  return parts;
}

}  // namespace

void add_provenance(parquet::WriterOptions& writer, const PartProvenance& provenance) {
  auto& metadata = writer.key_value_metadata;
  metadata.emplace_back(kCommitIdMetadataKey, provenance.commit_id);
  metadata.emplace_back(kCommitPartsMetadataKey, std::to_string(provenance.commit_parts));
  metadata.emplace_back(kLogSegmentMetadataKey, std::to_string(provenance.log_segment));
  if (!provenance.replaces.empty()) metadata.emplace_back(kReplacesMetadataKey, join(provenance.replaces));
}

PartProvenance read_provenance(const parquet::FileReader& reader) {
  const std::map<std::string, std::string> metadata = reader.key_value_metadata();
  const auto value = [&metadata](const char* key) -> const std::string* {
    const auto it = metadata.find(key);
    return it == metadata.end() ? nullptr : &it->second;
  };
  const std::string* commit_id = value(kCommitIdMetadataKey);
  const std::string* parts = value(kCommitPartsMetadataKey);
  const std::string* segment = value(kLogSegmentMetadataKey);
  if (commit_id == nullptr || commit_id->empty() || parts == nullptr || segment == nullptr) return {};
  PartProvenance provenance;
  const auto count = parse_integer<std::int64_t>(*parts);
  const auto log_segment = parse_integer<std::uint64_t>(*segment);
  if (!count || *count < 1 || !log_segment) return {};
  provenance.commit_id = *commit_id;
  provenance.commit_parts = *count;
  provenance.log_segment = *log_segment;
  if (const std::string* replaces = value(kReplacesMetadataKey)) {
    auto replaced = split_replaced(*replaces);
    if (!replaced) return {};
    provenance.replaces = std::move(*replaced);
  }
  return provenance;
}

}  // namespace crv::io::detail
