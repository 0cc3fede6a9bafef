#pragma once
// The implementations of the original tool's commands, after their arguments parsed.
// Each prints the original's output and returns the exit code (1 for what the original
// raised as a ClickException, printed as "Error: <message>" on stderr).

#include <nlohmann/json.hpp>
#include <string>

#include "cli/arguments.h"
#include "cli/console.h"
#include "cli/original/click.h"

#include "engine/provider.h"

namespace cc::cli {

struct OriginalContext {
  const GlobalOptions& global;
  Console& console;  // with --format json, `out` is stderr: stdout holds the result alone
  const ClickParse& args;
  /// What the command did (its `action`, the names and ids), printed as one JSON object with
  /// --format json; never an option value.
  nlohmann::json& result;

  /// "Error: <message>" on stderr, and the result's `error`; returns 1.
  int fail(const std::string& message) const {
    console.err << "Error: " << message << "\n";
    result["error"] = {{"message", message}};
    return 1;
  }
};

/// Before delete_pipeline/delete_connection removes a resource no deployment manages: true
/// with --force or a "yes" on a terminal; otherwise prints why not and returns false.
bool confirmUnmanagedDelete(const OriginalContext& ctx, const engine::ObservedResource& observed);

int runOriginalCreatePipeline(const OriginalContext& ctx);
int runOriginalRunPipeline(const OriginalContext& ctx);
int runOriginalShowPipeline(const OriginalContext& ctx);
int runOriginalUpdatePipeline(const OriginalContext& ctx);
int runOriginalDeletePipeline(const OriginalContext& ctx);
/// create_connection (`create` true) or update_connection.
int runOriginalConnection(const OriginalContext& ctx, bool create);
int runOriginalDeleteConnection(const OriginalContext& ctx);
/// upload, publish, unpublish (today's original, §7.4 and §7.7): plain request sequences.
int runOriginalUpload(const OriginalContext& ctx);
int runOriginalPublish(const OriginalContext& ctx);
int runOriginalUnpublish(const OriginalContext& ctx);

}  // namespace cc::cli
