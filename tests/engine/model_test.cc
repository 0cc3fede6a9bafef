#include "engine/model.h"

#include <gtest/gtest.h>

#include "engine/content_digest.h"
#include "engine/ownership.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using testing::bundled;
using testing::manifestOf;

const WorkspaceContext kAlice{"alice@example.com", "https://h"};
const std::string kWs = "/Users/alice@example.com/.lakeflow_community_connectors/my_github_pipeline";

json pipelineOnly(json extra = json::object()) {
  json p = {{"source", "github"}, {"connection", "my_github_conn"}};
  p.update(extra);
  return {{"version", 1}, {"pipelines", {{"my_github_pipeline", p}}}};
}

TEST(Model, PipelineBodyMatchesTheOriginalCreateRequest) {
  ModelOptions plain;
  plain.markOwnership = false;
  auto state = buildModel(manifestOf(pipelineOnly()), kAlice, bundled(), plain);
  ASSERT_TRUE(state.ok());
  const DesiredResource* p = state->find({ResourceKind::Pipeline, "my_github_pipeline"});
  ASSERT_NE(p, nullptr);
  // trace create_pipeline-n, request 13
  const json expected = json::parse(R"({"catalog":"main","channel":"PREVIEW","continuous":false,"development":true,
    "libraries":[{"file":{"path":")" + kWs + R"(/ingest.py"}}],"name":"my_github_pipeline",
    "root_path":")" + kWs + R"(","serverless":true,"target":"github"})");
  EXPECT_EQ(p->fields, expected);
  EXPECT_EQ(state->externalConnections, std::vector<std::string>{"my_github_conn"});
}

TEST(Model, RepoDirectoryAndIngestFileFollowTheOriginalLayout) {
  auto state = buildModel(manifestOf(pipelineOnly()), kAlice, bundled());
  ASSERT_TRUE(state.ok());
  const std::string parent = "/Users/alice@example.com/.lakeflow_community_connectors";
  ASSERT_NE(state->find({ResourceKind::Directory, parent}), nullptr);
  const DesiredResource* repo = state->find({ResourceKind::Repo, kWs});
  ASSERT_NE(repo, nullptr);
  EXPECT_EQ(repo->fields, json::parse(R"({"url":"https://github.com/databrickslabs/lakeflow-community-connectors.git",
    "provider":"gitHub","path":")" + kWs + R"(","branch":"master",
    "sparse_checkout":{"patterns":["libs","pipeline","sources/github"]}})"));
  EXPECT_EQ(repo->inputs["exclude_root_files"].size(), 6u);
  EXPECT_EQ(repo->dependsOn, (std::vector<ResourceKey>{{ResourceKind::Directory, parent}}));
  const DesiredResource* file = state->find({ResourceKind::IngestFile, kWs + "/ingest.py"});
  ASSERT_NE(file, nullptr);
  const std::string content = file->inputs["content"];
  EXPECT_NE(content.find("source_name = \"github\""), std::string::npos);
  EXPECT_NE(content.find("\"connection_name\": \"my_github_conn\""), std::string::npos);
  EXPECT_EQ(file->fields["content_sha256"], sha256Hex(content));
  const DesiredResource* pipe = state->find({ResourceKind::Pipeline, "my_github_pipeline"});
  EXPECT_EQ(pipe->fields["configuration"][std::string(kPipelineMarkerKey)], kPipelineMarkerValue);
}

