#pragma once
// The manifests that appends of this process saved, with their text and file identity, so
// that the next append to the same table neither reads nor parses manifest.json again while
// the file is the one it wrote (same device, inode, size and mtime). Appends hold the
// table's lock while they take and put back an entry.

#include <filesystem>
#include <optional>
#include <string>

#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"

namespace crv::io::detail {

/// A manifest and the exact text of its file.
struct ManifestFile {
  TableManifest manifest;
  std::string text;
};

/// The manifest at `path`: nullopt when there is no file; the cached one (removed from the
/// cache) when the file's identity is the cached one's; else the file read once and parsed.
/// IoManifestError when it cannot be read or is invalid.
std::optional<ManifestFile> load_manifest_for_append(Env& env, const std::filesystem::path& path);

/// Remembers the manifest an append has just saved at `path`, whose file has `identity`
/// (read from the .tmp before its rename, which keeps device, inode, size and mtime).
void remember_saved_manifest(const std::filesystem::path& path, const FileIdentity& identity, ManifestFile saved);

/// Most manifests remembered at once (each table of each dataset appended to has one).
inline constexpr std::size_t kMaxRememberedManifests = 64;

}  // namespace crv::io::detail
