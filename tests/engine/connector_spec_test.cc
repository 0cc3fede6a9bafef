#include "engine/connector_spec.h"
#include "engine/connector_spec_source.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cc::engine {
namespace {

using nlohmann::json;

ConnectorSpec parse(const char* text) {
  auto r = parseConnectorSpec(json::parse(text));
  EXPECT_TRUE(r.ok());
  return r.ok() ? r.value() : ConnectorSpec{};
}

const char* kFlat = R"({"connection": {"parameters": [
  {"name": "token", "type": "string", "required": true, "secret": true},
  {"name": "base_url", "required": false}, "junk", {"required": true}, {"name": ""}]},
  "external_options_allowlist": "owner,repo"})";

// Base layout: shared parameters under common_parameters.
const char* kAuthBase = R"({"connection": {"auth_methods": [
  {"name": "service_account", "parameters": [{"name": "username", "required": true}, {"name": "secret", "required": true}]},
  {"name": "api_secret", "parameters": [{"name": "api_secret", "required": true}]}],
  "common_parameters": [{"name": "project_id"}, {"name": "region", "required": true}]}})";

std::set<std::string> keys(std::initializer_list<const char*> k) { return {k.begin(), k.end()}; }

TEST(ConnectorSpec, ParsesFlatParametersSkippingBadEntries) {
  auto spec = parse(kFlat);
  EXPECT_FALSE(spec.hasAuthMethods());
  EXPECT_EQ(spec.requiredNames(), keys({"token"}));
  EXPECT_EQ(spec.optionalNames(), keys({"base_url"}));
  EXPECT_EQ(spec.secretParameters(), keys({"token"}));
  EXPECT_EQ(spec.externalOptionsAllowlist, "owner,repo");
}

TEST(ConnectorSpec, NullListsAndMissingConnectionAreEmpty) {
  auto spec = parse(R"({"connection": {"parameters": null}, "external_options_allowlist": null})");
  EXPECT_TRUE(spec.parameters.empty());
  EXPECT_EQ(spec.externalOptionsAllowlist, "");
  EXPECT_TRUE(parse(R"({})").allKnownParameters().empty());
  EXPECT_FALSE(parseConnectorSpec(json::array()).ok());
}

TEST(ConnectorSpec, ParsesAuthMethodsWithBaseAndHeadSharedParameters) {
  auto base = parse(kAuthBase);
  ASSERT_EQ(base.authMethods.size(), 2u);
  EXPECT_EQ(base.authMethods[0].name, "service_account");
  EXPECT_EQ(base.authMethods[0].requiredNames(), keys({"secret", "username"}));
  EXPECT_EQ(base.requiredNames(), keys({"region"}));
  EXPECT_EQ(base.allKnownParameters(), keys({"api_secret", "project_id", "region", "secret", "username"}));
  auto head = parse(R"({"connection": {"auth_methods": [{"name": "m", "parameters": null}],
    "parameters": [{"name": "shared", "required": true}]}})");
  EXPECT_EQ(head.requiredNames(), keys({"shared"}));
}

TEST(ConnectorSpec, MergesAllowlistsSortedByByteOrder) {
  EXPECT_EQ(mergeExternalOptionsAllowlist("owner,repo,state,per_page,max_pages_per_batch,lookback_seconds,start_date,org,pull_number",
                                          constantExternalOptionsAllowlist()),
            "isDeleteFlow,lookback_seconds,max_pages_per_batch,org,owner,per_page,pull_number,repo,start_date,state,"
            "tableConfigs,tableName,tableNameList");
  EXPECT_EQ(mergeExternalOptionsAllowlist("", constantExternalOptionsAllowlist()),
            "isDeleteFlow,tableConfigs,tableName,tableNameList");
  EXPECT_EQ(mergeExternalOptionsAllowlist(" b , a,,c", "c, d "), "a,b,c,d");
  EXPECT_EQ(mergeExternalOptionsAllowlist("", ""), "");
}