TEST(Model, LayersDefaultsThenPerPipelineFields) {
  json doc = pipelineOnly({{"catalog", "prod"}, {"schema", "gh_raw"}, {"pipeline", {{"development", false}}},
                           {"repo", {{"branch", "develop"}}}});
  doc["defaults"] = {{"workspace_path", "/Shared/connectors/{PIPELINE_NAME}"},
                     {"pipeline", {{"catalog", "dev"}, {"serverless", false}, {"configuration", {{"a", "b"}}}}}};
  auto state = buildModel(manifestOf(doc), kAlice, bundled());
  ASSERT_TRUE(state.ok());
  const auto& f = state->find({ResourceKind::Pipeline, "my_github_pipeline"})->fields;
  EXPECT_EQ(f["catalog"], "prod");          // per pipeline beats defaults
  EXPECT_EQ(f["serverless"], false);        // defaults beat the bundled file
  EXPECT_EQ(f["development"], false);       // per-pipeline `pipeline:` block
  EXPECT_EQ(f["target"], "gh_raw");         // `schema` is the original's --target
  EXPECT_EQ(f["root_path"], "/Shared/connectors/my_github_pipeline");
  EXPECT_EQ(f["configuration"]["a"], "b");
  ASSERT_NE(state->find({ResourceKind::Directory, "/Shared/connectors"}), nullptr);
  EXPECT_EQ(state->find({ResourceKind::Repo, "/Shared/connectors/my_github_pipeline"})->fields["branch"], "develop");
}

TEST(Model, PlaceholdersAreOnlySubstitutedWhereTheOriginalDoes) {
  json doc = pipelineOnly({{"pipeline", {{"configuration", {{"who", "{CURRENT_USER}"}}}, {"root_path", "{CURRENT_USER}"}}}});
  auto state = buildModel(manifestOf(doc), kAlice, bundled());
  ASSERT_TRUE(state.ok());
  const auto& f = state->find({ResourceKind::Pipeline, "my_github_pipeline"})->fields;
  EXPECT_EQ(f["configuration"]["who"], "{CURRENT_USER}");
  EXPECT_EQ(f["root_path"], "{CURRENT_USER}");
}

TEST(Model, ConnectionKeepsSecretsOutOfFields) {
  auto m = manifestOf(testing::githubDocument(), {{"/connections/gh/options/token", "ghp_secret"}});
  auto state = buildModel(m, kAlice, bundled());
  ASSERT_TRUE(state.ok());
  const DesiredResource* c = state->find({ResourceKind::Connection, "gh"});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->fields["connection_type"], "GENERIC_LAKEFLOW_CONNECT");
  EXPECT_EQ(c->fields["options"], json::parse(R"({"owner":"myorg","sourceName":"github",
    "externalOptionsAllowList":"tableName,tableNameList,tableConfigs,isDeleteFlow"})"));
  EXPECT_EQ(c->fields["comment"], std::string(kConnectionMarker) + " deployment default/default");
  ASSERT_EQ(c->secrets.count("options.token"), 1u);
  EXPECT_EQ(c->fields.dump().find("ghp_secret"), std::string::npos);
  // The pipeline's ingest file depends on the manifest connection; no external reference left.
  EXPECT_TRUE(state->externalConnections.empty());
}

TEST(Model, SpecTemplateEmbedsObjectsAsPython) {
  json doc = testing::githubDocument();
  doc["pipelines"]["gh_ingest"]["objects"][0]["table"]["table_configuration"] = {{"flag", true}};
  auto state = buildModel(manifestOf(doc), kAlice, bundled());
  ASSERT_TRUE(state.ok());
  const std::string path = "/Users/alice@example.com/.lakeflow_community_connectors/gh_ingest/ingest.py";
  const std::string content = state->find({ResourceKind::IngestFile, path})->inputs["content"];
  EXPECT_NE(content.find("pipeline_spec = {\n    \"connection_name\": \"gh\",\n    \"objects\": [\n"), std::string::npos);
  EXPECT_NE(content.find("\"flag\": True"), std::string::npos);
  EXPECT_EQ(content.find("{PIPELINE_SPEC}"), std::string::npos);
}

