#pragma once
// What the emulator's --state file says the workspace holds, counted by name: the reliability
// tests assert "each resource exactly once" and "no orphaned ownership records" on it.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "reliability/cli_process.h"

namespace cc::reliability {

/// Resources by natural name, with how many the workspace holds of each.
struct WorkspaceSnapshot {
  std::map<std::string, int> connections;  // name → count
  std::map<std::string, int> pipelines;    // spec.name → count
  std::map<std::string, int> repos;        // path → count
  std::set<std::string> objectPaths;       // every workspace object (files, folders)
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
  /// Paths under `dir` (a folder path) whose last segment ends in `suffix`.
  std::vector<std::string> objectsUnder(const std::string& dir, const std::string& suffix = "") const {
    std::vector<std::string> out;
    for (const auto& p : objectPaths) {
      if (p.rfind(dir + "/", 0) == 0 && p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
        out.push_back(p);
    }
    return out;
  }
};

inline WorkspaceSnapshot readWorkspace(const std::string& statePath) {
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
  }
  return s;
}

}  // namespace cc::reliability
