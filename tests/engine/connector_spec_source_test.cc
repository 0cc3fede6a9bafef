// The one connector-spec resolver: candidates in order, an explicit path tried alone, remote
// text through the fetch the caller gives, every problem typed.
#include "engine/connector_spec_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cc::engine {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSpec = "connection:\n  parameters:\n    - name: token\n      required: true\n";

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("cc-spec-source-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

SpecLookup local(const std::string& path, bool explicitPath) { return {SpecLookup::Kind::LocalFile, path, explicitPath}; }
SpecLookup remote(const std::string& url) { return {SpecLookup::Kind::Remote, url, false}; }

TEST(ConnectorSpecSource, AFileGivesItsSpecAndSaysWhereFrom) {
  TempDir dir;
  const std::string path = dir.write("spec.yaml", kSpec);
  auto r = resolveConnectorSpec({local(path, true)}, nullptr);
  ASSERT_TRUE(r.spec.has_value());
  EXPECT_EQ(r.from, path);
  EXPECT_EQ(r.spec->requiredNames(), std::set<std::string>{"token"});
  EXPECT_TRUE(r.problems.empty());
}

TEST(ConnectorSpecSource, AnExplicitPathIsTriedAloneAndItsProblemTyped) {
  TempDir dir;
  int fetched = 0;
  SpecFetch fetch = [&](const std::string&) {
    ++fetched;
    return Result<std::string>(std::string(kSpec));
  };
  auto missing = resolveConnectorSpec({local((dir.path / "nope.yaml").string(), true), remote("https://x/spec.yaml")}, fetch);
  EXPECT_FALSE(missing.spec.has_value());
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_EQ(missing.problems[0].kind, SpecProblem::Kind::Unreadable);
  EXPECT_EQ(fetched, 0);
  auto list = resolveConnectorSpec({local(dir.write("list.yaml", "- a\n- b\n"), true)}, fetch);
  ASSERT_EQ(list.problems.size(), 1u);
  EXPECT_EQ(list.problems[0].kind, SpecProblem::Kind::NotASpec);
  auto empty = resolveConnectorSpec({local(dir.write("empty.yaml", "\n  \n"), true)}, fetch);
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_EQ(empty.problems[0].kind, SpecProblem::Kind::Empty);
  auto broken = resolveConnectorSpec({local(dir.write("broken.yaml", "a: [1, 2\n"), true)}, fetch);
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_EQ(broken.problems[0].kind, SpecProblem::Kind::Invalid);
  EXPECT_FALSE(broken.problems[0].diagnostics.empty());
}

TEST(ConnectorSpecSource, RemoteTextComesThroughTheFetchAndItsFailureIsKept) {
  std::vector<std::string> asked;
  SpecFetch failing = [&](const std::string& url) {
    asked.push_back(url);
    return Result<std::string>::failure("HTTP Error 404: Not Found");
  };
  auto r = resolveConnectorSpec({remote("https://raw/a.yaml")}, failing);
  EXPECT_FALSE(r.spec.has_value());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].kind, SpecProblem::Kind::FetchFailed);
  EXPECT_EQ(r.problems[0].diagnostics.items().front().summary, "HTTP Error 404: Not Found");
  EXPECT_EQ(asked, std::vector<std::string>{"https://raw/a.yaml"});
  // Without a fetch (validate works offline) a remote candidate is not tried at all.
  auto offline = resolveConnectorSpec({remote("https://raw/a.yaml")}, nullptr);
  EXPECT_FALSE(offline.spec.has_value());
  EXPECT_TRUE(offline.problems.empty());
  SpecFetch serving = [](const std::string&) { return Result<std::string>(std::string(kSpec)); };
  auto served = resolveConnectorSpec({remote("https://raw/a.yaml")}, serving);
  ASSERT_TRUE(served.spec.has_value());
  EXPECT_EQ(served.from, "https://raw/a.yaml");
}

