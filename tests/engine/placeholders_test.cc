#include "engine/placeholders.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cc::engine {
namespace {

InterpolationScope scope() {
  InterpolationScope s;
  s.vars = {{"env", "prod"}, {"n-1", "x"}};
  s.declared = {"env", "n-1", "nodefault"};
  s.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TOKEN") return "s3cr3t";
    if (name == "EMPTY") return "";
    return std::nullopt;
  };
  return s;
}

TEST(Placeholders, ResolvesVariablesAndEnvironment) {
  auto r = interpolate("a_${var.env}_${env.TOKEN}-${var.n-1}", scope());
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.value, "a_prod_s3cr3t-x");
  EXPECT_TRUE(r.usedEnv);
  auto v = interpolate("${var.env}", scope());
  EXPECT_FALSE(v.usedEnv);
  EXPECT_EQ(interpolate("${env.EMPTY}", scope()).value, "");
}

TEST(Placeholders, LeavesPlainTextAndEscapesAlone) {
  EXPECT_EQ(interpolate("cost $5 {CURRENT_USER}", scope()).value, "cost $5 {CURRENT_USER}");
  auto e = interpolate("$${env.TOKEN}", scope());
  EXPECT_EQ(e.value, "${env.TOKEN}");
  EXPECT_FALSE(e.usedEnv);
  EXPECT_FALSE(containsReference("$${var.x}"));
  EXPECT_TRUE(containsReference("a${var.x}"));
}

TEST(Placeholders, ReportsUnsetAndUndeclaredNamesWithoutValues) {
  EXPECT_EQ(interpolate("${env.MISSING}", scope()).errors,
            std::vector<std::string>{"environment variable 'MISSING' is not set (referenced as ${env.MISSING})"});
  EXPECT_EQ(interpolate("${var.other}", scope()).errors,
            std::vector<std::string>{"variable 'other' is not declared: declare it under 'variables' (with a default, or give its value with --var other=VALUE)"});
  EXPECT_EQ(interpolate("${var.nodefault}", scope()).errors,
            std::vector<std::string>{"variable 'nodefault' has no value: give it a default or pass --var nodefault=VALUE"});
}

TEST(Placeholders, ReportsMalformedReferences) {
  EXPECT_EQ(interpolate("${foo.bar}", scope()).errors,
            std::vector<std::string>{"malformed reference '${foo.bar}': use ${env.NAME} or ${var.NAME}"});
  EXPECT_EQ(interpolate("${env}", scope()).errors.size(), 1u);
  EXPECT_NE(interpolate("${env.1X}", scope()).errors.at(0).find("is not a valid name"), std::string::npos);
  EXPECT_EQ(interpolate("x ${var.env", scope()).errors,
            std::vector<std::string>{"unterminated reference '${var.env': close it with '}'"});
}

TEST(Placeholders, InterpolatesDocumentKeysAndRekeysTheSourceMap) {
  auto doc = nlohmann::json::parse(R"({"pipelines": {"p_${var.env}": {"schema": "s_${env.TOKEN}"}}})");
  SourceMap sources;
  sources.add("/pipelines/p_${var.env}/schema", {"m.yaml", 3, 13});
  sources.addKey("/pipelines/p_${var.env}", {"m.yaml", 2, 3});
  Diagnostics diags;
  auto out = interpolateDocument(doc, sources, scope(), diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(doc["pipelines"]["p_prod"]["schema"], "s_s3cr3t");
  EXPECT_EQ(sources.find("/pipelines/p_prod/schema")->line, 3);
  EXPECT_EQ(sources.findKey("/pipelines/p_prod")->line, 2);
  ASSERT_EQ(out.origins.count("/pipelines/p_prod/schema"), 1u);
  EXPECT_EQ(out.origins["/pipelines/p_prod/schema"].sourceText, "s_${env.TOKEN}");
  EXPECT_TRUE(out.origins["/pipelines/p_prod/schema"].usedEnv);
}

TEST(Placeholders, KeysThatCollideAfterInterpolationAreErrors) {
  auto doc = nlohmann::json::parse(R"({"p_prod": 1, "p_${var.env}": 2})");
  Diagnostics diags;
  SourceMap none;
  interpolateDocument(doc, none, scope(), diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].summary, "key 'p_prod' appears twice after interpolation");
}

TEST(Placeholders, ParsesVarAssignments) {
  std::map<std::string, std::string> vars;
  Diagnostics diags;
  EXPECT_TRUE(parseVarAssignments({"env=prod", "x=a=b", "empty="}, vars, diags));
  EXPECT_EQ(vars["env"], "prod");
  EXPECT_EQ(vars["x"], "a=b");
  EXPECT_EQ(vars["empty"], "");
  EXPECT_FALSE(parseVarAssignments({"novalue", "=x", "1a=b"}, vars, diags));
  EXPECT_EQ(diags.errorCount(), 3u);
  EXPECT_EQ(diags.items()[0].summary, "--var 'novalue' is malformed: expected NAME=VALUE");
}

}  // namespace
}  // namespace cc::engine
