#pragma once
// The times of a manifest being written (private to the io layer).

#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"
#include "io/iso_time.hpp"

namespace crv::io::detail {

/// Stamps a new version of a manifest about to be written: updated_at is now (the Env's
/// clock), and an empty created_at (a manifest that had none) becomes now too.
inline void stamp_write_time(TableManifest& manifest, const Env& env) {
  manifest.updated_at = utc_now_iso(env);
  if (manifest.created_at.empty()) manifest.created_at = manifest.updated_at;
}

/// Fills the times a manifest lacks (a manifest made by TableManifest::create without a
/// time, and no part yet) with now; a manifest that has them is written as it is.
inline void fill_missing_times(TableManifest& manifest, const Env& env) {
  if (manifest.created_at.empty()) manifest.created_at = utc_now_iso(env);
  if (manifest.updated_at.empty()) manifest.updated_at = manifest.created_at;
}

}  // namespace crv::io::detail
