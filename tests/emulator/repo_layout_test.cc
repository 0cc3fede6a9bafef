#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

const std::string kUpstream = "https://github.com/databrickslabs/lakeflow-community-connectors.git";
const std::string kPackage = "src/databricks/labs/community_connector";
const std::vector<std::string> kLegacyPatterns = {"libs", "pipeline", "sources/github"};
const std::vector<std::string> kSrcPatterns = {kPackage + "/libs", kPackage + "/interface", kPackage + "/pipeline",
                                               kPackage + "/sparkpds", kPackage + "/sources/github"};

int64_t createRepo(TestClient& client, const std::string& name, const std::vector<std::string>& patterns,
                   const std::string& url = kUpstream) {
  nlohmann::json body = {{"url", url}, {"provider", "gitHub"}, {"path", "/Repos/alice/" + name}};
  if (!patterns.empty()) body["sparse_checkout"] = {{"patterns", patterns}};
  TestResponse created = client.post("/api/2.0/repos", body);
  EXPECT_EQ(created.status, 200) << created.body;
  return created.json.value("id", int64_t{0});
}

std::string typeAt(TestClient& client, const std::string& path) {
  TestResponse status = client.get("/api/2.0/workspace/get-status?path=" + path);
  return status.status == 200 ? status.json["object_type"].get<std::string>() : std::to_string(status.status);
}

using RepoLayoutDefault = EmulatorFixture;

TEST_F(RepoLayoutDefault, LegacyLayoutHasNothingForSrcPatterns) {
  createRepo(*client_, "legacy", kLegacyPatterns);
  EXPECT_EQ(typeAt(*client_, "/Repos/alice/legacy/sources/github"), "DIRECTORY");
  EXPECT_EQ(typeAt(*client_, "/Repos/alice/legacy/libs"), "DIRECTORY");
  createRepo(*client_, "new_patterns", kSrcPatterns);
  EXPECT_EQ(typeAt(*client_, "/Repos/alice/new_patterns/README.md"), "FILE");
  EXPECT_EQ(typeAt(*client_, "/Repos/alice/new_patterns/src"), "404");
}

TEST(RepoLayoutSrc, SrcLayoutChecksOutTheSrcTree) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--repo-layout", "src"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  createRepo(client, "new", kSrcPatterns);
  for (const char* folder : {"libs", "interface", "pipeline", "sparkpds", "sources/github"}) {
    EXPECT_EQ(typeAt(client, "/Repos/alice/new/" + kPackage + "/" + folder), "DIRECTORY") << folder;
  }
  EXPECT_EQ(typeAt(client, "/Repos/alice/new/" + kPackage + "/sources/zendesk"), "404");
  // The legacy patterns select nothing in the src layout: only the root files arrive.
  createRepo(client, "old", kLegacyPatterns);
  EXPECT_EQ(typeAt(client, "/Repos/alice/old/pyproject.toml"), "FILE");
  EXPECT_EQ(typeAt(client, "/Repos/alice/old/libs"), "404");
  EXPECT_EQ(typeAt(client, "/Repos/alice/old/sources"), "404");
  // A pattern above the package brings its folders; a full checkout holds them all.
  createRepo(client, "cone", {"src"});
  EXPECT_EQ(typeAt(client, "/Repos/alice/cone/" + kPackage + "/interface"), "DIRECTORY");
  createRepo(client, "full", {});
  EXPECT_EQ(typeAt(client, "/Repos/alice/full/" + kPackage + "/sources"), "DIRECTORY");
  EXPECT_EQ(typeAt(client, "/Repos/alice/full/libs"), "404");
}

TEST(RepoLayoutRules, LayoutFollowsTheUrlAndBranchOfTheCheckout) {
  test_support::EmulatorProcess emulator(
      CC_EMULATOR_BINARY, {"--repo-layout", "https://github.com/databrickslabs/lakeflow-community-connectors@build_pkg=src",
                           "--repo-layout", "https://github.com/myorg/fork=src"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  const int64_t id = createRepo(client, "p", {"libs", kPackage + "/libs"});
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/libs"), "DIRECTORY");  // main: legacy
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/src"), "404");
  ASSERT_EQ(client.patch("/api/2.0/repos/" + std::to_string(id), {{"branch", "build_pkg"}}).status, 200);
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/" + kPackage + "/libs"), "DIRECTORY");
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/libs"), "404");
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/README.md"), "FILE");
  ASSERT_EQ(client.patch("/api/2.0/repos/" + std::to_string(id), {{"branch", "master"}}).status, 200);
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/libs"), "DIRECTORY");
  EXPECT_EQ(typeAt(client, "/Repos/alice/p/src"), "404");
  // A URL rule without a branch covers every branch; URLs compare without .git or case.
  createRepo(client, "fork", {kPackage + "/libs"}, "https://github.com/MyOrg/fork.git");
  EXPECT_EQ(typeAt(client, "/Repos/alice/fork/" + kPackage + "/libs"), "DIRECTORY");
}

TEST(RepoLayoutRules, MalformedRuleStopsTheEmulator) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--repo-layout", "https://github.com/x/y=flat"});
  EXPECT_FALSE(emulator.ok());
}

}  // namespace
}  // namespace cc::emulator::test
