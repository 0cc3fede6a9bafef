// Fuzzes the saved-plan reader (`apply PLANFILE`): format version, checksum, entries and
// secret binding against a fixed manifest. The corpus holds a real plan of that manifest
// (corpus/plan_file/real_plan.json); most mutations stop at the checksum, which is the point:
// a damaged file must be refused cleanly, never half-read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/manifest.h"
#include "engine/plan_file.h"

namespace {

const char* kManifest = R"(version: 1
connections:
  gh:
    source: github
    options: { token: "${env.GITHUB_TOKEN}" }
pipelines:
  p1:
    source: github
    connection: gh
    objects:
      - table: { source_table: issues }
)";

const cc::engine::Manifest& manifest() {
  static const cc::engine::Manifest m = [] {
    cc::engine::ManifestInput input;
    input.path = "good.yaml";
    input.text = kManifest;
    input.env = [](const std::string&) -> std::optional<std::string> { return "fuzz-token"; };
    auto loaded = cc::engine::loadManifest(input);
    if (!loaded) std::abort();  // the fixed manifest is valid: a failure here is a harness bug
    return *loaded;
  }();
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)cc::engine::readPlanFile(text, manifest());
  return 0;
}
