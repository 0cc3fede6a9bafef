#pragma once
// Connection option preparation shared by create_connection and update_connection:
// spec checks, externalOptionsAllowList, sourceName.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/connector_spec.h"

namespace cc::cli {

/// What preparing the options printed and produced. When `error` is set the command fails with
/// it (several spec errors are joined by newlines) and `options` must not be used.
struct PreparedConnectionOptions {
  nlohmann::ordered_json options = nlohmann::ordered_json::object();  // every value a string
  std::string out;  // stdout lines, each ending in '\n'
  std::string err;  // stderr lines
  std::optional<std::string> error;
};

/// `user` is the -o object in the order written. With a spec: the keys are checked and the
/// allowlist becomes the spec's merged with the constant one, unless the user gave one; without:
/// a warning and the constant allowlist. sourceName is always `source`. Under --debug the key
/// sets and allowlists are printed, never option values.
PreparedConnectionOptions prepareConnectionOptions(const std::string& source, const nlohmann::ordered_json& user,
                                                   const std::optional<engine::ConnectorSpec>& spec, bool debug);

}  // namespace cc::cli
