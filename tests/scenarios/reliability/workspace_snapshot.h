#pragma once
// What the emulator's --state file says the workspace holds, counted by name: the reliability
// tests assert "each resource exactly once" and "no orphaned ownership records" on it.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "emulator/base64.h"
#include "engine/state_store.h"
#include "engine/ownership.h"
#include "cli_process.h"

namespace cc::reliability {

/// Resources by natural name, with how many the workspace holds of each.
struct WorkspaceSnapshot {
  std::map<std::string, int> connections;  // name → count
  std::map<std::string, int> pipelines;    // spec.name → count
  std::map<std::string, int> repos;        // path → count
  std::set<std::string> objectPaths;       // every workspace object (files, folders)
  std::set<std::string> fingerprinted;     // connections with a record in the deployment's state
  std::set<std::string> recorded;          // addresses the deployment's record lists
  std::string lockId;                      // the deployment's apply lock, when one is held
  bool readable = false;

  /// Names held more than once, for messages ("" when none).
  std::string duplicates() const {
    std::string out;
    for (const auto* m : {&connections, &pipelines, &repos}) {
      for (const auto& [name, n] : *m)
        if (n > 1) out += name + " x" + std::to_string(n) + " ";
    }
    return out;
  }
};

/// `stateFolder`: the deployment whose state file and lock to read (deployment.h).
inline WorkspaceSnapshot readWorkspace(const std::string& statePath, const std::string& stateFolder) {
  WorkspaceSnapshot s;
  auto doc = nlohmann::json::parse(readText(statePath), nullptr, false);
  if (doc.is_discarded() || !doc.contains("data")) return s;
  const auto& data = doc["data"];
  s.readable = true;
  if (data.contains("connections")) {
    for (const auto& [key, c] : data["connections"].items()) {
      std::string name = c.contains("info") ? c["info"].value("name", key) : key;
      ++s.connections[name];
    }
  }
  if (data.contains("pipelines")) {
    for (const auto& [id, p] : data["pipelines"].items()) {
      std::string name = p.contains("spec") ? p["spec"].value("name", id) : id;
      ++s.pipelines[name];
    }
  }
  if (data.contains("repos")) {
    // A map with integer keys is stored as [[id, repo], ...].
    for (const auto& entry : data["repos"]) {
      const auto& repo = entry.is_array() && entry.size() == 2 ? entry[1] : entry;
      if (repo.is_object()) ++s.repos[repo.value("path", "")];
    }
  }
  if (data.contains("objects")) {
    for (const auto& [path, node] : data["objects"].items()) s.objectPaths.insert(path);
    auto fileContent = [&](const std::string& path) -> std::optional<std::string> {
      auto it = data["objects"].find(path);
      if (it == data["objects"].end() || !it->contains("content_b64")) return std::nullopt;
      return emulator::base64Decode((*it)["content_b64"].get<std::string>());
    };
    if (auto content = fileContent(stateFolder + "/state.json")) {
      const auto state = engine::parseStateFile(*content);
      for (const auto& [name, record] : state.fingerprints) s.fingerprinted.insert(name);
      for (const auto& [key, entry] : state.resources) s.recorded.insert(key.address());
    }
    if (auto lock = fileContent(stateFolder + "/apply.lock")) {
      auto j = nlohmann::json::parse(*lock, nullptr, false);
      s.lockId = j.is_object() ? j.value("id", "") : "";
    }
  }
  return s;
}

}  // namespace cc::reliability
