#pragma once
// The bad-manifest corpus, tests/fixtures/manifests/bad/: every NAME.yaml there is a manifest
// the tool must refuse, and NAME.stderr its golden: what `community-connector validate -f
// bad/NAME.yaml` prints on stderr when run in tests/fixtures/manifests/, then "[exit N]". A first
// line "# args: FLAGS" adds FLAGS to the command. The specs the manifests name are in
// tests/fixtures/manifests/specs/.
//
// Two suites read it: tests/scenarios/e2e/validate_golden_test.cc (validate prints the golden;
// CC_UPDATE_GOLDEN=1 rewrites the goldens) and tests/scenarios/reliability/bad_input_test.cc
// (apply refuses each with the same words before any request reaches the workspace).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cc::test_support {

/// tests/fixtures/manifests/: good/, bad/ (the corpus) and specs/.
inline std::filesystem::path manifestFixtures() { return std::filesystem::path(CC_TESTS_DIR) / "fixtures" / "manifests"; }

/// One manifest of the corpus.
struct BadManifest {
  std::filesystem::path file;          // …/fixtures/manifests/bad/NAME.yaml
  std::string relative;                // "bad/NAME.yaml", as the commands are given it
  std::filesystem::path golden;        // …/fixtures/manifests/bad/NAME.stderr
  std::vector<std::string> extraArgs;  // from its "# args: " line
};

/// The flags a "# args: " first line adds (none without one).
inline std::vector<std::string> badManifestArgs(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  const std::string marker = "# args: ";
  std::vector<std::string> out;
  if (first.rfind(marker, 0) != 0) return out;
  std::istringstream words(first.substr(marker.size()));
  for (std::string word; words >> word;) out.push_back(word);
  return out;
}

/// Every manifest of the corpus, by name.
inline std::vector<BadManifest> badManifests() {
  std::vector<BadManifest> out;
  for (const auto& entry : std::filesystem::directory_iterator(manifestFixtures() / "bad")) {
    if (entry.path().extension() != ".yaml") continue;
    BadManifest m;
    m.file = entry.path();
    m.relative = "bad/" + entry.path().filename().string();
    m.golden = entry.path();
    m.golden.replace_extension(".stderr");
    m.extraArgs = badManifestArgs(entry.path());
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const BadManifest& a, const BadManifest& b) { return a.file < b.file; });
  return out;
}

}  // namespace cc::test_support
