// The original tool's commands: their Click grammar (original_click), then one function each.
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/original/command_set.h"
#include "cli/original/command_specs.h"
#include "cli/command_support.h"
#include "engine/ownership.h"
#include "render/result_json.h"

namespace cc::cli {

bool confirmUnmanagedDelete(const OriginalContext& ctx, const engine::ObservedResource& observed) {
  if (engine::carriesMarker(observed) || ctx.args.flag("force")) return true;
  const std::string what = observed.key.display() + " is not managed by community-connector (no deployment made it)";
  if (!ctx.console.interactive) {
    ctx.fail(what + "; pass --force to delete it anyway");
    return false;
  }
  ctx.console.out << what << ".";
  if (confirm(ctx.console, "Delete it anyway?")) return true;
  ctx.fail("nothing was deleted");
  return false;
}

namespace {

int dispatchOriginal(const std::string& command, const OriginalContext& ctx) {
  if (command == "create_pipeline") return runOriginalCreatePipeline(ctx);
  if (command == "run_pipeline") return runOriginalRunPipeline(ctx);
  if (command == "show_pipeline") return runOriginalShowPipeline(ctx);
  if (command == "create_connection") return runOriginalConnection(ctx, true);
  if (command == "update_connection") return runOriginalConnection(ctx, false);
  if (command == "update_pipeline") return runOriginalUpdatePipeline(ctx);
  if (command == "delete_pipeline") return runOriginalDeletePipeline(ctx);
  if (command == "upload") return runOriginalUpload(ctx);
  if (command == "publish") return runOriginalPublish(ctx);
  if (command == "unpublish") return runOriginalUnpublish(ctx);
  return runOriginalDeleteConnection(ctx);
}

}  // namespace

int runOriginalCommand(const std::string& command, const std::vector<std::string>& args, const GlobalOptions& global,
                  Console& console) {
  const ClickCommand* spec = originalCommand(command);
  if (spec == nullptr) {
    console.err << "Error: No such command '" << command << "'.\n";
    return 2;
  }
  // `--debug` belongs before the command, as in the original; after it we accept it too.
  GlobalOptions effective = global;
  std::vector<std::string> words;
  for (const auto& a : args) {
    if (a == "--debug") {
      effective.debug = true;
    } else {
      words.push_back(a);
    }
  }
  ClickOutcome parsed = parseClick(*spec, words, kOriginalProgram);
  switch (parsed.kind) {
    case ClickOutcome::Kind::Help:
      console.out << parsed.text;
      return toInt(ExitCode::Ok);
    case ClickOutcome::Kind::UsageError:
      console.err << parsed.text;
      return 2;  // Click's usage-error exit code
    case ClickOutcome::Kind::Parsed:
      break;
  }
  // --format json: the text output moves to stderr and the result object is stdout's only
  // content. show_pipeline's JSON is its report itself, printed by the command.
  const bool wantsJson = command != "show_pipeline" && parsed.parse.value("format") == std::optional<std::string>("json");
  Console human{wantsJson ? console.err : console.out, console.err, console.color && !wantsJson, console.interactive};
  nlohmann::json result = nlohmann::json::object();
  const int code = dispatchOriginal(command, OriginalContext{effective, human, parsed.parse, result});
  if (wantsJson) {
    result["format_version"] = render::kResultJsonFormatVersion;
    result["command"] = command;
    result["status"] = code == 0 ? "ok" : "failed";
    render::printJson(result, console.out);
  }
  return code;
}

}  // namespace cc::cli
