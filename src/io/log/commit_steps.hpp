#pragma once
// The steps of a commit that a stream's commit (append_stream.cpp) shares with an append's
// (commit.cpp), private to the io layer.

#include <string>
#include <vector>

#include "crv/core/table_name.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/settings.hpp"
#include "io/log/log_record.hpp"
#include "io/log/run_log.hpp"

namespace crv::io::detail {

/// One table's entry of a commit record: its inline rows and the parts written for it.
TableCommit table_commit(const IoSettings& settings, const std::string& table,
                         const std::vector<InlineRows>& inline_rows, const std::vector<AppendedPart>& parts,
                         const std::string& created_at);

/// The summary of a commit's `parts` of `table` (inline rows as parts of path ""): the parts in
/// bucket order (a bucket's in the order written), their rows, the buckets once each.
AppendSummary summary_of_parts(std::string table, std::string run_id, std::vector<AppendedPart> parts);

/// After a commit that wrote `parts` of `table`: when a checkpoint is due, under the table's
/// lock, the leftovers of crashed appends in buckets this process had not cleaned are deleted
/// and manifest.json is rewritten. A failure is ignored: the commit is durable in the log.
void checkpoint_after_parts(RunLog& run, core::TableName table, const std::vector<AppendedPart>& parts);

}  // namespace crv::io::detail
