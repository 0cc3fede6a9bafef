#include "engine/repo_layout.h"

#include <gtest/gtest.h>

#include "engine/ingest_template.h"
#include "engine_fixtures.h"
#include "support/in_memory_provider.h"

namespace cc::engine {
namespace {

const std::string kRepo = "/Users/alice@example.com/.lakeflow_community_connectors/p";

void addLayoutFolder(testing::InMemoryProvider& workspace, const std::string& path) {
  ObservedResource o;
  o.key = {ResourceKind::Directory, path};
  o.exists = true;
  o.fields = {{"path", path}};
  workspace.objects()[o.key] = o;
}

TEST(RepoLayout, NamesParseBackAndNothingElseParses) {
  for (RepoLayout l : {RepoLayout::Legacy, RepoLayout::Src}) EXPECT_EQ(parseRepoLayout(repoLayoutName(l)), l);
  EXPECT_FALSE(parseRepoLayout("SRC"));
  EXPECT_FALSE(parseRepoLayout("flat"));
  EXPECT_FALSE(parseRepoLayout(""));
}

TEST(RepoLayout, PathsOfEachLayoutAreTheOriginals) {
  EXPECT_EQ(layoutIngestPath(RepoLayout::Legacy, "/ws"), "/ws/ingest.py");
  EXPECT_EQ(layoutIngestPath(RepoLayout::Src, "/ws"), "/ws/src/ingest.py");
  EXPECT_EQ(layoutCodeRoot(RepoLayout::Src, "/ws"), "/ws/src");
  EXPECT_EQ(layoutSpecPath(RepoLayout::Legacy, "github"), "sources/github/connector_spec.yaml");
  EXPECT_EQ(layoutSpecPath(RepoLayout::Src, "github"),
            "src/databricks/labs/community_connector/sources/github/connector_spec.yaml");
  EXPECT_EQ(layoutSparsePatterns(RepoLayout::Legacy), (std::vector<std::string>{"libs", "pipeline", "sources/{SOURCE_NAME}"}));
  const auto src = layoutSparsePatterns(RepoLayout::Src);
  ASSERT_EQ(src.size(), 5u);
  EXPECT_EQ(src.back(), "src/databricks/labs/community_connector/sources/{SOURCE_NAME}");
  EXPECT_EQ(bothLayoutsSparsePatterns().size(), 8u);
}

TEST(RepoLayout, DetectionReadsWhichSourceFolderTheCheckoutHolds) {
  testing::InMemoryProvider workspace;
  auto missing = detectRepoLayout(workspace, kRepo, "github");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value()) << "no Git folder yet: nothing to read";

  addLayoutFolder(workspace, kRepo);
  addLayoutFolder(workspace, kRepo + "/src/databricks/labs/community_connector/sources/github");
  auto src = detectRepoLayout(workspace, kRepo, "github");
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(*src, std::optional<RepoLayout>(RepoLayout::Src));

  auto otherSource = detectRepoLayout(workspace, kRepo, "zendesk");
  ASSERT_FALSE(otherSource.ok());
  EXPECT_NE(otherSource.diagnostics().items().front().summary.find("holds neither"), std::string::npos);
  EXPECT_NE(otherSource.diagnostics().items().front().detail.find("zendesk"), std::string::npos);
}

TEST(RepoLayout, LegacyDetectedAndBothTreesAreAnError) {
  testing::InMemoryProvider workspace;
  addLayoutFolder(workspace, kRepo);
  addLayoutFolder(workspace, kRepo + "/sources/github");
  auto legacy = detectRepoLayout(workspace, kRepo, "github");
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(*legacy, std::optional<RepoLayout>(RepoLayout::Legacy));
  addLayoutFolder(workspace, kRepo + "/src/databricks/labs/community_connector/sources/github");
  auto both = detectRepoLayout(workspace, kRepo, "github");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.diagnostics().items().front().summary.find("holds both"), std::string::npos);
}

TEST(RepoLayout, AFailedReadIsAnError) {
  testing::InMemoryProvider workspace;
  workspace.failOn("observe", "");
  EXPECT_FALSE(detectRepoLayout(workspace, kRepo, "github").ok());
}

TEST(RepoLayout, AnIngestFileSaysWhichTreeItWasWrittenFor) {
  const auto objects = nlohmann::json::parse(R"([{"table": {"source_table": "t"}}])");
  for (RepoLayout l : {RepoLayout::Legacy, RepoLayout::Src}) {
    EXPECT_EQ(ingestFileLayout(renderIngestFile(testing::bundled(), "github", "c", objects, l)), l);
    EXPECT_EQ(ingestFileLayout(renderIngestFile(testing::bundled(), "github", "c", nlohmann::json::array(), l)), l);
  }
  EXPECT_EQ(ingestFileLayout("from databricks.labs.community_connector.pipeline import ingest\n"), RepoLayout::Src);
  EXPECT_EQ(ingestFileLayout("print('hello')\n"), RepoLayout::Legacy);
}

}  // namespace
}  // namespace cc::engine
