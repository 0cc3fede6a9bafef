#pragma once
// The --config file of create_pipeline and update_pipeline (the original's YAML layered over the
// bundled default_config.yaml) and the generation it, or COMMUNITY_CONNECTOR_GENERATION, selects.

#include <nlohmann/json.hpp>
#include <optional>

#include "cli/original/command_set.h"
#include "cli/original/generation.h"

namespace cc::cli {

/// The user's --config (its `generation:` taken out) and the generation resolved.
struct OriginalConfig {
  nlohmann::json userConfig;
  Generation generation = Generation::Seed;
};

/// Reads the command's --config (none: an empty mapping) and resolves the generation; prints
/// the config's warnings. On an error: prints it through ctx.fail, sets `exitCode`, nullopt.
std::optional<OriginalConfig> readOriginalConfig(const OriginalContext& ctx, int& exitCode);

}  // namespace cc::cli
