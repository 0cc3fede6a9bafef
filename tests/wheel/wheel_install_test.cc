// The wheel as pip sees it: installed with `pip install --no-deps --no-index --target`, then
// imported by Python. Skipped where python3 or its pip is missing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "support/child_process.h"
#include "wheel/scratch_folder.h"
#include "wheel/wheel_builder.h"

namespace cc::wheel {
namespace {

namespace fs = std::filesystem;
using test_support::runChild;

const fs::path kFixtures = fs::path(CC_TESTS_DIR) / "fixtures/wheel";

// The absolute path of python3 on PATH (runChild executes a path, it does not search).
std::optional<fs::path> python3() {
  const char* path = std::getenv("PATH");
  std::istringstream folders(path != nullptr ? path : "");
  for (std::string folder; std::getline(folders, folder, ':');) {
    const fs::path candidate = fs::path(folder.empty() ? "." : folder) / "python3";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

class WheelInstallTest : public ScratchFolderTest {
 protected:
  void SetUp() override {
    ScratchFolderTest::SetUp();
    python_ = python3();
    if (!python_) GTEST_SKIP() << "python3 is not on PATH";
    if (python({"-m", "pip", "--version"}).exit != 0) GTEST_SKIP() << "python3 has no pip (Debian: python3-pip)";
  }

  test_support::ChildResult python(const std::vector<std::string>& args, const test_support::Environment& env = {}) {
    test_support::Environment quiet = env;
    quiet["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
    quiet["PYTHONDONTWRITEBYTECODE"] = "1";
    return runChild(python_->string(), args, root(), quiet);
  }

  fs::path builtWheel() {
    WheelInput in;
    in.sourceDir = kFixtures / "sample_connector";
    in.distribution = "sample-connector";
    in.version = "0.1.0";
    in.packagePath = "sample_connector";
    auto wheel = buildWheel(in);
    EXPECT_TRUE(wheel.ok());
    auto written = wheel.ok() ? writeWheel(*wheel, root() / "dist") : engine::Result<fs::path>(wheel.diagnostics());
    EXPECT_TRUE(written.ok());
    return written.ok() ? *written : fs::path();
  }

  std::optional<fs::path> python_;
};

TEST_F(WheelInstallTest, PythonsZipAndHashCodeAgreeWithRecord) {
  const fs::path wheel = builtWheel();
  const auto check = python({(kFixtures / "check_wheel.py").string(), wheel.string()});
  EXPECT_EQ(check.exit, 0) << check.all();
  EXPECT_EQ(check.out, "ok\n") << check.all();
}

TEST_F(WheelInstallTest, PipInstallsItAndThePackageImports) {
  const fs::path wheel = builtWheel();
  const fs::path site = root() / "site";
  const auto install = python({"-m", "pip", "install", "--no-deps", "--no-index", "--no-compile", "--target",
                               site.string(), wheel.string()});
  ASSERT_EQ(install.exit, 0) << install.all();
  EXPECT_TRUE(fs::exists(site / "sample_connector-0.1.0.dist-info/RECORD"));

  const auto run = python({"-c",
                           "import sample_connector, importlib.metadata as m\n"
                           "from sample_connector.tables.schema import TABLES\n"
                           "print(sample_connector.greet('wheel'), sorted(TABLES), m.version('sample-connector'))"},
                          {{"PYTHONPATH", site.string()}});
  EXPECT_EQ(run.exit, 0) << run.all();
  EXPECT_EQ(run.out, "hello, wheel ['issues', 'pulls'] 0.1.0\n") << run.all();
}

}  // namespace
}  // namespace cc::wheel
