#include "engine/managed_pipeline_model.h"

#include <gtest/gtest.h>

#include "engine/content_digest.h"
#include "engine/manifest_loader.h"
#include "engine/manifest_writer.h"
#include "engine/model.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using testing::bundled;
using testing::manifestOf;

const WorkspaceContext kBob{"bob@example.com", "https://h"};

json managedPipeline(const std::string& catalog, json extra = json::object()) {
  json p = {{"source", "github"},
            {"connection", "gh_conn"},
            {"ingestion", "managed"},
            {"catalog", catalog},
            {"schema", "raw"},
            {"objects", {{{"table", {{"source_table", "issues"}}}}}},
            {"packages", {{{"wheel", "dist/gh-1.0-py3-none-any.whl"}}}}};
  p.update(extra);
  return p;
}

// Every package entry is a wheel named after its `wheel:` path (else gh-1.0-…) with `bytes`.
ModelOptions withWheel(const std::string& bytes) {
  ModelOptions options;
  options.packageArtifact = [bytes](const std::string&, const json& entry, const std::string&) {
    const std::string path = entry.value("wheel", "gh-1.0-py3-none-any.whl");
    const std::string file = path.substr(path.rfind('/') + 1);
    return Result<PackageArtifact>(PackageArtifact{file, bytes, sha256Hex(bytes)});
  };
  return options;
}

// Unity Catalog keeps catalog, schema and volume names in lower case: a manifest that spells
// them otherwise must still name the volume and file as the workspace reads them back, or the
// plan would never converge. Folders under the volume are storage paths and keep their case.
TEST(ManagedPipelineModel, VolumeAndFileNamesFoldCatalogSchemaAndVolumeButNotFolders) {
  json doc = {{"version", 1},
              {"pipelines",
               {{"a", managedPipeline("Main")},
                {"b", managedPipeline("main", {{"volume_path", "/Volumes/MAIN/Raw/Pkgs/Team/Wheels"}})}}}};
  auto state = buildModel(manifestOf(doc), kBob, bundled(), withWheel("PK-bytes"));
  ASSERT_TRUE(state.ok()) << state.diagnostics().items().front().summary;

  const DesiredResource* volume = state->find({ResourceKind::Volume, "main.raw.community_connector"});
  ASSERT_NE(volume, nullptr);
  EXPECT_EQ(volume->fields, (json{{"catalog_name", "main"}, {"schema_name", "raw"}, {"name", "community_connector"}}));
  const std::string defaultFile = "/Volumes/main/raw/community_connector/packages/gh-1.0-py3-none-any.whl";
  EXPECT_NE(state->find({ResourceKind::VolumeFile, defaultFile}), nullptr);

  EXPECT_NE(state->find({ResourceKind::Volume, "main.raw.pkgs"}), nullptr);
  const std::string givenFile = "/Volumes/main/raw/pkgs/Team/Wheels/gh-1.0-py3-none-any.whl";
  EXPECT_NE(state->find({ResourceKind::VolumeFile, givenFile}), nullptr);

  // The pipelines install the files under the same paths.
  const json& deps = state->find({ResourceKind::Pipeline, "a"})->fields["environment"]["dependencies"];
  EXPECT_EQ(deps, json::array({defaultFile}));
  EXPECT_EQ(state->find({ResourceKind::Pipeline, "b"})->fields["environment"]["dependencies"], json::array({givenFile}));
}

// import writes a managed pipeline back as a manifest entry that models the same pipeline: the
// connector options return to table_configuration, the filled-in destinations are left out,
// and the packages are named after the volume's files.
TEST(ManagedPipelineImport, TheWrittenEntryModelsTheSamePipeline) {
  json pipeline = managedPipeline("main", {{"volume_path", "/Volumes/main/raw/pkgs/team"}, {"pipeline", {{"continuous", true}}}});
  pipeline["objects"] = json::parse(R"([
    {"table": {"source_table": "issues", "table_configuration": {"scd_type": "SCD_TYPE_2", "sequence_by": ["at"], "page_size": "50"}}},
    {"table": {"source_table": "pulls", "destination_table": "prs", "source_schema": "octo"}}])");
  ModelOptions options = withWheel("PK-bytes");
  options.markOwnership = false;
  auto original = buildModel(manifestOf({{"version", 1}, {"pipelines", {{"gh", pipeline}}}}), kBob, bundled(), options);
  ASSERT_TRUE(original.ok()) << original.diagnostics().items().front().summary;
  const json& fields = original->find({ResourceKind::Pipeline, "gh"})->fields;

  ImportedWorkspace ws;
  ws.userName = "bob@example.com";
  ImportedConnection connection;
  connection.info = {{"name", "gh_conn"}, {"connection_type", "COMMUNITY"}, {"options", {{"sourceName", "github"}}}};
  ws.connections.push_back(connection);
  ImportedPipeline observed;
  observed.spec = fields;
  ws.pipelines.push_back(observed);
  const WrittenManifest written = writeManifest(ws, bundled());
  EXPECT_NE(written.yaml.find("    ingestion: managed\n"), std::string::npos) << written.yaml;
  EXPECT_NE(written.yaml.find("      - wheel: packages/gh-1.0-py3-none-any.whl\n"), std::string::npos) << written.yaml;
  EXPECT_NE(written.yaml.find("    volume_path: /Volumes/main/raw/pkgs/team\n"), std::string::npos) << written.yaml;
  for (const char* filledIn : {"destination_catalog", "destination_schema", "connector_options", "registerPythonDataSource"})
    EXPECT_EQ(written.yaml.find(filledIn), std::string::npos) << filledIn << "\n" << written.yaml;
  ASSERT_FALSE(written.notes.empty());
  EXPECT_NE(written.notes.back().find("its wheels stay in /Volumes/main/raw/pkgs/team; copy each to packages/"),
            std::string::npos) << written.notes.back();

  auto loaded = loadYaml(written.yaml, "imported.yaml");
  ASSERT_TRUE(loaded.ok());
  auto again = buildModel(manifestOf(loaded->document), kBob, bundled(), options);
  ASSERT_TRUE(again.ok()) << again.diagnostics().items().front().summary;
  EXPECT_EQ(again->find({ResourceKind::Pipeline, "gh"})->fields, fields) << written.yaml;
}

TEST(ManagedPipelineImport, WhatPackagesCannotSayIsLeftOutWithTheReason) {
  ImportedWorkspace ws;
  ImportedConnection connection;
  connection.info = {{"name", "gh_conn"}, {"options", {{"sourceName", "github"}}}};
  ws.connections.push_back(connection);
  ImportedPipeline pypi;
  pypi.spec = {{"name", "pypi"}, {"ingestion_definition", {{"connection_name", "gh_conn"}, {"objects", json::array()}}},
               {"environment", {{"dependencies", {"requests==2.32"}}}}};
  ImportedPipeline orphan;
  orphan.spec = {{"name", "orphan"}, {"ingestion_definition", {{"connection_name", "gone"}, {"objects", json::array()}}}};
  ws.pipelines = {pypi, orphan};
  const WrittenManifest written = writeManifest(ws, bundled());
  EXPECT_EQ(written.yaml.find("pipelines:"), std::string::npos) << written.yaml;
  std::string notes;
  for (const auto& n : written.notes) notes += n + "\n";
  EXPECT_NE(notes.find("orphan is left out: its connection gone is not in the workspace"), std::string::npos) << notes;
  EXPECT_NE(notes.find("pypi is left out: its dependency requests==2.32 is not a file in a volume"), std::string::npos)
      << notes;
}

}  // namespace
}  // namespace cc::engine