TEST(Model, RunNodeOnlyWithAfterApply) {
  auto without = buildModel(manifestOf(pipelineOnly()), kAlice, bundled());
  EXPECT_EQ(without->find({ResourceKind::PipelineRun, "my_github_pipeline"}), nullptr);
  auto with = buildModel(manifestOf(pipelineOnly({{"run", {{"after_apply", true}, {"wait", true}}}})), kAlice, bundled());
  const DesiredResource* run = with->find({ResourceKind::PipelineRun, "my_github_pipeline"});
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->inputs["wait"], true);
  EXPECT_EQ(run->dependsOn, (std::vector<ResourceKey>{{ResourceKind::Pipeline, "my_github_pipeline"}}));
}

TEST(Model, LibrariesConvertLikeTheOriginal) {
  Diagnostics warnings;
  json out = convertLibraries(json::parse(R"([{"notebook":"/a"},{"file":{"path":"/b"}},{"glob":{"include":"/c"}},{"jar":"x"}])"),
                              warnings, "here");
  EXPECT_EQ(out, json::parse(R"([{"notebook":{"path":"/a"}},{"file":{"path":"/b"}},{"file":{"path":"/c"}}])"));
  EXPECT_EQ(warnings.warningCount(), 1u);
}

TEST(Model, RelativeWorkspacePathIsAnError) {
  json doc = pipelineOnly();
  doc["defaults"] = {{"workspace_path", "relative/{PIPELINE_NAME}"}};
  auto state = buildModel(manifestOf(doc), kAlice, bundled());
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.diagnostics().items()[0].summary.find("not an absolute workspace path"), std::string::npos);
}

}  // namespace
}  // namespace cc::engine

namespace cc::engine {
namespace {

TEST(ModelSpec, ConnectorSpecAllowlistIsMergedWithTheConstantOne) {
  ModelOptions options;
  options.specAllowlist = [](const std::string& name) -> std::optional<std::string> {
    if (name == "gh") return std::string("owner,repo");
    return std::nullopt;
  };
  auto state = buildModel(testing::manifestOf(testing::githubDocument()), {"a", "h"}, testing::bundled(), options);
  ASSERT_TRUE(state.ok());
  // trace create_connection: the spec's keys and the constant ones, sorted
  EXPECT_EQ(state->find({ResourceKind::Connection, "gh"})->fields["options"]["externalOptionsAllowList"],
            "isDeleteFlow,owner,repo,tableConfigs,tableName,tableNameList");
}


// ---- repository layout (repo_layout.h) ----

json withLayout(const std::string& layout, json extra = json::object()) {
  json p = {{"repo", {{"layout", layout}}}, {"objects", json::parse(R"([{"table": {"source_table": "issues"}}])")}};
  p.update(extra);
  return pipelineOnly(p);
}

TEST(ModelLayout, SrcMovesPatternsIngestRootAndLibraryAndUsesThePackageTemplate) {
  auto state = buildModel(manifestOf(withLayout("src")), kAlice, bundled());
  ASSERT_TRUE(state.ok());
  const DesiredResource* repo = state->find({ResourceKind::Repo, kWs});
  ASSERT_NE(repo, nullptr);
  const json patterns = repo->fields["sparse_checkout"]["patterns"];
  ASSERT_EQ(patterns.size(), 5u);
  EXPECT_EQ(patterns[4], "src/databricks/labs/community_connector/sources/github");
  const DesiredResource* ingest = state->find({ResourceKind::IngestFile, kWs + "/src/ingest.py"});
  ASSERT_NE(ingest, nullptr);
  EXPECT_EQ(state->find({ResourceKind::IngestFile, kWs + "/ingest.py"}), nullptr);
  const std::string content = ingest->inputs["content"];
  EXPECT_NE(content.find("from databricks.labs.community_connector.pipeline import ingest"), std::string::npos);
  EXPECT_NE(content.find("register(spark, source_name)"), std::string::npos);
  EXPECT_NE(content.find("\"source_table\": \"issues\""), std::string::npos);
  const DesiredResource* p = state->find({ResourceKind::Pipeline, "my_github_pipeline"});
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->fields["root_path"], kWs + "/src");
  EXPECT_EQ(p->fields["libraries"], json::parse(R"([{"file":{"path":")" + kWs + R"(/src/ingest.py"}}])"));
}

TEST(ModelLayout, LegacyDeclaredIsTheUndeclaredModel) {
  auto declared = buildModel(manifestOf(withLayout("legacy")), kAlice, bundled());
  auto plain = buildModel(manifestOf(pipelineOnly({{"objects", json::parse(R"([{"table": {"source_table": "issues"}}])")}})),
                          kAlice, bundled());
  ASSERT_TRUE(declared.ok() && plain.ok());
  ASSERT_EQ(declared->resources.size(), plain->resources.size());
  for (std::size_t i = 0; i < plain->resources.size(); ++i) {
    EXPECT_EQ(declared->resources[i].key, plain->resources[i].key);
    EXPECT_EQ(declared->resources[i].fields, plain->resources[i].fields) << plain->resources[i].key.display();
  }
}

TEST(ModelLayout, OverriddenPatternsAndRootPathStayAsWritten) {
  json doc = withLayout("src", {{"pipeline", {{"root_path", "/Shared/code"}}}});
  doc["pipelines"]["my_github_pipeline"]["repo"]["sparse_checkout"] = {{"patterns", {"mine"}}};
  auto state = buildModel(manifestOf(doc), kAlice, bundled());
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->find({ResourceKind::Repo, kWs})->fields["sparse_checkout"]["patterns"], json::array({"mine"}));
  EXPECT_EQ(state->find({ResourceKind::Pipeline, "my_github_pipeline"})->fields["root_path"], "/Shared/code");
}

