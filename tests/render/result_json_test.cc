// The result objects of `--format json`: apply's per-action results with API failures as data,
// and the cases where nothing was executed.
#include "render/result_json.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cc::render {
namespace {

using engine::OutcomeKind;
using engine::ResourceKey;
using engine::ResourceKind;

engine::Plan planOf(const std::string& deployment) {
  engine::Plan plan;
  plan.deployment.name = deployment;
  return plan;
}

engine::ApplySummary failedSummary() {
  engine::ApplySummary s;
  s.done = 1;
  s.failed = 1;
  s.skipped = 1;
  engine::ActionOutcome conn{{ResourceKind::Connection, "gh"}, engine::ActionKind::Create, OutcomeKind::Done, {}, {}, {}};
  engine::Diagnostic error;
  error.summary = "pipeline p: create failed: 403 PERMISSION_DENIED: no access";
  error.api = engine::ApiFailure{403, "PERMISSION_DENIED", "no access", "req-9", 1};
  engine::ActionOutcome pipe{{ResourceKind::Pipeline, "p"}, engine::ActionKind::Create, OutcomeKind::Failed, error, {}, {}};
  engine::ActionOutcome run{{ResourceKind::PipelineRun, "p"}, engine::ActionKind::Run, OutcomeKind::Skipped, {},
                            ResourceKey{ResourceKind::Pipeline, "p"}, {}};
  s.outcomes = {conn, pipe, run};
  return s;
}

TEST(ApplyResultJson, EachActionHasItsStatusAndAFailureItsApiAnswer) {
  const auto summary = failedSummary();
  const auto doc = applyResultJson("apply", planOf("d"), &summary);
  EXPECT_EQ(doc["format_version"], kResultJsonFormatVersion);
  EXPECT_EQ(doc["command"], "apply");
  EXPECT_EQ(doc["deployment"], "d/default");
  EXPECT_EQ(doc["status"], "failed");
  EXPECT_EQ(doc["summary"], nlohmann::json({{"ok", 1}, {"failed", 1}, {"skipped", 1}, {"not_started", 0}}));
  ASSERT_EQ(doc["actions"].size(), 3u);
  EXPECT_EQ(doc["actions"][0], nlohmann::json({{"address", "connection.gh"}, {"kind", "connection"}, {"name", "gh"},
                                               {"action", "create"}, {"status", "ok"}}));
  EXPECT_EQ(doc["actions"][1]["status"], "failed");
  EXPECT_EQ(doc["actions"][1]["error"],
            nlohmann::json({{"message", "pipeline p: create failed: 403 PERMISSION_DENIED: no access"},
                            {"status", 403},
                            {"error_code", "PERMISSION_DENIED"},
                            {"request_id", "req-9"}}));
  EXPECT_EQ(doc["actions"][2]["status"], "skipped");
  EXPECT_EQ(doc["actions"][2]["skipped_because"], "pipeline.p");
}

TEST(ApplyResultJson, NothingExecutedIsNoChangesAndACancelledRunSaysSo) {
  const auto none = applyResultJson("destroy", planOf("d"), nullptr);
  EXPECT_EQ(none["status"], "no_changes");
  EXPECT_EQ(none["command"], "destroy");
  EXPECT_TRUE(none["actions"].empty());
  EXPECT_EQ(none["summary"]["ok"], 0);
  engine::ApplySummary cancelled;
  cancelled.cancelled = true;
  cancelled.notStarted = 2;
  EXPECT_EQ(applyResultJson("apply", planOf("d"), &cancelled)["status"], "cancelled");
}

TEST(DiagnosticJson, AFailureWithoutAnApiAnswerIsItsMessageAlone) {
  engine::Diagnostic d;
  d.summary = "Transport: connection refused";
  EXPECT_EQ(diagnosticJson(d), nlohmann::json({{"message", "Transport: connection refused"}}));
}

TEST(PrintJson, InvalidUtf8IsReplacedNotThrown) {
  std::ostringstream out;
  printJson({{"name", std::string("bad \xff byte")}}, out);
  EXPECT_NE(out.str().find("bad \xef\xbf\xbd byte"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().back(), '\n');
}

}  // namespace
}  // namespace cc::render