TEST(ConnectorSpec, FlatValidationNamesMissingAndUnknownKeys) {
  auto spec = parse(kFlat);
  EXPECT_TRUE(validateConnectionOptions(spec, keys({"token", "sourceName", "externalOptionsAllowList"}), "github").valid());
  auto missing = validateConnectionOptions(spec, keys({"base_url"}), "github");
  EXPECT_EQ(missing.errors, std::vector<std::string>{"Missing required connection parameters: token"});
  auto unknown = validateConnectionOptions(spec, keys({"token", "zz", "aa"}), "github");
  EXPECT_EQ(unknown.errors, std::vector<std::string>{
      "Unknown connection parameters for 'github': aa, zz. Known parameters are: base_url, token"});
  EXPECT_FALSE(unknown.detectedAuthMethod);
}

TEST(ConnectorSpec, AuthMethodValidationDetectsTheBestMethod) {
  auto spec = parse(kAuthBase);
  auto sa = validateConnectionOptions(spec, keys({"username", "secret", "region", "project_id"}), "mixpanel");
  EXPECT_TRUE(sa.valid());
  EXPECT_EQ(sa.detectedAuthMethod, "service_account");
  auto api = validateConnectionOptions(spec, keys({"api_secret", "region"}), "mixpanel");
  EXPECT_EQ(api.detectedAuthMethod, "api_secret");
  auto none = validateConnectionOptions(spec, keys({"username", "region"}), "mixpanel");
  EXPECT_EQ(none.errors, std::vector<std::string>{
      "No valid authentication method detected. Please provide all required parameters for ONE of the following:\n"
      "  - service_account: requires (secret, username)\n  - api_secret: requires (api_secret)"});
  auto common = validateConnectionOptions(spec, keys({"api_secret"}), "mixpanel");
  EXPECT_EQ(common.errors, std::vector<std::string>{"Missing required common parameters: region"});
  auto unknown = validateConnectionOptions(spec, keys({"api_secret", "region", "bogus"}), "mixpanel");
  ASSERT_EQ(unknown.errors.size(), 1u);
  EXPECT_EQ(unknown.errors[0].rfind("Unknown connection parameters for 'mixpanel': bogus.", 0), 0u);
}

TEST(ConnectorSpec, BestOverlapWinsOverAnEarlierMethodAndEmptyMethodsAreDetectable) {
  auto spec = parse(R"({"connection": {"auth_methods": [
    {"name": "none", "parameters": []},
    {"name": "key", "parameters": [{"name": "api_key", "required": true}, {"name": "extra"}]}]}})");
  EXPECT_EQ(detectAuthMethod(spec, keys({})), "none");
  EXPECT_EQ(detectAuthMethod(spec, keys({"api_key"})), "key");
}

TEST(ConnectorSpec, OAuthFlowOptionsAreKnownAndExemptManagedTokens) {
  auto spec = parse(R"({"connection": {"parameters": [{"name": "access_token", "required": true}]}})");
  EXPECT_FALSE(validateConnectionOptions(spec, keys({"client_id"}), "gmail").valid());
  EXPECT_TRUE(validateConnectionOptions(spec, keys({"community_oauth_flow", "client_id", "client_secret",
                                                    "token_endpoint"}), "gmail").valid());
}

TEST(ConnectorSpec, LoadsTheBundledSpecFixtures) {
  auto github = loadConnectorSpecFile(std::string(CC_TESTS_DIR) + "/fixtures/manifests/specs/github.yaml");
  ASSERT_TRUE(github.ok());
  EXPECT_EQ(github->secretParameters(), keys({"token"}));
  auto example = loadConnectorSpecFile(std::string(CC_TESTS_DIR) + "/fixtures/manifests/specs/example.yaml");
  ASSERT_TRUE(example.ok());
  EXPECT_TRUE(example->parameters.empty());
  EXPECT_FALSE(loadConnectorSpecFile("/nonexistent/spec.yaml").ok());
}

}  // namespace
}  // namespace cc::engine
