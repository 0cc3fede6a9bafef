// Deployments end to end against the emulator: two manifests and two identities in one
// workspace, each owning exactly what it made (issue 14).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "declarative_support.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using test_support::writeText;

// One connection and one pipeline of deployment `team`, named with `prefix`.
std::string teamManifest(const std::string& team, const std::string& prefix, const std::string& extra = "") {
  return "version: 1\ndeployment: " + team +
         "\nconnections:\n  " + prefix + "_conn:\n    source: github\n    options:\n      token: ${env.GITHUB_TOKEN}\n" +
         extra + "pipelines:\n  " + prefix + "_ingest:\n    source: github\n    connection: " + prefix +
         "_conn\n    objects:\n      - table: { source_table: issues }\n";
}

// Everything of the emulator's persisted state whose name or path mentions `needle`.
nlohmann::json partOf(const nlohmann::json& state, const std::string& needle) {
  nlohmann::json out = nlohmann::json::object();
  const auto& data = state.at("data");
  for (const char* section : {"connections", "pipelines", "objects"}) {
    if (!data.contains(section)) continue;
    for (const auto& [key, value] : data[section].items())
      if ((key + value.dump()).find(needle) != std::string::npos) out[section][key] = value;
  }
  if (data.contains("repos"))
    for (const auto& entry : data["repos"])
      if (entry.dump().find(needle) != std::string::npos) out["repos"].push_back(entry);
  return out;
}

class Deployments : public DeclarativeTest {
 protected:
  void SetUp() override {
    startEmulator();
    writeText(work_ / "team_a.yaml", teamManifest("team_a", "a"));
    writeText(work_ / "team_b.yaml", teamManifest("team_b", "b"));
  }
  nlohmann::json emulatorState() { return nlohmann::json::parse(readText(emulator_->statePath())); }
  // The CLI as the emulator's OAuth client (M2M), a second identity.
  RunResult asPrincipal(const std::vector<std::string>& args) {
    Environment env = env_;
    env["DATABRICKS_TOKEN"] = std::nullopt;
    env["DATABRICKS_CLIENT_ID"] = "emulator-client";
    env["DATABRICKS_CLIENT_SECRET"] = "emulator-secret";
    RunResult r = runCli(args, work_, env);
    expectNoSecret(r);
    return r;
  }
};

