// `--format json` of apply, destroy, import and auth describe, run through the binary against the
// emulator: stdout holds one JSON object with a format_version and nothing else (the plan and
// progress go to stderr), every action has its status and a failure its API status.
#include <gtest/gtest.h>

#include <set>

#include "declarative_support.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;

class MachineOutput : public DeclarativeTest {};

std::set<std::string> addresses(const nlohmann::json& actions) {
  std::set<std::string> out;
  for (const auto& a : actions) out.insert(a.value("address", ""));
  return out;
}

TEST_F(MachineOutput, ApplyAndDestroyReportEachActionOnStdoutAndTheRestOnStderr) {
  startEmulator();
  auto applied = cli({"apply", "-f", "one.yaml", "--auto-approve", "--format", "json"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  auto doc = stdoutJson(applied);
  expectResultHead(doc, "apply", "ok");
  EXPECT_EQ(doc["deployment"], "declarative/default");
  ASSERT_TRUE(doc["actions"].is_array());
  EXPECT_EQ(doc["summary"]["ok"], doc["actions"].size());
  EXPECT_EQ(doc["summary"]["failed"], 0);
  EXPECT_TRUE(addresses(doc["actions"]).count("connection.gh_conn")) << doc.dump(1);
  EXPECT_TRUE(addresses(doc["actions"]).count("pipeline.gh_ingest")) << doc.dump(1);
  for (const auto& a : doc["actions"]) {
    EXPECT_EQ(a["action"], "create") << a.dump();
    EXPECT_EQ(a["status"], "ok") << a.dump();
    EXPECT_FALSE(a.contains("error"));
  }
  EXPECT_THAT(applied.err, HasSubstr("Plan: "));  // the human output, moved to stderr

  auto again = cli({"apply", "-f", "one.yaml", "--auto-approve", "--format", "json"});
  ASSERT_EQ(again.exit, 0) << again.err;
  auto converged = stdoutJson(again);
  EXPECT_EQ(converged["status"], "no_changes");
  EXPECT_TRUE(converged["actions"].empty());

  auto destroyed = cli({"destroy", "-f", "one.yaml", "--auto-approve", "--allow-mass-delete", "--format", "json"});
  ASSERT_EQ(destroyed.exit, 0) << destroyed.out << destroyed.err;
  auto gone = stdoutJson(destroyed);
  expectResultHead(gone, "destroy", "ok");
  EXPECT_TRUE(addresses(gone["actions"]).count("connection.gh_conn")) << gone.dump(1);
  for (const auto& a : gone["actions"]) EXPECT_EQ(a["action"], "delete") << a.dump();
  EXPECT_FALSE(connection("gh_conn"));
}

TEST_F(MachineOutput, AFailedActionCarriesItsApiStatusAndItsDependentsAreSkipped) {
  // Where the create of gh_conn falls at --parallelism 1, learnt from a clean run; then each of
  // its three tries answered with a 500.
  std::size_t at = 0;
  {
    startEmulator();
    ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve", "--parallelism", "1"}).exit, 0);
    for (const auto& r : apiRequests(log())) {
      ++at;
      if (r.value("method", "") == "POST" && r.value("path", "") == "/api/2.1/unity-catalog/connections") break;
    }
  }
  startEmulator({"--fault-at", std::to_string(at) + ":500", "--fault-at", std::to_string(at + 2) + ":500",
                 "--fault-at", std::to_string(at + 4) + ":500"});
  auto failed = cli({"apply", "-f", "one.yaml", "--auto-approve", "--parallelism", "1", "--format", "json"});
  EXPECT_EQ(failed.exit, 1) << failed.out << failed.err;
  auto doc = stdoutJson(failed);
  expectResultHead(doc, "apply", "failed");
  EXPECT_EQ(doc["summary"]["failed"], 1) << doc.dump(1);
  bool sawFailure = false, sawSkip = false;
  for (const auto& a : doc["actions"]) {
    if (a["address"] == "connection.gh_conn") {
      sawFailure = true;
      EXPECT_EQ(a["status"], "failed");
      EXPECT_EQ(a["error"]["status"], 500) << a.dump();
      EXPECT_THAT(a["error"]["message"].get<std::string>(), HasSubstr("gh_conn"));
    }
    if (a["address"] == "pipeline.gh_ingest") {
      sawSkip = true;
      EXPECT_EQ(a["status"], "skipped");
      EXPECT_EQ(a["skipped_because"], "connection.gh_conn");
    }
  }
  EXPECT_TRUE(sawFailure && sawSkip) << doc.dump(1);
}

TEST_F(MachineOutput, ImportJsonHoldsTheManifestAndNoSecret) {
  startEmulator();
  ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve"}).exit, 0);
  auto r = cli({"import", "--format", "json"});
  ASSERT_EQ(r.exit, 0) << r.err;
  auto doc = stdoutJson(r);
  EXPECT_EQ(doc["format_version"], 1);
  EXPECT_EQ(doc["deployment"], "declarative");
  EXPECT_EQ(doc["imported"]["connections"], 1);
  EXPECT_EQ(doc["imported"]["pipelines"], 1);
  EXPECT_EQ(doc["manifest"]["pipelines"]["gh_ingest"]["connection"], "gh_conn") << doc.dump(1);
  EXPECT_EQ(doc["manifest"]["connections"]["gh_conn"]["options"]["token"], "${env.GH_CONN_TOKEN}");
  EXPECT_THAT(doc["yaml"].get<std::string>(), HasSubstr("gh_conn:"));
  ASSERT_TRUE(doc["notes"].is_array());
  EXPECT_THAT(doc["notes"].dump(), HasSubstr("GH_CONN_TOKEN"));
}

TEST_F(MachineOutput, AuthDescribeJsonNamesEverySourceButNoSecret) {
  startEmulator();
  auto r = cli({"auth", "describe", "-f", "one.yaml", "--format", "json"});
  ASSERT_EQ(r.exit, 0) << r.err;
  auto doc = stdoutJson(r);
  EXPECT_EQ(doc["format_version"], 1);
  EXPECT_EQ(doc["host"], emulator_->url());
  EXPECT_EQ(doc["auth_type"], "pat");
  EXPECT_EQ(doc["deployment"]["id"], "declarative/default");
  bool token = false;
  for (const auto& s : doc["sources"])
    if (s["attribute"] == "token")
      token = s["sensitive"] == true && s["source"].get<std::string>().find("DATABRICKS_TOKEN") != std::string::npos;
  EXPECT_TRUE(token) << doc.dump(1);
  EXPECT_EQ(r.out.find(emulator_->token()), std::string::npos) << "the token itself was printed";
}

}  // namespace
}  // namespace cc::e2e