TEST(ConnectorSpecSource, AManifestSpecFileMustHoldAMapping) {
  TempDir dir;
  auto empty = loadConnectorSpecFile(dir.write("empty.yaml", ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.diagnostics().items().front().summary.find("must be a mapping with a 'connection' key"), std::string::npos);
  ASSERT_TRUE(empty.diagnostics().items().front().range.has_value());
  EXPECT_EQ(empty.diagnostics().items().front().range->line, 1);
}

// The lookup order of the original tool (its TestLoadConnectorSpec cases).
TEST(GithubRawUrl, Forms) {
  const std::string raw = "https://raw.githubusercontent.com/owner/repo/master";
  EXPECT_EQ(githubRawUrl("https://github.com/owner/repo"), raw);
  EXPECT_EQ(githubRawUrl("https://github.com/owner/repo.git"), raw);
  EXPECT_EQ(githubRawUrl("https://github.com/owner/repo/"), raw);
  EXPECT_EQ(githubRawUrl("http://github.com/owner/repo"), raw);
  EXPECT_EQ(githubRawUrl("git@github.com:owner/repo.git"), raw);
  EXPECT_EQ(githubRawUrl("https://github.com/owner/repo", "main"), "https://raw.githubusercontent.com/owner/repo/main");
  EXPECT_EQ(githubRawUrl(raw), raw);
  EXPECT_EQ(githubRawUrl("https://gitlab.com/owner/repo.git"), "https://gitlab.com/owner/repo");
  EXPECT_EQ(githubRawUrl("https://www.github.com/owner/repo"), "https://www.github.com/owner/repo");
}

TEST(ConnectorSpecCandidates, ExplicitPathOnly) {
  auto c = connectorSpecCandidates("my/spec.yaml", "github", "/nowhere", "https://raw/base");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, SpecLookup::Kind::LocalFile);
  EXPECT_TRUE(c[0].explicitPath);
  EXPECT_EQ(c[0].location, "my/spec.yaml");
}

TEST(ConnectorSpecCandidates, LocalCheckoutThenDefaultRemote) {
  TempDir dir;
  auto none = connectorSpecCandidates("", "github", dir.path, "https://raw/base/");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].kind, SpecLookup::Kind::Remote);
  EXPECT_EQ(none[0].location, "https://raw/base/sources/github/connector_spec.yaml");

  dir.write("src/databricks/labs/community_connector/sources/github/connector_spec.yaml", "connection: {}\n");
  auto newer = connectorSpecCandidates("", "github", dir.path, "https://raw/base");
  EXPECT_EQ(newer[0].kind, SpecLookup::Kind::LocalFile);
  dir.write("sources/github/connector_spec.yaml", "connection: {}\n");
  auto base = connectorSpecCandidates("", "github", dir.path, "https://raw/base");
  EXPECT_EQ(base[0].location, (dir.path / "sources/github/connector_spec.yaml").lexically_normal().string());
  // From tools/community_connector inside the checkout.
  fs::create_directories(dir.path / "tools" / "community_connector");
  auto fromTools = connectorSpecCandidates("", "github", dir.path / "tools" / "community_connector", "x");
  EXPECT_EQ(fromTools[0].location, (dir.path / "sources/github/connector_spec.yaml").lexically_normal().string());
}

TEST(ConnectorSpecCandidates, RepositoryUrlIsFetchedFromItsRawBase) {
  TempDir dir;
  dir.write("sources/github/connector_spec.yaml", "connection: {}\n");
  // An explicit URL wins over a local checkout (the original silently preferred the local file).
  auto c = connectorSpecCandidates("https://github.com/myorg/my-connectors", "github", dir.path, "x");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, SpecLookup::Kind::Remote);
  EXPECT_EQ(c[0].location,
            "https://raw.githubusercontent.com/myorg/my-connectors/master/sources/github/connector_spec.yaml");
}

TEST(ConnectorSpecCandidates, TheSrcLayoutFetchesFromThePackagePath) {
  auto c = connectorSpecCandidates("", "github", "/nowhere", "https://raw/base/", RepoLayout::Src);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].location,
            "https://raw/base/src/databricks/labs/community_connector/sources/github/connector_spec.yaml");
}

}  // namespace
}  // namespace cc::engine
