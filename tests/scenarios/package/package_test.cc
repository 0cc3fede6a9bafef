// The .deb, made by scripts/build-package.sh from this build (the script the Dockerfile's
// builder stage runs; the build here is the test build, RelWithDebInfo, so stripping is really
// exercised). What it checks:
//   - its Depends names the Debian package of every library the three ELF files load
//     (readelf NEEDED → dpkg -S on this Debian 12 system), and ca-certificates;
//   - the binaries carry no symbol table and no debug information;
//   - extracted with dpkg-deb -x, community-connector runs, hands a workspace command to the
//     libexec binary and plans against the packaged emulator with the packaged data;
//   - as root only (chroot): `dpkg --root` installs it into a root holding nothing but its
//     dependency closure taken from this system's installed packages (dpkg checks the Depends
//     there), and the tool runs and plans inside that root. That root stands in for a clean
//     Debian 12 container; no base image is downloaded, so this is not the debian:12-slim image.
// Skipped, with the reason, when a Debian tool it needs is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "debian_root.h"
#include "debian_tools.h"
#include "support/emulator_process.h"

namespace cc::package_test {
namespace {

const std::vector<std::string> kElfFiles = {"usr/bin/community-connector", "usr/bin/workspace-emulator",
                                            "usr/libexec/community-connector-workspace"};

const char* kManifest =
    "version: 1\n"
    "connections:\n  c1: { source: github, options: { token: '${env.PKG_TOKEN}' } }\n"
    "pipelines:\n  p1: { source: github, connection: c1, objects: [ { table: { source_table: issues } } ] }\n";

// One packaging for the whole suite: it is the slow part.
class PackageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* tool : {"dpkg-deb", "dpkg-shlibdeps", "dpkg-query", "file", "readelf", "cpack"}) {
      if (!onPath(tool)) {
        skip_ = std::string(tool) + " is not installed (dpkg-dev, file and binutils: scripts/bootstrap.sh)";
        return;
      }
    }
    char pattern[] = "/tmp/cc-package-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
      log_ = "cannot create a temporary directory";
      return;
    }
    work_ = pattern;
    auto built = runTool("bash", {CC_SOURCE_DIR "/scripts/build-package.sh", CC_BINARY_DIR, (work_ / "out").string()});
    log_ = built.out + built.err;
    if (built.exit != 0 || lines(built.out).empty()) return;
    deb_ = lines(built.out).back();
    extracted_ = work_ / "extracted";
    auto x = runTool("dpkg-deb", {"-x", deb_.string(), extracted_.string()});
    if (x.exit != 0) log_ += x.err;
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    if (!work_.empty()) fs::remove_all(work_, ignored);
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    ASSERT_TRUE(fs::exists(deb_) && fs::exists(extracted_ / kElfFiles[0])) << "packaging failed:\n" << log_;
  }

  static std::string field(const std::string& name) {
    return trim(runTool("dpkg-deb", {"-f", deb_.string(), name}).out);
  }
  static std::set<std::string> declaredDepends() {
    std::set<std::string> names;
    for (const auto& alternatives : parseRelations(field("Depends"))) {
      names.insert(alternatives.begin(), alternatives.end());
    }
    return names;
  }

  static inline std::string skip_, log_;
  static inline fs::path work_, deb_, extracted_;
};

TEST_F(PackageTest, ShipsTheWorkspaceBinaryWhereTheFrontBinaryLooksForIt) {
  const std::string contents = runTool("dpkg-deb", {"-c", deb_.string()}).out;
  for (const auto& path : kElfFiles) EXPECT_NE(contents.find(" ./" + path + "\n"), std::string::npos) << path;
  for (const char* path : {"./usr/share/community-connector/templates/default_config.yaml",
                           "./usr/share/community-connector/schemas/manifest.schema.json",
                           "./usr/share/bash-completion/completions/community-connector"}) {
    EXPECT_NE(contents.find(std::string(" ") + path + "\n"), std::string::npos) << path;
  }
  EXPECT_EQ(field("Package"), "community-connector");
  EXPECT_EQ(field("Architecture"), trim(runTool("dpkg", {"--print-architecture"}).out));
}

