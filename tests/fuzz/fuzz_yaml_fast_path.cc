// Differential fuzzing of the YAML fast path against yaml-cpp: whenever the fast path accepts a
// text, yaml-cpp must accept it too (one document, no exception) and deliver the very same
// events (kinds, order, marks, tags, anchors, values). A mismatch traps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "engine/yaml_fast_path.h"
#include "tests/support/yaml_event_recorder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cc::test_support::YamlEventRecorder fast;
  if (!cc::engine::parseYamlFastPath(text, fast)) return 0;
  const auto reference = cc::test_support::yamlCppEvents(text);
  if (!reference) {
    std::fprintf(stderr, "fast path accepted a text yaml-cpp refuses\n");
    __builtin_trap();
  }
  if (*reference != fast.events) {
    std::fprintf(stderr, "event mismatch\n--- fast path\n");
    for (const auto& e : fast.events) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "--- yaml-cpp\n");
    for (const auto& e : *reference) std::fprintf(stderr, "%s\n", e.c_str());
    __builtin_trap();
  }
  return 0;
}
