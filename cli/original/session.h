#pragma once
// The workspace session of one original-tool command: the provider registry the engine plans and
// applies through, wrapped so that the original commands keep no records of their own (the
// original tool wrote nothing but the objects it created), plus its error wording.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "engine/diagnostic.h"
#include "engine/provider.h"
#include "engine/result.h"

namespace cc::providers {
class WorkspaceApi;
}

namespace cc::cli {

/// A connected workspace for one command.
class OriginalSession {
 public:
  virtual ~OriginalSession() = default;
  /// The registry to plan and apply with.
  virtual engine::ProviderRegistry& registry() = 0;
  /// The workspace host as configured, for URLs in output.
  virtual std::string host() const = 0;
  /// GET pipelines/{id}: the full response (state, latest_updates, spec), which the
  /// provider's observed fields leave out. Errors as `originalApiMessage` reads them.
  virtual engine::Result<nlohmann::json> pipelineDetails(const std::string& pipelineId) = 0;
  /// The names of the pipelines that use connection `name`, sorted (providers/connection_users.h).
  virtual engine::Result<std::vector<std::string>> pipelinesUsingConnection(const std::string& name) = 0;
  /// The typed REST calls, for the commands that are plain request sequences rather than
  /// plans (upload, publish, unpublish: volumes, files, workspace files).
  virtual providers::WorkspaceApi& api() = 0;
};

/// Resolves auth (flags, environment, ~/.databrickscfg) and builds the session. No request is
/// sent. Errors are one line each, suitable after "Error: ".
engine::Result<std::unique_ptr<OriginalSession>> openOriginalSession(const GlobalOptions& global);

/// The original's rendering of an API failure: "[<error_code>] <message>" for connection
/// commands and "<message>" elsewhere; `withCode` picks the form. Falls back to the
/// diagnostic's summary when it does not carry an API error.
std::string originalApiMessage(const engine::Diagnostic& diagnostic, bool withCode);

}  // namespace cc::cli
