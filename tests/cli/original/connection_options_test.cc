// Connection option preparation for create/update_connection (cli/original/connection_options.cc).
#include "cli/original/connection_options.h"

#include <gtest/gtest.h>

#include "engine/connector_spec.h"

namespace cc::cli {
namespace {

engine::ConnectorSpec githubSpec() {
  auto spec = engine::parseConnectorSpec(nlohmann::json::parse(R"({
    "connection": {"parameters": [{"name": "token", "required": true}, {"name": "base_url"}]},
    "external_options_allowlist": "owner,repo,state"})"));
  EXPECT_TRUE(spec.ok());
  return *spec;
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& item : j.items()) out.push_back(item.key());
  return out;
}

TEST(ConnectionOptions, SpecAllowlistMergedAndKeyOrderKept) {
  auto r = prepareConnectionOptions("github", nlohmann::ordered_json::parse(R"({"token": "t", "base_url": 5})"),
                                    githubSpec(), false);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(keys(r.options), (std::vector<std::string>{"token", "base_url", "externalOptionsAllowList", "sourceName"}));
  EXPECT_EQ(r.options["externalOptionsAllowList"], "isDeleteFlow,owner,repo,state,tableConfigs,tableName,tableNameList");
  EXPECT_EQ(r.options["sourceName"], "github");
  EXPECT_EQ(r.options["base_url"], "5");
  EXPECT_EQ(r.out,
            "  \u2713 Auto-added externalOptionsAllowList: isDeleteFlow,owner,repo,state,tableConfigs,tableName,tableNameList\n");
  EXPECT_EQ(r.err, "");
}

TEST(ConnectionOptions, MissingRequiredAndUnknownAreErrors) {
  auto missing = prepareConnectionOptions("github", nlohmann::ordered_json::object(), githubSpec(), false);
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(*missing.error, "Missing required connection parameters: token");
  auto unknown = prepareConnectionOptions("github", nlohmann::ordered_json::parse(R"({"token": "t", "bogus": "x"})"),
                                          githubSpec(), false);
  ASSERT_TRUE(unknown.error);
  EXPECT_NE(unknown.error->find("Unknown connection parameters for 'github': bogus"), std::string::npos);
}

TEST(ConnectionOptions, UserAllowlistKeptVerbatimAndSourceNameOverwritten) {
  auto r = prepareConnectionOptions(
      "github", nlohmann::ordered_json::parse(R"({"sourceName": "x", "externalOptionsAllowList": "a", "token": "t"})"),
      githubSpec(), false);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(keys(r.options), (std::vector<std::string>{"sourceName", "externalOptionsAllowList", "token"}));
  EXPECT_EQ(r.options["externalOptionsAllowList"], "a");
  EXPECT_EQ(r.options["sourceName"], "github");
  EXPECT_EQ(r.out, "");
}

TEST(ConnectionOptions, WithoutSpecConstantAllowlistAndWarning) {
  auto r = prepareConnectionOptions("github", nlohmann::ordered_json::parse(R"({"token": "t"})"), std::nullopt, false);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.options["externalOptionsAllowList"], "tableName,tableNameList,tableConfigs,isDeleteFlow");
  EXPECT_EQ(r.err,
            "\u26a0\ufe0f  Warning: Could not load connector spec for 'github'. Skipping parameter validation.\n");
  EXPECT_EQ(r.out, "  \u2713 Auto-added constant externalOptionsAllowList: tableName,tableNameList,tableConfigs,isDeleteFlow\n");
}

TEST(ConnectionOptions, DebugNeverPrintsValues) {
  auto r = prepareConnectionOptions("github", nlohmann::ordered_json::parse(R"({"token": "ghp_secret_value"})"),
                                    githubSpec(), true);
  EXPECT_EQ(r.out.find("ghp_secret_value"), std::string::npos);
  EXPECT_NE(r.out.find("[DEBUG] Final option keys: [token, externalOptionsAllowList, sourceName]"), std::string::npos);
}

}  // namespace
}  // namespace cc::cli
