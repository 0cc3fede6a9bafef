#pragma once
// The connector spec of the connection commands, found as the original found it: an explicit
// --spec file, a local checkout, then the repository's raw file over HTTPS
// (engine/connector_spec_source.h), with the original's warnings.

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "engine/connector_spec.h"
#include "engine/result.h"

namespace cc::cli {

/// The raw-file base of the bundled default repository (repo.url + branch of default_config).
inline constexpr const char* kDefaultRawBase =
    "https://raw.githubusercontent.com/databrickslabs/lakeflow-community-connectors/master";

/// The spec, or nothing (then the caller warns and skips validation). Warnings the original
/// printed on the way ("Spec file not found or could not be read: …", "Could not fetch connector
/// spec from: <url> (<error>)") go to `err`. COMMUNITY_CONNECTOR_SPEC_MIRROR, when set, replaces
/// https://raw.githubusercontent.com in the URL fetched (air-gapped mirrors, tests); messages
/// keep naming the canonical URL.
std::optional<engine::ConnectorSpec> loadOriginalConnectorSpec(const std::string& specArgument,
                                                              const std::string& source, std::ostream& err);

/// Today's lookup (current generation, src layout): the remote file is at the src layout's path,
/// and a remote file that cannot be fetched or read is an error naming the URL and --spec, not a
/// warning. An explicit --spec file that cannot be read stays the original's warning.
engine::Result<std::optional<engine::ConnectorSpec>> loadCurrentConnectorSpec(const std::string& specArgument,
                                                                              const std::string& source,
                                                                              std::ostream& err);

/// The spec found as above, with its whole document as JSON (publish embeds it): null when none
/// was found. Keys come out sorted (the YAML's order is not kept).
struct SpecWithDocument {
  std::optional<engine::ConnectorSpec> spec;
  nlohmann::json document;
};
SpecWithDocument loadOriginalConnectorSpecDocument(const std::string& specArgument, const std::string& source,
                                                   std::ostream& err);

}  // namespace cc::cli
