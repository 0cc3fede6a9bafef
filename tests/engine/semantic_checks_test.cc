#include "engine/semantic_checks.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/manifest_loader.h"

namespace cc::engine {
namespace {

std::vector<std::string> run(void (*check)(const nlohmann::json&, const SourceMap&, Diagnostics&), const std::string& yaml) {
  auto loaded = loadYaml(yaml, "m.yaml");
  EXPECT_TRUE(loaded.ok());
  Diagnostics diags;
  check(loaded->document, loaded->sources, diags);
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back((d.severity == Severity::Error ? "E " : "W ") + d.summary);
  return out;
}

TEST(SemanticChecks, VersionMustBeOne) {
  EXPECT_TRUE(run(checkVersion, "version: 1\n").empty());
  EXPECT_EQ(run(checkVersion, "version: 2\n"),
            std::vector<std::string>{"E unsupported manifest version 2: this build knows version 1"});
  EXPECT_EQ(run(checkVersion, "version: '1'\n"),
            std::vector<std::string>{"E unsupported manifest version '1': this build knows version 1"});
  EXPECT_TRUE(run(checkVersion, "a: 1\n").empty());  // left to the schema's required key
}

TEST(SemanticChecks, ResourceNamesFollowTheWorkspaceRules) {
  std::string longName(256, 'x');
  auto out = run(checkResourceNames, "connections:\n  'a/b': {}\n  'a b': {}\n  '': {}\n  ok_name: {}\npipelines:\n  " +
                                         longName + ": {}\n");
  EXPECT_EQ(out, (std::vector<std::string>{"E connection name must not be empty",
                                           "E connection name 'a b' must not contain whitespace",
                                           "E connection name 'a/b' must not contain '/'",
                                           "E pipeline name '" + longName.substr(0, 40) + "...' is longer than 255 characters"}));
  EXPECT_TRUE(run(checkResourceNames, "pipelines:\n  " + std::string(255, 'y') + ": {}\n").empty());
}

TEST(SemanticChecks, WorkspaceHostMustBeHttpsExceptLoopback) {
  EXPECT_TRUE(run(checkWorkspaceHost, "workspace: {host: 'https://adb-1.azuredatabricks.net'}\n").empty());
  EXPECT_TRUE(run(checkWorkspaceHost, "workspace: {host: 'http://127.0.0.1:8443'}\n").empty());
  EXPECT_TRUE(run(checkWorkspaceHost, "workspace: {host: 'http://localhost'}\n").empty());
  EXPECT_TRUE(run(checkWorkspaceHost, "workspace: {host: 'http://[::1]:9000/'}\n").empty());
  EXPECT_EQ(run(checkWorkspaceHost, "workspace: {host: 'http://example.com'}\n"),
            std::vector<std::string>{"E workspace.host 'http://example.com' uses http://, which is allowed only for a "
                                     "loopback host (localhost, 127.0.0.1, ::1)"});
  EXPECT_EQ(run(checkWorkspaceHost, "workspace: {host: 'adb.net'}\n"),
            std::vector<std::string>{"E workspace.host 'adb.net' must be an https:// URL"});
  EXPECT_EQ(run(checkWorkspaceHost, "workspace: {host: 'https://'}\n"),
            std::vector<std::string>{"E workspace.host 'https://' has no host name"});
  EXPECT_FALSE(isAllowedWorkspaceUrl("http://localhost.evil.com"));
}

TEST(SemanticChecks, PipelineSourceMustMatchItsManifestConnection) {
  const std::string base = "connections:\n  c: {source: github}\npipelines:\n";
  EXPECT_TRUE(run(checkPipelineConnections, base + "  p: {source: github, connection: c}\n").empty());
  EXPECT_TRUE(run(checkPipelineConnections, base + "  p: {source: stripe, connection: elsewhere}\n").empty());
  EXPECT_EQ(run(checkPipelineConnections, base + "  p: {source: stripe, connection: c}\n"),
            std::vector<std::string>{"E pipeline 'p' has source 'stripe' but its connection 'c' has source 'github'"});
}

TEST(SemanticChecks, PipelineObjectsReportAllErrorsAndTheOriginalWarnings) {
  auto loaded = loadYaml("pipelines:\n  p:\n    objects:\n      - table: {}\n      - table: {source_table: t, x: 1}\n"
                         "      - table: {source_table: t, table_configuration: {scd_type: bad}}\n", "m.yaml");
  Diagnostics diags;
  checkPipelineObjects(loaded->document, loaded->sources, diags);
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags.items()[0].summary, "invalid pipeline spec at 'objects[0].table' of pipeline 'p': 'source_table' is required");
  EXPECT_EQ(diags.items()[0].range->toString(), "m.yaml:4:16");
  EXPECT_EQ(diags.items()[1].severity, Severity::Error);
  EXPECT_EQ(diags.items()[1].range->line, 6);
  EXPECT_EQ(diags.items()[2].summary, "Unknown keys in 'objects[1].table' will be ignored: {'x'} (pipeline 'p')");
  EXPECT_EQ(diags.items()[2].severity, Severity::Warning);
}

TEST(SemanticChecks, ConnectorSpecChecksOptionKeys) {
  const std::string dir = std::string(CC_TESTS_DIR) + "/fixtures/manifests";
  auto loaded = loadYaml("connections:\n  c:\n    source: github\n    spec: specs/github.yaml\n    options: {tokn: x}\n"
                         "  m:\n    source: mixpanel\n    spec: specs/mixpanel.yaml\n    options: {api_secret: x}\n"
                         "  u:\n    source: x\n    spec: https://example.com/spec.yaml\n"
                         "  n:\n    source: x\n    spec: specs/none.yaml\n", "m.yaml");
  Diagnostics diags;
  std::map<std::string, ConnectorSpec> specs;
  checkConnectorSpecs(loaded->document, loaded->sources, dir, diags, specs);
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(d.summary);
  EXPECT_EQ(out, (std::vector<std::string>{
      "connection 'c': Missing required connection parameters: token",
      "connection 'c': Unknown connection parameters for 'github': tokn. Known parameters are: base_url, token",
      "connection 'n': connector spec file 'specs/none.yaml' not found",
      "connection 'u': connector spec 'https://example.com/spec.yaml' is a URL and validate works offline, so its options are not checked"}));
  EXPECT_EQ(specs.count("c"), 1u);
  EXPECT_EQ(specs.count("m"), 1u);
  EXPECT_EQ(diags.errorCount(), 3u);
}

}  // namespace
}  // namespace cc::engine
