// The life of a manifest against the emulator, through the real binary: create, update,
// replace, prune, destroy, idempotence, --target, --detailed-exitcode, JSON and Markdown plans.
#include <gtest/gtest.h>

#include "declarative_support.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class DeclarativeLifecycle : public DeclarativeTest {
 protected:
  void SetUp() override { startEmulator(); }
};

TEST_F(DeclarativeLifecycle, CreateConvergesAndSecondApplySendsNoMutatingRequest) {
  auto before = cli({"plan", "-f", "one.yaml", "--detailed-exitcode"});
  EXPECT_EQ(before.exit, 2) << before.err;
  EXPECT_THAT(before.out, HasSubstr("to create"));

  auto applied = cli({"apply", "-f", "one.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("Apply complete"));
  EXPECT_THAT(applied.out, HasSubstr("0 failed, 0 skipped"));
  EXPECT_EQ(countConnections(), 1u);
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh_ingest"});
  EXPECT_EQ(countRepos(), 1u);
  auto conn = connection("gh_conn");
  ASSERT_TRUE(conn);
  EXPECT_THAT((*conn)["comment"].get<std::string>(), HasSubstr("managed by community-connector"));

  auto after = cli({"plan", "-f", "one.yaml", "--detailed-exitcode"});
  EXPECT_EQ(after.exit, 0) << after.out << after.err;

  const std::size_t mark = logLines(log());
  auto again = cli({"apply", "-f", "one.yaml", "--auto-approve"});
  EXPECT_EQ(again.exit, 0) << again.err;
  auto mutating = mutatingSince(mark);
  EXPECT_TRUE(mutating.empty()) << nlohmann::json(mutating).dump(1);
  EXPECT_GT(logLines(log()), mark) << "the second apply must still read the workspace";
}

TEST_F(DeclarativeLifecycle, UpdatesAnOptionAndAPipelineFieldInPlace) {
  ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve"}).exit, 0);
  const std::string id = pipelineId("gh_ingest");
  ASSERT_FALSE(id.empty());

  const std::vector<std::string> vars = {"--var", "base_url=https://github.example.com/api/v3", "--var",
                                         "schema=github_bronze"};
  auto plan = cli({"plan", "-f", "one.yaml", vars[0], vars[1], vars[2], vars[3]});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("~ connection gh_conn"));
  EXPECT_THAT(plan.out, HasSubstr("~ pipeline gh_ingest"));
  EXPECT_THAT(plan.out, HasSubstr("base_url"));
  EXPECT_THAT(plan.out, HasSubstr("github_bronze"));
  EXPECT_THAT(plan.out, Not(HasSubstr("-/+")));

  const std::size_t mark = logLines(log());
  auto applied = cli({"apply", "-f", "one.yaml", vars[0], vars[1], vars[2], vars[3], "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  for (const auto& r : mutatingSince(mark)) {
    EXPECT_NE(r["method"], "DELETE") << r.dump();
    EXPECT_FALSE(r["method"] == "POST" && r["path"] == "/api/2.0/pipelines") << "an update must not recreate";
  }
  // The API never returns the options of this connection type; the emulator stores them as sent.
  EXPECT_NE(readText(emulator_->statePath()).find("https://github.example.com/api/v3"), std::string::npos);
  EXPECT_EQ(pipelineId("gh_ingest"), id);
  auto spec = api_->getPipeline(id);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec.value()["spec"].value("target", spec.value()["spec"].value("schema", "")), "github_bronze");
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", vars[0], vars[1], vars[2], vars[3], "--detailed-exitcode"}).exit, 0);
}

TEST_F(DeclarativeLifecycle, ImmutableFieldReplacesAndNamesTheField) {
  ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve"}).exit, 0);
  const std::string id = pipelineId("gh_ingest");
  auto plan = cli({"plan", "-f", "one.yaml", "--var", "catalog=bronze"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("-/+ pipeline gh_ingest"));
  EXPECT_THAT(plan.out, HasSubstr("catalog forces replacement"));
  EXPECT_THAT(plan.out + plan.err, HasSubstr("table"));  // the warning that its tables are dropped

  auto applied = cli({"apply", "-f", "one.yaml", "--var", "catalog=bronze", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  const std::string replaced = pipelineId("gh_ingest");
  EXPECT_FALSE(replaced.empty());
  EXPECT_NE(replaced, id);
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh_ingest"});
  EXPECT_EQ(api_->getPipeline(replaced).value()["spec"].value("catalog", ""), "bronze");
}

TEST_F(DeclarativeLifecycle, PruneDeletesOnlyOwnedResourcesAndDestroyEmptiesTheRest) {
  ASSERT_EQ(cli({"apply", "-f", "two.yaml", "--auto-approve"}).exit, 0);
  // Made outside the tool: no ownership marker.
  auto outside = api_->createConnection({{"name", "outside_conn"},
                                         {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
                                         {"options", {{"sourceName", "github"}, {"token", "x"}}},
                                         {"comment", "made by hand"}});
  ASSERT_TRUE(outside.ok());
  ASSERT_EQ(countConnections(), 3u);

  // one.yaml keeps gh_conn and gh_ingest; gh2_conn and gh2_ingest are no longer listed.
  auto plan = cli({"plan", "-f", "one.yaml", "--prune"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("- connection gh2_conn"));
  EXPECT_THAT(plan.out, HasSubstr("- pipeline gh2_ingest"));
  EXPECT_THAT(plan.out, Not(HasSubstr("- connection outside_conn")));
  auto pruned = cli({"apply", "-f", "one.yaml", "--prune", "--auto-approve"});
  ASSERT_EQ(pruned.exit, 0) << pruned.out << pruned.err;
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh_ingest"});
  EXPECT_FALSE(connection("gh2_conn"));
  EXPECT_TRUE(connection("gh_conn"));
  EXPECT_TRUE(connection("outside_conn"));
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", "--prune", "--detailed-exitcode"}).exit, 0);

  auto destroyed = cli({"destroy", "-f", "one.yaml", "--auto-approve", "--allow-mass-delete"});
  ASSERT_EQ(destroyed.exit, 0) << destroyed.out << destroyed.err;
  EXPECT_TRUE(pipelineNames().empty());
  EXPECT_EQ(countRepos(), 0u);
  EXPECT_EQ(countConnections(), 1u);
  EXPECT_TRUE(connection("outside_conn"));
  auto plan2 = cli({"plan", "-f", "one.yaml", "--detailed-exitcode"});
  EXPECT_EQ(plan2.exit, 2) << "after destroy everything is to create again";
}

TEST_F(DeclarativeLifecycle, TargetSelectsAResourceWithItsDependencies) {
  auto plan = cli({"plan", "-f", "two.yaml", "--target", "gh2_ingest"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("gh2_conn"));
  EXPECT_THAT(plan.out, Not(HasSubstr("gh_conn")));
  auto applied = cli({"apply", "-f", "two.yaml", "--target", "pipeline.gh2_ingest", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh2_ingest"});
  EXPECT_TRUE(connection("gh2_conn"));
  EXPECT_FALSE(connection("gh_conn"));
  EXPECT_EQ(cli({"plan", "-f", "two.yaml", "--target", "gh2_ingest", "--detailed-exitcode"}).exit, 0);
  EXPECT_EQ(cli({"plan", "-f", "two.yaml", "--detailed-exitcode"}).exit, 2);
  auto unknown = cli({"plan", "-f", "two.yaml", "--target", "nope"});
  EXPECT_EQ(unknown.exit, 1);
  EXPECT_THAT(unknown.err, HasSubstr("--target nope matches no resource"));
}

TEST_F(DeclarativeLifecycle, JsonAndMarkdownPlans) {
  auto json = cli({"plan", "-f", "one.yaml", "--format", "json"});
  ASSERT_EQ(json.exit, 0) << json.err;
  auto doc = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << json.out;
  EXPECT_TRUE(doc.contains("format_version"));
  const std::string text = doc.dump();
  EXPECT_THAT(text, HasSubstr("connection.gh_conn"));
  EXPECT_THAT(text, HasSubstr("pipeline.gh_ingest"));
  EXPECT_EQ(doc["summary"]["create"], 5) << text;
  EXPECT_EQ(doc["has_changes"], true);

  auto md = cli({"plan", "-f", "one.yaml", "--format", "markdown"});
  ASSERT_EQ(md.exit, 0) << md.err;
  EXPECT_THAT(md.out, HasSubstr("gh_conn"));
  EXPECT_THAT(md.out, HasSubstr("gh_ingest"));
  EXPECT_THAT(md.out, HasSubstr("|"));  // a table
  EXPECT_LE(md.out.size(), 65535u);

  ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve"}).exit, 0);
  auto noop = nlohmann::json::parse(cli({"plan", "-f", "one.yaml", "--format", "json"}).out, nullptr, false);
  ASSERT_FALSE(noop.is_discarded());
  EXPECT_EQ(noop["summary"]["create"], 0);
  EXPECT_EQ(noop["summary"]["unchanged"], 5);
  EXPECT_EQ(noop["has_changes"], false);
}

}  // namespace
}  // namespace cc::e2e

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;

// A connection's `type:` (today's COMMUNITY or the default GENERIC_LAKEFLOW_CONNECT): sent as
// connection_type, converged, replaced when it changes, written back by import.
class ConnectionTypeLifecycle : public DeclarativeTest {
 protected:
  void SetUp() override { startEmulator(); }
  void writeManifest(const std::string& typeLine) {
    test_support::writeText(work_ / "typed.yaml", "version: 1\ndeployment: typed\nconnections:\n  gh_community:\n"
                                    "    source: github\n" + typeLine +
                                        "    options:\n      token: ${env.GITHUB_TOKEN}\n");
  }
};

TEST_F(ConnectionTypeLifecycle, CommunityIsSentConvergesAndAChangeReplaces) {
  writeManifest("    type: COMMUNITY\n");
  auto applied = cli({"apply", "-f", "typed.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  auto created = connection("gh_community");
  ASSERT_TRUE(created);
  EXPECT_EQ((*created)["connection_type"], "COMMUNITY");
  EXPECT_EQ(cli({"plan", "-f", "typed.yaml", "--detailed-exitcode"}).exit, 0);

  auto imported = cli({"import", "--owned-only"});
  EXPECT_EQ(imported.exit, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("type: COMMUNITY"));

  writeManifest("");  // back to the default type
  auto plan = cli({"plan", "-f", "typed.yaml"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("-/+ connection gh_community"));
  EXPECT_THAT(plan.out, HasSubstr("connection_type"));
  ASSERT_EQ(cli({"apply", "-f", "typed.yaml", "--auto-approve"}).exit, 0);
  auto replaced = connection("gh_community");
  ASSERT_TRUE(replaced);
  EXPECT_EQ((*replaced)["connection_type"], "GENERIC_LAKEFLOW_CONNECT");
  EXPECT_NE((*replaced)["connection_id"], (*created)["connection_id"]);
}

TEST_F(ConnectionTypeLifecycle, AnUnknownTypeIsRefusedWithItsLocation) {
  writeManifest("    type: OAUTH\n");
  auto validated = cli({"validate", "-f", "typed.yaml"});
  EXPECT_EQ(validated.exit, 1);
  EXPECT_THAT(validated.err, HasSubstr("typed.yaml:6:11"));
  EXPECT_THAT(validated.err, HasSubstr("COMMUNITY"));
}

}  // namespace
}  // namespace cc::e2e