TEST_F(Deployments, TwoManifestsPruneAndDestroyOnlyTheirOwn) {
  ASSERT_EQ(cli({"apply", "-f", "team_a.yaml", "--auto-approve"}).exit, 0);
  ASSERT_EQ(cli({"apply", "-f", "team_b.yaml", "--auto-approve"}).exit, 0);
  for (const char* file : {"team_a.yaml", "team_b.yaml"}) {
    auto plan = cli({"plan", "-f", file, "--prune", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit, 0) << file << "\n" << plan.out << plan.err;
    EXPECT_THAT(plan.out, Not(HasSubstr("- ")));
  }
  // A pipeline made by an original-tool command is nobody's deployment: not pruned either.
  ASSERT_EQ(cli({"create_pipeline", "github", "loose_pipe", "-n", "a_conn"}).exit, 0);
  EXPECT_EQ(cli({"plan", "-f", "team_a.yaml", "--prune", "--detailed-exitcode"}).exit, 0);

  const nlohmann::json before = partOf(emulatorState(), "b_");
  ASSERT_FALSE(before.empty());
  auto destroyed = cli({"destroy", "-f", "team_a.yaml", "--auto-approve", "--allow-mass-delete"});
  ASSERT_EQ(destroyed.exit, 0) << destroyed.out << destroyed.err;
  const nlohmann::json after = emulatorState();
  EXPECT_EQ(partOf(after, "b_"), before) << "team_b's resources changed";
  EXPECT_EQ(partOf(after, "a_ingest").value("pipelines", nlohmann::json::object()).size(), 0u);
  EXPECT_FALSE(connection("a_conn").has_value());
  EXPECT_EQ(pipelineNames(), (std::vector<std::string>{"b_ingest", "loose_pipe"}));
}

TEST_F(Deployments, ANameClaimedByTwoDeploymentsFailsTheSecondPlanAndSendsNothing) {
  ASSERT_EQ(cli({"apply", "-f", "team_a.yaml", "--auto-approve"}).exit, 0);
  // team_b now also names a_conn.
  writeText(work_ / "team_b.yaml", teamManifest("team_b", "b", "  a_conn:\n    source: github\n"));
  const std::size_t mark = logLines(log());
  auto plan = cli({"apply", "-f", "team_b.yaml", "--auto-approve"});
  EXPECT_EQ(plan.exit, 1) << plan.out << plan.err;
  EXPECT_THAT(plan.err, HasSubstr("connection a_conn is managed by deployment team_a/default, not team_b/default"));
  EXPECT_TRUE(mutatingSince(mark).empty()) << "nothing was sent";
  // Environments are deployments of their own: team_a in prod does not own team_a's default.
  writeText(work_ / "team_a.yaml", teamManifest("team_a", "a") + "environments:\n  prod: {}\n");
  auto prod = cli({"plan", "-f", "team_a.yaml", "-e", "prod"});
  EXPECT_EQ(prod.exit, 1) << prod.out;
  EXPECT_THAT(prod.err, HasSubstr("managed by deployment team_a/default, not team_a/prod"));
}

TEST_F(Deployments, APersonAndAPrincipalShareStateAndLock) {
  ASSERT_EQ(cli({"apply", "-f", "team_a.yaml", "--auto-approve"}).exit, 0);
  // The principal (another userName) plans the same resources: no change, no new repo, no
  // secret to send again.
  auto plan = asPrincipal({"plan", "-f", "team_a.yaml", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit, 0) << plan.out << plan.err;
  // While the person's apply holds the lock, the principal meets it, at the same path.
  writeText(work_ / "team_a.yaml", teamManifest("team_a", "a", "  a2_conn:\n    source: github\n"));
  holdRequests("^POST /api/2\\.1/unity-catalog/connections$");
  auto person = startCli({"apply", "-f", "team_a.yaml", "--auto-approve"}, work_, env_);
  ASSERT_NE(emulator_->waitForHeld(), "") << "the person's apply never reached its connection create";
  auto principal = asPrincipal({"apply", "-f", "team_a.yaml", "--auto-approve"});
  EXPECT_EQ(principal.exit, 1) << principal.out << principal.err;
  EXPECT_THAT(principal.err, HasSubstr("locked by " + emulator_->user()));
  EXPECT_THAT(principal.err, HasSubstr("/Shared/.community-connector/team_a/default/apply.lock"));
  ASSERT_TRUE(emulator_->releaseHeld());
  EXPECT_EQ(finishCli(person).exit, 0);
  EXPECT_EQ(asPrincipal({"plan", "-f", "team_a.yaml", "--detailed-exitcode"}).exit, 0);
}

TEST_F(Deployments, AdoptionKeepsTheTokenOrRefusesNamingIt) {
  auto made = api_->createConnection({{"name", "gh_conn"},
                                      {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
                                      {"comment", "made by hand"},
                                      {"options", {{"sourceName", "github"}, {"token", "ghp_handmade_token"}}}});
  ASSERT_TRUE(made.ok());
  auto imported = cli({"import", "--deployment", "adopted"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("deployment: adopted"));
  writeText(work_ / "m.yaml", imported.out);

  // Without the token the PATCH would erase it: refused, nothing sent.
  const std::size_t mark = logLines(log());
  auto refused = cli({"apply", "-f", "m.yaml", "--adopt", "--auto-approve"});
  EXPECT_EQ(refused.exit, 1) << refused.out << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("would erase options it holds"));
  EXPECT_TRUE(mutatingSince(mark).empty());

  // With it, the connection keeps a token and the next plan is empty.
  std::string text = imported.out;
  const std::string comment = "    comment: made by hand\n";
  ASSERT_NE(text.find(comment), std::string::npos) << text;
  text.replace(text.find(comment), comment.size(), comment + "    options:\n      token: ${env.GITHUB_TOKEN}\n");
  writeText(work_ / "m.yaml", text);
  auto adopted = cli({"apply", "-f", "m.yaml", "--adopt", "--auto-approve"});
  ASSERT_EQ(adopted.exit, 0) << adopted.out << adopted.err;
  const auto stored = partOf(emulatorState(), "gh_conn").dump();
  EXPECT_THAT(stored, HasSubstr(kSentinelSecret)) << "the connection holds the token";
  auto again = cli({"plan", "-f", "m.yaml", "--detailed-exitcode"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;
}

TEST_F(Deployments, HonestSummaryAndTheMassDeleteGuard) {
  ASSERT_EQ(cli({"apply", "-f", "team_a.yaml", "--auto-approve"}).exit, 0);
  // The manifest cut short: only its first line.
  writeText(work_ / "team_a.yaml", "version: 1\ndeployment: team_a\n");
  auto plan = cli({"plan", "-f", "team_a.yaml", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit, 0) << "nothing changes without --prune\n" << plan.out;
  EXPECT_THAT(plan.out, HasSubstr("4 resources of deployment team_a/default are no longer in the manifest; "
                                  "`--prune` deletes them"));
  EXPECT_THAT(plan.out, Not(HasSubstr("The workspace matches the manifest")));
  auto pruning = cli({"plan", "-f", "team_a.yaml", "--prune"});
  EXPECT_THAT(pruning.err, HasSubstr("this plan deletes 4 of the 4 resources deployment team_a/default manages"));
  const std::size_t mark = logLines(log());
  auto refused = cli({"apply", "-f", "team_a.yaml", "--prune", "--auto-approve"});
  EXPECT_EQ(refused.exit, 1);
  EXPECT_THAT(refused.err, HasSubstr("--allow-mass-delete"));
  EXPECT_EQ(cli({"apply", "-f", "team_a.yaml", "--prune", "--auto-approve", "--expect-deletes", "3"}).exit, 1);
  for (const auto& r : mutatingSince(mark))
    EXPECT_EQ(r.dump().find("DELETE"), std::string::npos) << "nothing deleted: " << r.dump();
  auto pruned = cli({"apply", "-f", "team_a.yaml", "--prune", "--auto-approve", "--expect-deletes", "4"});
  EXPECT_EQ(pruned.exit, 0) << pruned.out << pruned.err;
  EXPECT_FALSE(connection("a_conn").has_value());
}

TEST_F(Deployments, APlannedDestroyIsShownAndAppliedFromItsFile) {
  ASSERT_EQ(cli({"apply", "-f", "team_a.yaml", "--auto-approve"}).exit, 0);
  auto planned = cli({"plan", "-f", "team_a.yaml", "--destroy", "-o", "destroy.json"});
  ASSERT_EQ(planned.exit, 0) << planned.out << planned.err;
  EXPECT_THAT(planned.out, HasSubstr("- connection a_conn"));
  auto shown = cli({"show", "destroy.json"});
  ASSERT_EQ(shown.exit, 0) << shown.err;
  EXPECT_EQ(shown.out, planned.out.substr(0, planned.out.find("\nSaved the plan"))) << "show prints what plan printed";
  auto json = nlohmann::json::parse(cli({"show", "destroy.json", "--format", "json"}).out);
  EXPECT_EQ(json["summary"]["delete"], 4);
  EXPECT_EQ(cli({"show", "missing.json"}).exit, 1);
  EXPECT_EQ(cli({"apply", "destroy.json"}).exit, 1) << "a mass delete needs --allow-mass-delete in CI";
  EXPECT_TRUE(connection("a_conn").has_value());
  auto applied = cli({"apply", "destroy.json", "--allow-mass-delete"});
  EXPECT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_FALSE(connection("a_conn").has_value());
}

TEST_F(Deployments, AnAddedTableIsShownAsTheManifestWritesIt) {
  ASSERT_EQ(cli({"apply", "-f", "team_a.yaml", "--auto-approve"}).exit, 0);
  std::string text = teamManifest("team_a", "a");
  text += "      - table: { source_table: pulls }\n";
  writeText(work_ / "team_a.yaml", text);
  auto plan = cli({"plan", "-f", "team_a.yaml"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("objects[1].table.source_table: (none) → \"pulls\""));
}

TEST_F(Deployments, AuthDescribeReportsWhatPlanWouldUseAndAHostConflictFails) {
  writeText(work_ / "team_a.yaml", teamManifest("team_a", "a") +
                                       "environments:\n  prod:\n    workspace: {state_path: /Shared/state/team_a}\n"
                                       "  elsewhere:\n    workspace: {host: https://prod.cloud.databricks.com}\n");
  auto described = cli({"auth", "describe", "-f", "team_a.yaml", "-e", "prod"});
  ASSERT_EQ(described.exit, 0) << described.out << described.err;
  EXPECT_THAT(described.out, HasSubstr("deployment: team_a/prod (state: /Shared/state/team_a)"));
  EXPECT_THAT(described.out, HasSubstr("host:      " + emulator_->url()));
  const std::size_t mark = logLines(log());
  auto conflict = cli({"plan", "-f", "team_a.yaml", "-e", "elsewhere"});
  EXPECT_EQ(conflict.exit, 1);
  EXPECT_THAT(conflict.err, HasSubstr("workspace.host is https://prod.cloud.databricks.com, but env DATABRICKS_HOST names " +
                                      emulator_->url()));
  EXPECT_EQ(logLines(log()), mark) << "nothing was sent";
}

TEST_F(Deployments, AWorkspaceOfThePreviousReleaseIsTakenInWithoutReplaceOrSecretResend) {
  fs::copy_file(fs::path(CC_TESTS_DIR) / "fixtures" / "migration" / "previous_release_state.json", emulator_->statePath(),
                fs::copy_options::overwrite_existing);
  ASSERT_TRUE(emulator_->restart());
  env_["GITHUB_TOKEN"] = "ghp_previous_release_token";  // what the previous release applied
  auto plan = cli({"plan", "-f", "one.yaml"});
  ASSERT_EQ(plan.exit, 0) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("made by an earlier release of community-connector: taken into deployment declarative/default"));
  EXPECT_THAT(plan.out, Not(HasSubstr("options.token")));
  EXPECT_THAT(plan.out, HasSubstr("0 to create"));
  EXPECT_THAT(plan.out, HasSubstr("0 to replace"));
  const std::size_t mark = logLines(log());
  auto applied = cli({"apply", "-f", "one.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  for (const auto& r : mutatingSince(mark)) {
    const std::string request = r.dump();
    EXPECT_EQ(request.find("unity-catalog/connections"), std::string::npos) << "no connection write: " << request;
  }
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", "--prune", "--detailed-exitcode"}).exit, 0);
  const auto state = nlohmann::json::parse(api_->exportFile("/Shared/.community-connector/declarative/default/state.json")->content);
  EXPECT_EQ(state["resources"].size(), 4u) << state.dump();
  EXPECT_TRUE(state["connections"].contains("gh_conn"));
}

}  // namespace
}  // namespace cc::e2e
