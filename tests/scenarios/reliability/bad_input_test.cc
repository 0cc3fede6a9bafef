// Every malformed input run through the real binary against one emulator: exit 1 (2 for the
// original commands' usage errors), a message naming where the problem is, no crash, and not a
// single request reaches the workspace. The inputs: each manifest of the bad-manifest corpus
// (tests/support/bad_manifests.h), applied, refused with exactly the words of its golden (what
// validate prints); and tests/fixtures/bad_input/cases.json (other commands on those manifests,
// connector specs, pipeline specs, --config files, plan files, command-line arguments).

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_process.h"
#include "support/bad_manifests.h"

namespace cc::reliability {
namespace {

const fs::path kFixtures = fs::path(CC_TESTS_DIR) / "fixtures" / "bad_input";

struct BadInputCase {
  std::string name;
  std::vector<std::string> args;
  int exit = 1;
  std::vector<std::string> expect;  // substrings of stdout+stderr that locate the problem
  std::optional<std::string> stdinText;
  std::string todo;  // a known defect: the case is skipped while it fails, and fails once fixed
  fs::path cwd{};    // where it runs, under the suite's copy of the fixtures
  std::optional<std::string> golden{};  // what stderr must be, then "[exit N]" (corpus cases)
};

// One case per manifest of the corpus: apply with the flags its "# args:" line gives validate
// (but --require-env: apply always requires every variable), in the copy of
// tests/fixtures/manifests/ so that the file is named as in the golden.
std::vector<BadInputCase> corpusCases() {
  std::vector<BadInputCase> out;
  for (const auto& manifest : test_support::badManifests()) {
    BadInputCase k;
    k.name = "manifest/" + manifest.file.stem().string();
    k.args = {"apply", "-f", manifest.relative};
    for (const auto& arg : manifest.extraArgs)
      if (arg != "--require-env") k.args.push_back(arg);
    k.args.push_back("--auto-approve");
    k.cwd = "manifests";
    k.golden = readText(manifest.golden);
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<BadInputCase> loadCases() {
  std::vector<BadInputCase> out;
  auto doc = nlohmann::json::parse(readText(kFixtures / "cases.json"), nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& c : doc) {
    BadInputCase k;
    k.name = c.value("name", "");
    k.args = c.value("args", std::vector<std::string>{});
    k.exit = c.value("exit", 1);
    k.expect = c.value("expect", std::vector<std::string>{});
    if (c.contains("stdin")) k.stdinText = c["stdin"].get<std::string>();
    k.todo = c.value("todo", "");
    out.push_back(std::move(k));
  }
  for (auto& k : corpusCases()) out.push_back(std::move(k));
  return out;
}

// One emulator and one copy of the fixtures for the whole suite; every case runs in it.
class BadInputTest : public ::testing::TestWithParam<BadInputCase> {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new test_support::EmulatorProcess(CC_EMULATOR_BINARY);
    work_ = new TempDir();
    fs::copy(kFixtures, work_->path(), fs::copy_options::recursive);
    fs::copy(test_support::manifestFixtures(), work_->path() / "manifests", fs::copy_options::recursive);
    if (!emulator_->ok()) return;
    // A real saved plan of good.yaml, then damaged copies of it.
    RunResult made = runCli({"plan", "-f", "good.yaml", "-o", "good-plan.json"}, work_->path(), env());
    planSetupError_ = made.exit == 0 ? "" : "plan -o failed: " + made.all();
    const std::string plan = readText(work_->path() / "good-plan.json");
    fs::create_directories(work_->path() / "derived");
    writeText(work_->path() / "derived/truncated.json", plan.substr(0, plan.size() / 2));
    writeText(work_->path() / "derived/one_byte.json", plan.substr(0, 1));
    std::string tampered = plan;
    if (auto at = tampered.find("issues"); at != std::string::npos) tampered.replace(at, 6, "issuez");
    writeText(work_->path() / "derived/tampered.json", tampered);
    auto doc = nlohmann::json::parse(plan, nullptr, false);
    if (doc.is_object()) {
      doc["format_version"] = 999;
      writeText(work_->path() / "derived/wrong_version.json", doc.dump(2));
      doc["format_version"] = "one";
      writeText(work_->path() / "derived/version_string.json", doc.dump(2));
    }
  }
  static void TearDownTestSuite() {
    delete work_;
    delete emulator_;
  }
  static Environment env() {
    Environment env = emulatorEnvironment(*emulator_);
    env["CC_TEST_TOKEN"] = "ghp_test_secret_0123456789";  // the corpus manifests' token, as validate_golden_test
    return env;
  }

  static test_support::EmulatorProcess* emulator_;
  static TempDir* work_;
  static std::string planSetupError_;
};

test_support::EmulatorProcess* BadInputTest::emulator_ = nullptr;
TempDir* BadInputTest::work_ = nullptr;
std::string BadInputTest::planSetupError_;

void expectRejected(const BadInputCase& c, const RunResult& r, std::size_t before, std::size_t after) {
  const std::string shown = "case " + c.name + "\n--- stdout\n" + r.out + "\n--- stderr\n" + r.err;
  EXPECT_EQ(crashSign(r), std::nullopt) << shown;
  EXPECT_EQ(r.exit, c.exit) << shown;
  for (const auto& e : c.expect) EXPECT_NE(r.all().find(e), std::string::npos) << "missing '" << e << "'\n" << shown;
  EXPECT_EQ(after, before) << "the workspace received requests\n" << shown;
  if (c.golden) {
    EXPECT_EQ(r.err + "[exit " + std::to_string(r.exit) + "]\n", *c.golden) << shown;
  }
}

TEST_P(BadInputTest, RejectedBeforeAnyRequest) {
  ASSERT_TRUE(emulator_->ok()) << emulator_->error();
  const BadInputCase& c = GetParam();
  const std::size_t before = requestCount(emulator_->requestLogPath());
  RunResult r = runCli(c.args, work_->path() / c.cwd, env(), c.stdinText);
  const std::size_t after = requestCount(emulator_->requestLogPath());
  if (!c.todo.empty()) {
    bool located = true;
    for (const auto& e : c.expect) located = located && r.all().find(e) != std::string::npos;
    const bool rejected = !crashSign(r) && r.exit == c.exit && located && after == before;
    ASSERT_FALSE(rejected) << "case " << c.name << " passes now: remove its \"todo\" from cases.json";
    GTEST_SKIP() << "known defect: " << c.todo;
  }
  expectRejected(c, r, before, after);
}

// Damaged copies of a real saved plan: each is refused offline, naming the file.
TEST_F(BadInputTest, DamagedSavedPlansAreRefusedOffline) {
  ASSERT_TRUE(emulator_->ok()) << emulator_->error();
  ASSERT_EQ(planSetupError_, "");
  for (const std::string name : {"truncated", "one_byte", "tampered", "wrong_version", "version_string"}) {
    BadInputCase c{"derived/" + name, {"apply", "derived/" + name + ".json", "-f", "good.yaml", "--auto-approve"},
                   1, {"plan file"}, std::nullopt, ""};
    const std::size_t before = requestCount(emulator_->requestLogPath());
    RunResult r = runCli(c.args, work_->path(), env());
    expectRejected(c, r, before, requestCount(emulator_->requestLogPath()));
  }
  // The manifest changed after the plan was made: refused before touching the workspace.
  fs::copy_file(work_->path() / "good.yaml", work_->path() / "edited.yaml", fs::copy_options::overwrite_existing);
  RunResult made = runCli({"plan", "-f", "edited.yaml", "-o", "edited-plan.json"}, work_->path(), env());
  ASSERT_EQ(made.exit, 0) << made.all();
  fs::copy_file(work_->path() / "good_changed.yaml", work_->path() / "edited.yaml", fs::copy_options::overwrite_existing);
  BadInputCase stale{"derived/stale_manifest", {"apply", "edited-plan.json", "-f", "edited.yaml", "--auto-approve"},
                     1, {"plan"}, std::nullopt, ""};
  const std::size_t before = requestCount(emulator_->requestLogPath());
  RunResult r = runCli(stale.args, work_->path(), env());
  expectRejected(stale, r, before, requestCount(emulator_->requestLogPath()));
}

// A manifest over the 10 MiB limit, made here rather than stored.
TEST_F(BadInputTest, OversizedManifestIsRefused) {
  ASSERT_TRUE(emulator_->ok()) << emulator_->error();
  std::string big = "version: 1\n# ";
  big.append(11u * 1024u * 1024u, 'x');
  writeText(work_->path() / "oversized.yaml", big + "\n");
  BadInputCase c{"oversized", {"apply", "-f", "oversized.yaml", "--auto-approve"}, 1, {"oversized.yaml"}, std::nullopt, ""};
  const std::size_t before = requestCount(emulator_->requestLogPath());
  RunResult r = runCli(c.args, work_->path(), env());
  expectRejected(c, r, before, requestCount(emulator_->requestLogPath()));
}

TEST(BadInputCorpus, HasAtLeastSixtyCases) { EXPECT_GE(loadCases().size(), 60u); }

std::string caseName(const ::testing::TestParamInfo<BadInputCase>& info) {
  std::string n;
  for (char ch : info.param.name) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputTest, ::testing::ValuesIn(loadCases()), caseName);

}  // namespace
}  // namespace cc::reliability
