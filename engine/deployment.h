#pragma once
// A deployment: the scope of ownership, lock and state. One manifest (its `deployment:` name)
// in one environment (`-e NAME`, "default" without one) owns exactly what it made, whoever
// applies it; its state folder in the workspace is shared by every identity.
//
//   state folder  /Shared/.community-connector/<name>/<environment>   (workspace.state_path)
//     apply.lock  the apply lock (apply_lock.h)
//     state.json  secret fingerprints and the record of managed resources (state_store.h)
//
// Deployment and environment names are 1–64 characters of letters, digits, '_', '-' and '.',
// starting with a letter or digit, so that they can sit in a workspace path and a marker.

#include <optional>
#include <string>
#include <string_view>

namespace cc::engine {

inline constexpr std::string_view kDefaultEnvironment = "default";

struct Deployment {
  std::string name = "default";
  std::string environment = std::string(kDefaultEnvironment);
  std::string statePath;  // the state folder; empty: defaultStatePath(name, environment)
  /// Whether `deployment:` was written (a file-stem default draws a warning).
  bool named = true;

  /// "<name>/<environment>": the value every marker carries.
  std::string id() const { return name + "/" + environment; }
  /// statePath, or the default folder when none is set.
  std::string stateFolder() const;
  std::string lockFile() const { return stateFolder() + "/apply.lock"; }
  std::string stateFile() const { return stateFolder() + "/state.json"; }
};

/// The deployment's state file as read once for a plan: its text, or nothing when it is absent.
struct StateFileSnapshot {
  std::optional<std::string> content;
};

/// "/Shared/.community-connector/<name>/<environment>".
std::string defaultStatePath(std::string_view name, std::string_view environment);

/// Whether `name` may name a deployment or an environment (see the header comment).
bool isDeploymentName(std::string_view name);

/// The default deployment name for a manifest file: its stem with every character a name may
/// not hold replaced by '_' ("team-a.yaml" → "team-a", "<stdin>" / "-" → "default").
std::string deploymentNameFromFile(std::string_view path);

}  // namespace cc::engine