TEST(ModelLayout, UndeclaredLayoutIsAskedOfTheDetectorAndAMissingFolderIsAnError) {
  ModelOptions options;
  std::string asked;
  options.detectLayout = [&asked](const std::string& repoPath, const std::string& source) {
    asked = repoPath + " " + source;
    return Result<std::optional<RepoLayout>>(std::optional<RepoLayout>(RepoLayout::Src));
  };
  auto state = buildModel(manifestOf(pipelineOnly()), kAlice, bundled(), options);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(asked, kWs + " github");
  EXPECT_NE(state->find({ResourceKind::IngestFile, kWs + "/src/ingest.py"}), nullptr);

  options.detectLayout = [](const std::string&, const std::string&) {
    return Result<std::optional<RepoLayout>>(std::optional<RepoLayout>());
  };
  auto missing = buildModel(manifestOf(pipelineOnly()), kAlice, bundled(), options);
  ASSERT_FALSE(missing.ok());
  const Diagnostic& d = missing.diagnostics().items().front();
  EXPECT_NE(d.summary.find("/pipelines/my_github_pipeline/repo: the Git folder " + kWs + " does not exist yet"),
            std::string::npos) << d.summary;
  EXPECT_NE(d.detail.find("layout: src"), std::string::npos);
  // A declared layout is never asked about.
  EXPECT_TRUE(buildModel(manifestOf(withLayout("legacy")), kAlice, bundled(), options).ok());
}

TEST(ModelLayout, SchemaFieldSendsSchemaWithTheConfigurationDefault) {
  ModelOptions options;
  options.schemaField = true;
  auto state = buildModel(manifestOf(pipelineOnly()), kAlice, bundled(), options);
  ASSERT_TRUE(state.ok());
  const json& f = state->find({ResourceKind::Pipeline, "my_github_pipeline"})->fields;
  EXPECT_FALSE(f.contains("target"));
  EXPECT_EQ(f["schema"], "default");
  auto named = buildModel(manifestOf(pipelineOnly({{"schema", "raw"}})), kAlice, bundled(), options);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->find({ResourceKind::Pipeline, "my_github_pipeline"})->fields["schema"], "raw");
}

}  // namespace
}  // namespace cc::engine
