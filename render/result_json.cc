#include "render/result_json.h"

namespace cc::render {
namespace {


std::string_view outcomeName(engine::OutcomeKind outcome) {
  switch (outcome) {
    case engine::OutcomeKind::Done: return "ok";
    case engine::OutcomeKind::Failed: return "failed";
    case engine::OutcomeKind::Skipped: return "skipped";
    case engine::OutcomeKind::NotStarted: break;
  }
  return "not_started";
}

nlohmann::json actionJson(const engine::ActionOutcome& o) {
  nlohmann::json a = {{"address", o.key.address()},
            {"kind", engine::kindName(o.key.kind)},
            {"name", o.key.name},
            {"action", engine::actionName(o.action)},
            {"status", outcomeName(o.outcome)}};
  if (o.error) a["error"] = diagnosticJson(*o.error);
  if (o.skippedBecause) a["skipped_because"] = o.skippedBecause->address();
  if (!o.runUpdateId.empty()) a["run_update_id"] = o.runUpdateId;
  return a;
}

}  // namespace

nlohmann::json diagnosticJson(const engine::Diagnostic& diagnostic) {
  nlohmann::json e = {{"message", diagnostic.summary}};
  if (!diagnostic.api) return e;
  e["status"] = diagnostic.api->status;
  if (!diagnostic.api->errorCode.empty()) e["error_code"] = diagnostic.api->errorCode;
  if (!diagnostic.api->requestId.empty()) e["request_id"] = diagnostic.api->requestId;
  return e;
}

nlohmann::json applyResultJson(std::string_view command, const engine::Plan& plan, const engine::ApplySummary* summary) {
  nlohmann::json actions = nlohmann::json::array();
  nlohmann::json counts = {{"ok", 0}, {"failed", 0}, {"skipped", 0}, {"not_started", 0}};
  std::string status = "no_changes";
  if (summary != nullptr) {
    for (const auto& o : summary->outcomes) actions.push_back(actionJson(o));
    counts = {{"ok", summary->done}, {"failed", summary->failed}, {"skipped", summary->skipped},
              {"not_started", summary->notStarted}};
    status = summary->cancelled ? "cancelled" : summary->ok() ? "ok" : "failed";
  }
  return {{"format_version", kResultJsonFormatVersion},
          {"command", command},
          {"deployment", plan.deployment.id()},
          {"status", status},
          {"summary", std::move(counts)},
          {"actions", std::move(actions)}};
}

void printJson(const nlohmann::json& doc, std::ostream& out) {
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace cc::render
