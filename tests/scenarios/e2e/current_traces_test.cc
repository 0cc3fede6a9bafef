// Golden request logs of today's original commands (tests/fixtures/traces_current/): written by
// us from the original's documented behaviour (see that folder's README.md), not recorded. Our
// binary runs each variant against the emulator; its mutating requests (method, path, body;
// raw uploads as {"size", "sha256"}; an imported file as its decoded JSON), its normalised
// output and its exit code must equal the golden files. CC_UPDATE_GOLDEN=1 rewrites requests,
// stdout, stderr and exit from the run (review the diff against §7 of the reference by hand).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "cli_runner.h"

namespace cc::e2e {
namespace current_traces {

const fs::path kCurrent = fs::path(CC_TESTS_DIR) / "fixtures" / "traces_current";
const fs::path kFixtures = fs::path(CC_TESTS_DIR) / "fixtures";

bool updatingGoldens() {
  const char* v = std::getenv("CC_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// The variant's working directory: "checkout" (a copy of tests/fixtures/connectors_checkout,
// always made) or "scratch" beside it, with command.json's `copy` (paths under tests/fixtures)
// and `files` (name → text) put in it.
fs::path prepareDirectory(const nlohmann::json& command, const fs::path& root) {
  fs::copy(kFixtures / "connectors_checkout", root / "checkout", fs::copy_options::recursive);
  fs::create_directories(root / "scratch");
  const fs::path cwd = root / command.value("cwd", "scratch");
  for (const auto& p : command.value("copy", nlohmann::json::array())) {
    const fs::path from = kFixtures / p.get<std::string>();
    fs::copy_file(from, cwd / from.filename());
  }
  const nlohmann::json files = command.value("files", nlohmann::json::object());
  for (const auto& [name, text] : files.items())
    test_support::writeText(cwd / name, text.get<std::string>());
  return cwd;
}

// An imported workspace file's content in place of the log's "(N base64 characters)": parsed
// when it is JSON (publish's manifest), else the text.
void decodeImportedContent(std::vector<nlohmann::json>& requests, const fs::path& statePath) {
  replaceImportContent(requests, statePath, [](const std::string& text) {
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(text) : parsed;
  });
}

// Output with the run's temporary folder shown as <dir>.
std::string normalised(std::string text, const std::string& dir) {
  for (auto at = text.find(dir); at != std::string::npos; at = text.find(dir, at)) text.replace(at, dir.size(), "<dir>");
  return normaliseOutput(text);
}

// Every connection request's masked options, filled from what the emulator stored.
void unmaskConnections(std::vector<nlohmann::json>& requests, const fs::path& statePath) {
  for (auto& r : requests)
    if (r["path"].get<std::string>().rfind("/api/2.1/unity-catalog/connections", 0) == 0 && r["body"].contains("name"))
      r["body"]["options"] = storedOptions(statePath, r["body"]["name"]);
}

void writeGoldens(const fs::path& dir, const std::vector<nlohmann::json>& requests, const std::string& out,
                  const std::string& err, int exit) {
  std::string lines;
  for (const auto& r : requests) lines += r.dump(-1, ' ', false) + "\n";
  test_support::writeText(dir / "requests.jsonl", lines);
  test_support::writeText(dir / "stdout", out);
  test_support::writeText(dir / "stderr", err);
  test_support::writeText(dir / "exit", std::to_string(exit) + "\n");
}

class CurrentTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(CurrentTrace, MatchesGolden) {
  const fs::path dir = kCurrent / GetParam();
  const TraceVariant v = TraceVariant::load(dir);
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  const fs::path cwd = prepareDirectory(v.command, emulator.dir());
  Environment env = emulatorEnvironment(emulator);
  env["SOURCE_DATE_EPOCH"] = std::nullopt;  // built wheels carry the fixed 1980 time stamp
  for (const auto& setup : v.command.value("setup", nlohmann::json::array())) {
    auto r = runCli(setup.get<std::vector<std::string>>(), cwd, env);
    ASSERT_EQ(r.exit, 0) << "setup " << setup.dump() << "\n" << r.out << r.err;
  }
  // The variant's own environment (the generation switch) is the command's, not its setup's.
  const nlohmann::json variantEnv = v.command.value("env", nlohmann::json::object());
  for (const auto& [key, value] : variantEnv.items()) env[key] = value.get<std::string>();
  const std::size_t before = logLines(emulator.requestLogPath());
  auto r = runCli(v.command["args"].get<std::vector<std::string>>(), cwd, env);
  auto actual = mutatingRequests(emulator.requestLogPath(), before);
  decodeImportedContent(actual, emulator.statePath());
  const std::string out = normalised(r.out, emulator.dir()), err = normalised(r.err, emulator.dir());
  if (updatingGoldens()) {
    unmaskConnections(actual, emulator.statePath());
    writeGoldens(dir, actual, out, err, r.exit);
    return;
  }
  EXPECT_EQ(r.exit, v.exitCode) << r.out << r.err;
  EXPECT_EQ(out, v.stdoutText);
  EXPECT_EQ(err, v.stderrText);
  ASSERT_EQ(actual.size(), v.requests.size()) << nlohmann::json(actual).dump(1);
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const nlohmann::json expected = {{"method", v.requests[i]["method"]}, {"path", v.requests[i]["path"]},
                                     {"body", v.requests[i]["body"]}};
    EXPECT_EQ(actual[i], maskedLike(expected, actual[i])) << "request " << i;
    if (actual[i]["path"].get<std::string>().rfind("/api/2.1/unity-catalog/connections", 0) == 0) {
      EXPECT_EQ(storedOptions(emulator.statePath(), expected["body"]["name"]), expected["body"]["options"]);
    }
  }
}

std::vector<std::string> currentVariants() { return variantsIn(kCurrent); }

INSTANTIATE_TEST_SUITE_P(Current, CurrentTrace, ::testing::ValuesIn(currentVariants()),
                         [](const auto& info) { return variantTestName(info.param); });

TEST(CurrentTraces, EveryVariantHasItsFiles) {
  EXPECT_GE(currentVariants().size(), 6u);
  for (const auto& name : currentVariants())
    for (const char* f : {"command.json", "requests.jsonl", "stdout", "stderr", "exit"})
      EXPECT_TRUE(fs::exists(kCurrent / name / f)) << name << "/" << f;
}

}  // namespace current_traces
}  // namespace cc::e2e
