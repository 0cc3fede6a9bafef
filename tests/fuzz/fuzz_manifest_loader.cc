// Fuzzes the manifest path end to end without I/O: YAML loader (limits, duplicate keys, alias
// budget), schema validation, interpolation and semantic checks. Any input must give a value or
// diagnostics; a crash, hang, leak or UB report is a bug.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/manifest.h"
#include "engine/manifest_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)cc::engine::loadYaml(text, "fuzz.yaml");
  cc::engine::ManifestInput input;
  input.path = "fuzz.yaml";
  input.text = text;
  input.vars = {{"env", "fuzz"}};
  input.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "UNSET") return std::nullopt;
    return "value-of-" + name;
  };
  (void)cc::engine::loadManifest(input);
  return 0;
}
