#pragma once
/// @file
/// crv-io's public API: settings, paths, the Env, manifests, validation, datasets (append,
/// scan, read, follow, rebuild, verify), run bundles and artifacts, and the frames and
/// builders that carry rows in and out. Enough for the README quickstart.

#include "crv/core/ids.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/core/table_name.hpp"
#include "crv/frame/builder.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_stream.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/artifacts.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/env.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/jsonl_schema.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/parquet_file.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "crv/io/row_writer.hpp"
#include "crv/io/run_bundle.hpp"
#include "crv/io/scan.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"
#include "crv/io/validate.hpp"
