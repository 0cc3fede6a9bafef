#include "cli/original/generation.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "engine/ascii_case.h"
#include "engine/repo_layout.h"

namespace cc::cli {
namespace {

std::optional<Generation> parseGeneration(std::string text) {
  text = engine::lowerAscii(text);
  if (text == "seed") return Generation::Seed;
  if (text == "current") return Generation::Current;
  return std::nullopt;
}

}  // namespace

std::string generationName(Generation generation) { return generation == Generation::Current ? "current" : "seed"; }

engine::Result<Generation> resolveGeneration(const char* variableValue, const std::optional<std::string>& configValue,
                                             const std::string& configFile) {
  using R = engine::Result<Generation>;
  if (variableValue != nullptr && *variableValue != '\0') {
    if (auto g = parseGeneration(variableValue)) return R(*g);
    return R::failure(std::string(kGenerationVariable) + "='" + variableValue +
                      "' is not a generation: use seed or current (or unset it for seed)");
  }
  if (configValue) {
    if (auto g = parseGeneration(*configValue)) return R(*g);
    return R::failure("generation: '" + *configValue + "' in " + configFile +
                      " is not a generation: use seed or current (or remove the key for seed)");
  }
  return R(Generation::Seed);
}

engine::Result<Generation> originalGeneration(const std::optional<std::string>& configValue,
                                              const std::string& configFile) {
  return resolveGeneration(std::getenv(kGenerationVariable), configValue, configFile);
}

void applyGenerationToModel(Generation generation, engine::ModelOptions& options, engine::ProviderRegistry& registry) {
  if (generation != Generation::Current) return;
  options.detectLayout = [&registry](const std::string& repoPath, const std::string& source) {
    return engine::detectRepoLayout(registry, repoPath, source);
  };
}

}  // namespace cc::cli
