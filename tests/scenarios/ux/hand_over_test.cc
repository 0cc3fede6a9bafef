// community-connector runs the commands that need no workspace itself and hands the others to
// community-connector-workspace (cli/hand_over.h): a copy of it without that binary still helps,
// prints its version, validates and completes, and says what is missing for the others.
#include <gtest/gtest.h>

#include "ux_runner.h"

namespace cc::ux_test {
namespace {

class HandOverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cc_ux_hand_over_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "bin");
    lone_ = dir_ / "bin" / "community-connector";
    fs::copy_file(CC_CLI_BINARY, lone_, fs::copy_options::overwrite_existing);
    fs::copy_file(fs::path(CC_SOURCE_DIR) / "examples/minimal.yaml", dir_ / "connectors.yaml",
                  fs::copy_options::overwrite_existing);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  fs::path lone_;
};

TEST_F(HandOverTest, OfflineCommandsRunWithoutTheWorkspaceBinary) {
  const Environment env = {{"NO_COLOR", "1"}, {"GITHUB_TOKEN", "ghp_x"}};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"--version"}, {"version"}, {"plan", "--help"}, {"validate"},
        {"completion", "bash"}, {"schema"}}) {
    auto lone = run(lone_.string(), args, dir_, env);
    auto full = runCli(args, dir_, env);
    EXPECT_EQ(lone.exit, full.exit) << args[0];
    EXPECT_EQ(lone.out, full.out) << args[0];
    EXPECT_EQ(lone.err, full.err) << args[0];
  }
}

TEST_F(HandOverTest, AWorkspaceCommandSaysWhichBinaryIsMissing) {
  auto r = run(lone_.string(), {"plan"}, dir_, {{"NO_COLOR", "1"}});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, "");
  const std::string start = "error: cannot start " + fs::canonical(dir_).string() + "/";
  const std::string end =
      "/community-connector-workspace: No such file or directory (it is part of community-connector: reinstall it)\n";
  EXPECT_EQ(r.err.rfind(start, 0), 0u) << r.err;
  ASSERT_GE(r.err.size(), end.size()) << r.err;
  EXPECT_EQ(r.err.substr(r.err.size() - end.size()), end) << r.err;
}

}  // namespace
}  // namespace cc::ux_test
