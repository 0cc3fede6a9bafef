#pragma once
// The results of commands for machines (`--format json`): one JSON object per run with a
// top-level `format_version`, snake_case keys, keys in a stable (sorted) order, as `plan
// --format json` prints plans. Secrets never reach them: errors carry what the text output
// shows, options are never included. docs/user-guide.md ("Machine-readable output") lists
// each command's shape.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "engine/diagnostic.h"
#include "engine/executor.h"
#include "engine/plan.h"

namespace cc::render {

/// Version of every result object's shape; bumped on any incompatible change.
inline constexpr int kResultJsonFormatVersion = 1;

/// `{"message": …}` plus, for a failed API request, its `status`, `error_code` and
/// `request_id` (those the answer had).
nlohmann::json diagnosticJson(const engine::Diagnostic& diagnostic);

/// apply's or destroy's result (`command`): the status ("ok", "failed", "cancelled" or
/// "no_changes" when `summary` is null: nothing was executed), the summary counts and each
/// mutating action with its status ("ok", "failed", "skipped", "not_started"), its error, the
/// dependency that skipped it and a run's update id.
nlohmann::json applyResultJson(std::string_view command, const engine::Plan& plan, const engine::ApplySummary* summary);

/// `doc` indented by two, one trailing newline; invalid UTF-8 replaced, never thrown on.
void printJson(const nlohmann::json& doc, std::ostream& out);

}  // namespace cc::render
