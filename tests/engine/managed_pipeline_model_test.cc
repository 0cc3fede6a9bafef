#include "engine/managed_pipeline_model.h"

#include <gtest/gtest.h>

#include "engine/content_digest.h"
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

ModelOptions withWheel(const std::string& bytes) {
  ModelOptions options;
  options.packageArtifact = [bytes](const std::string&, const json&, const std::string&) {
    return Result<PackageArtifact>(PackageArtifact{"gh-1.0-py3-none-any.whl", bytes, sha256Hex(bytes)});
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

}  // namespace
}  // namespace cc::engine