TEST_F(PackageTest, DependsNamesThePackageOfEveryLibraryTheBinariesLoad) {
  const std::set<std::string> depends = declaredDepends();
  EXPECT_TRUE(depends.contains("libc6")) << field("Depends");
  EXPECT_TRUE(depends.contains("libssl3")) << field("Depends");
  EXPECT_TRUE(depends.contains("ca-certificates")) << field("Depends");
  EXPECT_TRUE(std::any_of(depends.begin(), depends.end(), [](auto& d) { return d.starts_with("libpoconet"); }))
      << field("Depends");
  std::map<std::string, std::vector<std::string>> needed;  // ELF file → its libraries
  std::set<std::string> sonames;
  for (const auto& elf : kElfFiles) {
    needed[elf] = neededLibraries(extracted_ / elf);
    EXPECT_FALSE(needed[elf].empty()) << elf << " has no NEEDED entry: is it an ELF file?";
    sonames.insert(needed[elf].begin(), needed[elf].end());
  }
  const auto holdersOf = packagesHolding(sonames);
  for (const auto& [elf, libraries] : needed) {
    for (const auto& soname : libraries) {
      const auto& holders = holdersOf.contains(soname) ? holdersOf.at(soname) : std::set<std::string>{};
      if (holders.empty()) {
        ADD_FAILURE() << elf << " loads " << soname << ", which no installed package holds";
        continue;
      }
      EXPECT_TRUE(std::any_of(holders.begin(), holders.end(), [&](auto& p) { return depends.contains(p); }))
          << elf << " loads " << soname << " from " << *holders.begin()
          << ", which Depends does not name: " << field("Depends");
    }
  }
}

TEST_F(PackageTest, BinariesAreStripped) {
  for (const auto& elf : kElfFiles) {
    const auto sections = runTool("readelf", {"-S", "--wide", (extracted_ / elf).string()});
    ASSERT_EQ(sections.exit, 0) << sections.err;
    EXPECT_EQ(sections.out.find(" .symtab "), std::string::npos) << elf << " keeps its symbol table";
    EXPECT_EQ(sections.out.find(" .debug_info "), std::string::npos) << elf << " keeps debug information";
  }
}

// The environment of a run against `emulator` that inherits no credentials.
Environment emulatorEnvironment(const test_support::EmulatorProcess& emulator, const std::string& caFile) {
  Environment env = test_support::cliEnvironmentFor(emulator);
  env["SSL_CERT_FILE"] = caFile;
  env["NO_COLOR"] = "1";
  env["PKG_TOKEN"] = "ghp_package_test";
  return env;
}

TEST_F(PackageTest, ExtractedToolRunsAndHandsWorkspaceCommandsOver) {
  const std::string cli = (extracted_ / "usr/bin/community-connector").string();
  const fs::path dir = work_ / "extracted-run";
  fs::create_directories(dir);
  auto version = test_support::runChild(cli, {"--version"}, dir, {});
  EXPECT_EQ(version.out, "community-connector, version 0.1.0\n") << version.err;

  // No credentials at all: the libexec binary answers (not "cannot start"), with exit 1.
  const Environment none = {{"HOME", dir.string()},
                            {"PKG_TOKEN", "ghp_package_test"},
                            {"DATABRICKS_HOST", std::nullopt},
                            {"DATABRICKS_TOKEN", std::nullopt},
                            {"DATABRICKS_CONFIG_PROFILE", std::nullopt},
                            {"DATABRICKS_CLIENT_ID", std::nullopt},
                            {"DATABRICKS_CONFIG_FILE", std::nullopt}};
  auto noAuth = test_support::runChild(cli, {"plan", "-f", "-"}, dir, none, kManifest);
  EXPECT_EQ(noAuth.exit, 1) << noAuth.out << noAuth.err;
  EXPECT_NE(noAuth.err.find("error: no databricks host configured"), std::string::npos) << noAuth.err;

  // The packaged emulator and the packaged tool, with the packaged data.
  test_support::EmulatorProcess emulator((extracted_ / "usr/bin/workspace-emulator").string());
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  test_support::writeText(dir / "connectors.yaml", kManifest);
  auto plan = test_support::runChild(cli, {"plan", "--format", "json"}, dir,
                                     emulatorEnvironment(emulator, emulator.caFile()));
  ASSERT_EQ(plan.exit, 0) << plan.out << plan.err;
  EXPECT_NE(plan.out.find("\"p1\""), std::string::npos) << plan.out;
}


