#include "engine/volume_path.h"

#include <algorithm>
#include <vector>

namespace cc::engine {
namespace {

constexpr const char* kShape = "/Volumes/<catalog>/<schema>/<volume>[/<subpath>]";

Result<VolumePath> refuse(const std::string& text, const std::string& why) {
  return Result<VolumePath>::failure("the volume path \"" + text + "\" " + why, std::nullopt,
                                     std::string("write it as ") + kShape + ", e.g. /Volumes/main/default/community_connector/packages");
}

bool hasControlCharacter(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::string VolumePath::path() const {
  return "/Volumes/" + catalog + "/" + schema + "/" + volume + (subpath.empty() ? "" : "/" + subpath);
}

Result<VolumePath> parseVolumePath(const std::string& text) {
  const std::string prefix = "/Volumes/";
  if (text.rfind(prefix, 0) != 0) return refuse(text, "does not start with /Volumes/");
  if (hasControlCharacter(text)) return refuse(text, "holds a control character");
  std::string rest = text.substr(prefix.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  std::vector<std::string> names;
  for (std::size_t start = 0; start <= rest.size();) {
    const auto end = std::min(rest.find('/', start), rest.size());
    names.push_back(rest.substr(start, end - start));
    start = end + 1;
  }
  if (names.size() < 3 || names[2].empty()) return refuse(text, "does not name a catalog, a schema and a volume");
  for (const auto& name : names) {
    if (name.empty()) return refuse(text, "has an empty name (a doubled '/')");
    if (name == "." || name == "..") return refuse(text, "has a '" + name + "' segment");
  }
  VolumePath v{names[0], names[1], names[2], ""};
  for (std::size_t i = 3; i < names.size(); ++i) v.subpath += (i > 3 ? "/" : "") + names[i];
  return v;
}

VolumePath defaultPackagesVolume(const std::string& catalog, const std::string& schema) {
  return {catalog.empty() ? "main" : catalog, schema.empty() ? "default" : schema, "community_connector", "packages"};
}

}  // namespace cc::engine
