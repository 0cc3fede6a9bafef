#pragma once
// Which generation of the original tool the commands follow: `seed` (the base the seed tool
// re-implemented, byte-exact requests) or `current` (today's upstream: COMMUNITY connections,
// the pipeline's `schema`, the src repository layout read from the Git folder, a spec that
// cannot be fetched is an error). One switch, never inferred: the environment variable
// COMMUNITY_CONNECTOR_GENERATION, or `generation:` in create_pipeline's --config file; the
// variable wins over the file. Unset (or empty): seed.

#include <optional>
#include <string>

#include "engine/model.h"
#include "engine/provider.h"
#include "engine/result.h"

namespace cc::cli {

enum class Generation { Seed, Current };

inline constexpr const char* kGenerationVariable = "COMMUNITY_CONNECTOR_GENERATION";

/// "seed" / "current".
std::string generationName(Generation generation);

/// The generation from the variable's value (nullptr or "" when unset) and the config file's
/// `generation:` (nullopt when absent; `configFile` names the file in errors). Both compare
/// without case. An unknown value is an error naming where it came from, the value and the
/// allowed ones.
engine::Result<Generation> resolveGeneration(const char* variableValue, const std::optional<std::string>& configValue,
                                             const std::string& configFile = "--config");

/// resolveGeneration with this process's COMMUNITY_CONNECTOR_GENERATION.
engine::Result<Generation> originalGeneration(const std::optional<std::string>& configValue = std::nullopt,
                                              const std::string& configFile = "--config");

/// What `generation` changes in the manifest commands' model: today's reads an undeclared repo
/// `layout` from the Git folder through `registry` (which must outlive `options`).
void applyGenerationToModel(Generation generation, engine::ModelOptions& options, engine::ProviderRegistry& registry);

}  // namespace cc::cli
