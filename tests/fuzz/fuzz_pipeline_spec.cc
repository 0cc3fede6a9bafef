// Fuzzes the pipeline spec validator (`-ps`): the input is parsed as JSON, else as YAML, as the
// original commands do, then validated whole and as a bare objects list.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/manifest_loader.h"
#include "engine/pipeline_spec_validator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  nlohmann::json spec = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (spec.is_discarded()) {
    cc::engine::LoaderLimits limits;
    limits.requireMapping = false;
    auto loaded = cc::engine::loadYaml(text, "fuzz-spec.yaml", limits);
    if (!loaded) return 0;
    spec = loaded->document;
  }
  (void)cc::engine::validatePipelineSpec(spec);
  (void)cc::engine::pipelineSpecError(spec);
  if (spec.is_object() && spec.contains("objects")) (void)cc::engine::validatePipelineObjects(spec["objects"]);
  else (void)cc::engine::validatePipelineObjects(spec);
  return 0;
}
