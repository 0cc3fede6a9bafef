// The original tool's -ps / -o inputs (cli/original/inputs.cc), with their exact messages.
#include "cli/original/inputs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cc::cli {
namespace {

namespace fs = std::filesystem;

std::string error(const auto& result) { return result.diagnostics().items().at(0).summary; }

fs::path fixture(const std::string& name) { return fs::path(CC_TESTS_DIR) / "fixtures" / "original" / name; }

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("cc-e2e-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
    return path / rel;
  }
};

TEST(PipelineSpecArgument, InlineJsonParses) {
  auto r = readPipelineSpecArgument(R"({"connection_name": "c", "objects": [{"table": {"source_table": "t"}}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["objects"][0]["table"]["source_table"], "t");
}

TEST(PipelineSpecArgument, InvalidInlineJson) {
  auto r = readPipelineSpecArgument("not json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error(r).rfind("Invalid JSON for --pipeline-spec: ", 0), 0u) << error(r);
}

TEST(PipelineSpecArgument, YamlFile) {
  auto r = readPipelineSpecArgument(fixture("pipeline_spec.yaml").string());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["connection_name"], "my_github_conn");
  EXPECT_EQ((*r)["objects"][1]["table"]["table_configuration"]["primary_keys"][0], "id");
}

TEST(PipelineSpecArgument, JsonFileIsReadAsJson) {
  TempDir dir;
  auto p = dir.write("spec.json", R"({"connection_name": "x", "objects": []})");
  auto r = readPipelineSpecArgument(p.string());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["connection_name"], "x");
  auto bad = dir.write("bad.json", "connection_name: x");
  auto b = readPipelineSpecArgument(bad.string());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(error(b).rfind("Failed to parse pipeline spec file: ", 0), 0u) << error(b);
}

TEST(PipelineSpecArgument, MissingFile) {
  auto r = readPipelineSpecArgument("no/such/spec.yml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error(r), "Pipeline spec file not found: no/such/spec.yml");
}

TEST(PipelineSpecArgument, ExtensionIsCaseSensitive) {
  // "SPEC.YAML" is not a file name to the original: it is parsed as JSON text.
  auto r = readPipelineSpecArgument("SPEC.YAML");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error(r).rfind("Invalid JSON for --pipeline-spec: ", 0), 0u);
}

TEST(PipelineSpecArgument, BrokenYamlFile) {
  TempDir dir;
  auto p = dir.write("spec.yaml", "connection_name: [unclosed\n");
  auto r = readPipelineSpecArgument(p.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error(r).rfind("Failed to parse pipeline spec file: ", 0), 0u);
}

TEST(ConnectionOptions, KeepsOrderAndTypes) {
  auto r = parseConnectionOptions(R"({"z": "1", "a": 2, "m": true})");
  ASSERT_TRUE(r.ok());
  std::vector<std::string> keys;
  for (auto& [k, v] : r->items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"z", "a", "m"}));
  EXPECT_EQ(optionValueText((*r)["a"]), "2");
  EXPECT_EQ(optionValueText((*r)["m"]), "true");
  EXPECT_EQ(optionValueText((*r)["z"]), "1");
}

TEST(ConnectionOptions, Errors) {
  auto bad = parseConnectionOptions("{token: x}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(error(bad).rfind("Invalid JSON for --options: ", 0), 0u);
  auto list = parseConnectionOptions("[1, 2]");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(error(list), "--options must be a JSON object (key-value pairs)");
}

}  // namespace
}  // namespace cc::cli
