// `cmake --install` into a temporary prefix: the installed binary reads its templates and
// default config from <prefix>/share/community-connector (not the source tree) and plans
// against the emulator; completions and schemas are installed.
#include <gtest/gtest.h>

#include "ux_runner.h"

namespace cc::ux_test {
namespace {

TEST(InstallTest, InstalledBinaryUsesItsOwnDataAndPlans) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  const fs::path prefix = scratch(emulator, "prefix");
  auto installed = run("/usr/bin/env", {"cmake", "--install", CC_BINARY_DIR, "--prefix", prefix.string()},
                       fs::path(CC_BINARY_DIR));
  ASSERT_EQ(installed.exit, 0) << installed.out << installed.err;

  const fs::path share = prefix / "share/community-connector";
  ASSERT_TRUE(fs::exists(prefix / "bin/community-connector"));
  ASSERT_TRUE(fs::exists(prefix / "bin/workspace-emulator"));
  ASSERT_TRUE(fs::exists(share / "templates/default_config.yaml"));
  ASSERT_TRUE(fs::exists(share / "templates/ingest.py.tmpl"));
  ASSERT_TRUE(fs::exists(share / "schemas/manifest.schema.json"));
  EXPECT_TRUE(fs::exists(prefix / "share/bash-completion/completions/community-connector"));
  EXPECT_TRUE(fs::exists(prefix / "share/zsh/vendor-completions/_community-connector"));

  // Prove which default config the installed binary reads: change the installed copy only.
  std::string config = readText(share / "templates/default_config.yaml");
  const std::string from = "catalog: main";
  auto at = config.find(from);
  ASSERT_NE(at, std::string::npos);
  config.replace(at, from.size(), "catalog: installed_catalog");
  writeText(share / "templates/default_config.yaml", config);

  const fs::path dir = scratch(emulator, "work");
  writeText(dir / "connectors.yaml",
            "version: 1\n"
            "connections:\n  c1: { source: github, options: { token: '${env.UX_TOKEN}' } }\n"
            "pipelines:\n  p1: { source: github, connection: c1, objects: [ { table: { source_table: issues } } ] }\n");
  Environment env = emulatorEnvironment(emulator);
  env["UX_TOKEN"] = "ghp_install_test";
  auto version = run((prefix / "bin/community-connector").string(), {"--version"}, dir, env);
  EXPECT_EQ(version.out, "community-connector, version 0.1.0\n");
  auto plan = run((prefix / "bin/community-connector").string(), {"plan", "--format", "json"}, dir, env);
  ASSERT_EQ(plan.exit, 0) << plan.out << plan.err;
  EXPECT_NE(plan.out.find("installed_catalog"), std::string::npos) << "the installed binary did not read "
                                                                   << share << ":\n" << plan.out;
}

}  // namespace
}  // namespace cc::ux_test
