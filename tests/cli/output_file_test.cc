// plan -o PATH: atomic replacement of regular files, writing through devices and symlinks,
// refusing the manifest, and `-` as standard output.
#include "cli/output_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace cc::cli {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/cc-output-file-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Names in the folder other than `keep`: leftovers such as temporary files.
  std::vector<std::string> others(const std::vector<std::string>& keep) const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (std::find(keep.begin(), keep.end(), name) == keep.end()) out.push_back(name);
    }
    return out;
  }

  fs::path dir_;
  std::ostringstream stdout_;
};

TEST_F(OutputFileTest, ARegularFileIsReplacedWholeAndKeepsItsPermissions) {
  const fs::path plan = dir_ / "plan.json";
  write(plan, "old content that is longer than the new one");
  ASSERT_EQ(::chmod(plan.c_str(), 0600), 0);
  ASSERT_FALSE(writeOutputFile(plan.string(), "new", {}, "the plan", stdout_));
  EXPECT_EQ(read(plan), "new");
  struct stat st {};
  ASSERT_EQ(::stat(plan.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(others({"plan.json"}), std::vector<std::string>{}) << "no temporary file is left";
  EXPECT_EQ(stdout_.str(), "");
}

TEST_F(OutputFileTest, ADeviceIsWrittenNotReplaced) {
  ASSERT_FALSE(writeOutputFile("/dev/null", "plan", {}, "the plan", stdout_));
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null must stay a character device";
  if (fs::exists("/dev/full")) {
    auto failed = writeOutputFile("/dev/full", "plan", {}, "the plan", stdout_);
    EXPECT_TRUE(failed);
    EXPECT_NE(failed.what.find("/dev/full"), std::string::npos) << failed.what;
    ASSERT_EQ(::stat("/dev/full", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/full must stay a character device";
  }
}

TEST_F(OutputFileTest, ASymlinkIsWrittenThroughAndStaysALink) {
  fs::create_directory(dir_ / "real");
  write(dir_ / "real" / "plan.json", "old");
  fs::create_symlink(dir_ / "real" / "plan.json", dir_ / "link.json");
  ASSERT_FALSE(writeOutputFile((dir_ / "link.json").string(), "new", {}, "the plan", stdout_));
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.json"));
  EXPECT_EQ(read(dir_ / "real" / "plan.json"), "new");
}

TEST_F(OutputFileTest, TheManifestIsRefusedHoweverItIsSpelled) {
  const fs::path manifest = dir_ / "connectors.yaml";
  write(manifest, "version: 1\n");
  fs::create_symlink(manifest, dir_ / "alias.yaml");
  for (const fs::path& out : {manifest, dir_ / "." / "connectors.yaml", dir_ / "alias.yaml"}) {
    auto failed = writeOutputFile(out.string(), "plan", {manifest.string()}, "the plan", stdout_);
    EXPECT_TRUE(failed) << out;
    EXPECT_NE(failed.what.find("input"), std::string::npos) << failed.what;
  }
  EXPECT_EQ(read(manifest), "version: 1\n");
}

TEST_F(OutputFileTest, DashIsStandardOutputAndAFolderIsRefused) {
  ASSERT_FALSE(writeOutputFile("-", "plan text", {}, "the plan", stdout_));
  EXPECT_EQ(stdout_.str(), "plan text");
  EXPECT_FALSE(fs::exists("-"));
  auto failed = writeOutputFile(dir_.string(), "plan", {}, "the plan", stdout_);
  EXPECT_TRUE(failed);
  EXPECT_NE(failed.what.find("folder"), std::string::npos);
  auto missing = writeOutputFile((dir_ / "absent" / "plan.json").string(), "plan", {}, "the plan", stdout_);
  EXPECT_TRUE(missing);
  EXPECT_NE(missing.fix.find("exists"), std::string::npos) << missing.fix;
}

}  // namespace
}  // namespace cc::cli
