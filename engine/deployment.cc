#include "engine/deployment.h"

#include <filesystem>

namespace cc::engine {
namespace {

bool nameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

bool leadChar(char c) { return nameChar(c) && c != '_' && c != '-' && c != '.'; }

}  // namespace

std::string Deployment::stateFolder() const {
  return statePath.empty() ? defaultStatePath(name, environment) : statePath;
}

std::string defaultStatePath(std::string_view name, std::string_view environment) {
  return "/Shared/.community-connector/" + std::string(name) + "/" + std::string(environment);
}

bool isDeploymentName(std::string_view name) {
  if (name.empty() || name.size() > 64 || !leadChar(name.front())) return false;
  for (char c : name)
    if (!nameChar(c)) return false;
  return true;
}

std::string deploymentNameFromFile(std::string_view path) {
  if (path.empty() || path == "-" || path == "<stdin>") return "default";
  std::string stem = std::filesystem::path(std::string(path)).stem().string();
  for (char& c : stem)
    if (!nameChar(c)) c = '_';
  while (!stem.empty() && !leadChar(stem.front())) stem.erase(stem.begin());
  if (stem.size() > 64) stem.resize(64);
  return stem.empty() ? "default" : stem;
}

}  // namespace cc::engine
