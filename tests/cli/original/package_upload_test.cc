// resolveWheels (cli/original/package_upload.h): where the wheels come from and what is refused
// before any request. The upload itself is covered by tests/fixtures/traces_current.
#include "cli/original/package_upload.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "wheel/wheel_reader.h"

namespace cc::cli {
namespace {

namespace fs = std::filesystem;

const fs::path kCheckoutFixture = fs::path(CC_TESTS_DIR) / "fixtures" / "connectors_checkout";

class PackageWheels : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("cc-package-upload-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  std::string firstError(const engine::Result<std::vector<LocalWheel>>& r) {
    return r.ok() ? std::string("(no error)") : firstErrorLine(r.diagnostics());
  }
  fs::path root_;
};

TEST_F(PackageWheels, BuildsFrameworkThenConnectorFromACheckoutReproducibly) {
  WheelChoice choice;
  choice.sourceName = "demo";
  choice.sourceDir = kCheckoutFixture;
  choice.keepDir = root_ / "kept";
  std::ostringstream out;
  auto first = resolveWheels(choice, out);
  ASSERT_TRUE(first.ok()) << firstError(first);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].fileName, "lakeflow_community_connectors-0.2.0-py3-none-any.whl");
  EXPECT_EQ((*first)[1].fileName, "lakeflow_community_connector_demo-0.2.0-py3-none-any.whl");
  auto framework = wheel::zipEntryNames((*first)[0].bytes, "framework");
  auto connector = wheel::zipEntryNames((*first)[1].bytes, "connector");
  ASSERT_TRUE(framework.ok() && connector.ok());
  EXPECT_TRUE(wheel::holdsFolder(*framework, "databricks/labs/community_connector/interface/"));
  EXPECT_FALSE(wheel::holdsFolder(*framework, "databricks/labs/community_connector/sources/demo/"));
  EXPECT_TRUE(wheel::holdsFolder(*connector, "databricks/labs/community_connector/sources/demo/"));
  EXPECT_FALSE(wheel::holdsFolder(*connector, "databricks/labs/community_connector/interface/"));
  EXPECT_TRUE(fs::exists(root_ / "kept" / (*first)[1].fileName));
  std::ostringstream again;
  auto second = resolveWheels(choice, again);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)[0].bytes, (*first)[0].bytes);
  EXPECT_EQ((*second)[1].bytes, (*first)[1].bytes);
}

TEST_F(PackageWheels, TheOlderSourcesLayoutGivesTheConnectorWheel) {
  fs::create_directories(root_ / "sources" / "legacy");
  std::ofstream(root_ / "sources" / "legacy" / "legacy.py") << "X = 1\n";
  WheelChoice choice;
  choice.sourceName = "legacy";
  choice.sourceDir = root_;
  choice.skipFramework = true;
  std::ostringstream out;
  auto r = resolveWheels(choice, out);
  ASSERT_TRUE(r.ok()) << firstError(r);
  ASSERT_EQ(r->size(), 1u);
  auto names = wheel::zipEntryNames((*r)[0].bytes, "legacy");
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(wheel::holdsFolder(*names, "databricks/labs/community_connector/sources/legacy/"));
  // Without --skip-framework the older layout has no framework package to build.
  choice.skipFramework = false;
  EXPECT_NE(firstError(resolveWheels(choice, out)).find("--skip-framework"), std::string::npos);
}

TEST_F(PackageWheels, BadInputsAreRefusedWithWhereAndHowToFix) {
  std::ofstream(root_ / "bad.whl") << "not a zip";
  struct Case {
    WheelChoice choice;
    std::string expected;
  };
  WheelChoice base;
  base.sourceName = "demo";
  base.sourceDir = kCheckoutFixture;
  std::vector<Case> cases;
  cases.push_back({base, ""});
  cases.back().choice.sourceName = "../etc";
  cases.back().expected = "invalid source name '../etc'";
  cases.push_back({base, "connector source 'nope' not found"});
  cases.back().choice.sourceName = "nope";
  cases.push_back({base, "source directory not found: " + (root_ / "absent").string()});
  cases.back().choice.sourceDir = root_ / "absent";
  cases.push_back({base, "wheel file not found: " + (root_ / "missing.whl").string()});
  cases.back().choice.connectorWheel = (root_ / "missing.whl").string();
  cases.push_back({base, "not a wheel: the file is not a zip archive: " + (root_ / "bad.whl").string()});
  cases.back().choice.frameworkWheel = (root_ / "bad.whl").string();
  for (const auto& c : cases) {
    std::ostringstream out;
    const std::string error = firstError(resolveWheels(c.choice, out));
    EXPECT_EQ(error.rfind(c.expected, 0), 0u) << error;
    EXPECT_NE(error.find("\n  fix: "), std::string::npos) << error;
    EXPECT_EQ(out.str().find("Built"), std::string::npos) << "nothing is built after a bad input: " << out.str();
  }
}

TEST_F(PackageWheels, AGivenConnectorWheelMustHoldThatConnector) {
  WheelChoice build;
  build.sourceName = "demo";
  build.sourceDir = kCheckoutFixture;
  build.skipFramework = true;
  build.keepDir = root_;
  std::ostringstream out;
  auto built = resolveWheels(build, out);
  ASSERT_TRUE(built.ok()) << firstError(built);
  WheelChoice other;
  other.sourceName = "github";
  other.skipFramework = true;
  other.connectorWheel = (root_ / (*built)[0].fileName).string();
  EXPECT_NE(firstError(resolveWheels(other, out)).find("holds no databricks/labs/community_connector/sources/github/"),
            std::string::npos);
  auto given = readGivenWheels({other.connectorWheel.value()});
  ASSERT_TRUE(given.ok());
  EXPECT_EQ((*given)[0].bytes, (*built)[0].bytes);
}

// create_pipeline -u: which files of the connector folder are imported, in which order.
TEST_F(PackageWheels, LocalConnectorFilesAreTheTopLevelPythonFilesSortedThenReadmeAndSpec) {
  const fs::path folder = root_ / "src" / "databricks" / "labs" / "community_connector" / "sources" / "x";
  fs::create_directories(folder / "sub");
  for (const char* name : {"b.py", "a.py", "connector_spec.yaml", "README.md", "notes.txt", "sub/c.py"})
    std::ofstream(folder / name) << "# " << name << "\n";
  auto files = readLocalConnectorFiles("x", root_);
  ASSERT_TRUE(files.ok()) << firstErrorLine(files.diagnostics());
  std::vector<std::string> names;
  for (const auto& f : *files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a.py", "b.py", "README.md", "connector_spec.yaml"}));
  EXPECT_EQ(files->front().content, "# a.py\n");

  fs::create_directories(folder.parent_path() / "empty");
  auto none = readLocalConnectorFiles("empty", root_);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(firstErrorLine(none.diagnostics()).rfind("no *.py, README.md or connector_spec.yaml", 0), 0u);
  auto missing = readLocalConnectorFiles("nope", root_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(firstErrorLine(missing.diagnostics()).rfind("connector source 'nope' not found", 0), 0u);
  auto invalid = readLocalConnectorFiles("../x", root_);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(firstErrorLine(invalid.diagnostics()).rfind("invalid source name '../x'", 0), 0u);
}

}  // namespace
}  // namespace cc::cli