// Runs `args` inside `root` as a container runtime would: chroot, with a /proc of its own (the
// tool finds its libexec binary and its data through /proc/self/exe) in a private mount
// namespace that disappears with the process.
test_support::ChildResult runInRoot(const fs::path& root, const std::vector<std::string>& args,
                                    const Environment& env) {
  std::vector<std::string> words = {"--mount", "--pid", "--fork", "--mount-proc=" + (root / "proc").string(),
                                    "chroot", root.string()};
  words.insert(words.end(), args.begin(), args.end());
  return runTool("unshare", words, env);
}

// Installs the package into `root` with dpkg, which checks its Depends against the root's
// database (only the closure of those Depends); returns dpkg's complaint, if any.
std::string dpkgInstall(const fs::path& root, const fs::path& deb) {
  auto installed = runTool("dpkg", {"--root=" + root.string(), "--install", deb.string()});
  if (installed.exit != 0) return "dpkg --install failed:\n" + installed.out + installed.err;
  auto status = runTool("dpkg", {"--root=" + root.string(), "--status", "community-connector"});
  if (status.out.find("Status: install ok installed") == std::string::npos) return "not installed:\n" + status.out;
  return "";
}

TEST_F(PackageTest, InstallsWithDpkgIntoARootOfItsDependenciesAndRunsThere) {
  if (::geteuid() != 0) GTEST_SKIP() << "chroot and dpkg --root need root (CI runs as root)";
  for (const char* tool : {"dpkg", "unshare", "chroot"}) {
    if (!onPath(tool)) GTEST_SKIP() << tool << " is not installed";
  }
  const fs::path root = work_ / "root";
  fs::create_directories(root / "proc");
  auto probe = runInRoot(root, {"/nothing"}, {});
  if (probe.err.find("unshare failed") != std::string::npos) GTEST_SKIP() << "no mount namespace here: " << probe.err;

  std::vector<std::string> unsatisfied;
  const auto closure = dependencyClosure(parseRelations(field("Depends")), unsatisfied);
  ASSERT_TRUE(unsatisfied.empty()) << "no installed package satisfies " << unsatisfied.front();
  ASSERT_EQ(makeDebianRoot(root, closure), "");
  ASSERT_EQ(dpkgInstall(root, deb_), "");

  auto version = runInRoot(root, {"/usr/bin/community-connector", "--version"}, {});
  ASSERT_EQ(version.out, "community-connector, version 0.1.0\n") << version.err;
  // A plan in the root, against the packaged emulator outside it (same network).
  test_support::EmulatorProcess emulator((extracted_ / "usr/bin/workspace-emulator").string());
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  fs::copy_file(emulator.caFile(), root / "work/ca.pem");
  test_support::writeText(root / "work/connectors.yaml", kManifest);
  Environment env = emulatorEnvironment(emulator, "/work/ca.pem");
  env["HOME"] = "/work";
  env["DATABRICKS_CONFIG_FILE"] = "/work/no-databrickscfg";
  auto plan = runInRoot(
      root, {"/usr/bin/community-connector", "plan", "-f", "/work/connectors.yaml", "--format", "json"}, env);
  ASSERT_EQ(plan.exit, 0) << plan.out << plan.err;
  EXPECT_NE(plan.out.find("\"p1\""), std::string::npos) << plan.out;
}

}  // namespace
}  // namespace cc::package_test
