// publish's pure rules (today's original §7.7): which display name wins, which are refused, and
// the manifest it writes.
#include "cli/original/publish_manifest.h"

#include <gtest/gtest.h>

namespace cc::cli {
namespace {

TEST(PublishDisplayName, TheFlagThenTheSpecThenTheSource) {
  EXPECT_EQ(publishDisplayName(std::string("Team Demo"), "Spec Name", "demo").value(), "Team Demo");
  EXPECT_EQ(publishDisplayName(std::nullopt, "Spec Name", "demo").value(), "Spec Name");
  EXPECT_EQ(publishDisplayName(std::nullopt, "", "demo_json").value(), "demo_json");
  EXPECT_EQ(publishDisplayName(std::nullopt, "", "my-source_2").value(), "my-source_2");
}

TEST(PublishDisplayName, OnlyLettersDigitsSpacesUnderscoresAndDashes) {
  for (const std::string bad : {"Demo/../x", "a.b", "", "tab\there", "line\n", "caf\xc3\xa9", "x;rm", "Demo:1"}) {
    auto r = publishDisplayName(bad, "", "demo");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.diagnostics().items().front().summary.find("Invalid display name '" + bad + "'"), std::string::npos);
    EXPECT_NE(r.diagnostics().items().front().summary.find("pass -d"), std::string::npos);
  }
  // A bad name from the spec is refused too: the flag is the way out.
  EXPECT_FALSE(publishDisplayName(std::nullopt, "Spec/Name", "demo").ok());
  EXPECT_TRUE(publishDisplayName(std::string("Spec Name"), "Spec/Name", "demo").ok());
}

TEST(PublishManifest, TheOriginalsShapeAndLayout) {
  const nlohmann::json spec = {{"connection", {{"parameters", nlohmann::json::array()}}}};
  EXPECT_EQ(publishManifestText("demo-json_x", "Demo JSON", spec, {}),
            "{\n"
            "  \"id\": \"DEMO_JSON_X\",\n"
            "  \"sourceName\": \"demo-json_x\",\n"
            "  \"displayName\": \"Demo JSON\",\n"
            "  \"logo\": null,\n"
            "  \"repositoryPath\": \"\",\n"
            "  \"readmeUrl\": \"\",\n"
            "  \"connectionSpec\": {\n"
            "    \"connection\": {\n"
            "      \"parameters\": []\n"
            "    }\n"
            "  }\n"
            "}\n");
  const std::string withWheels = publishManifestText("demo", "demo", nullptr, {"/Volumes/a/b/c/x.whl"});
  EXPECT_NE(withWheels.find("\"connectionSpec\": null,\n  \"dependencies\": [\n    \"/Volumes/a/b/c/x.whl\"\n  ]\n}\n"),
            std::string::npos) << withWheels;
}

}  // namespace
}  // namespace cc::cli
