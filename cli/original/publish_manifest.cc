#include "cli/original/publish_manifest.h"

#include <cctype>

namespace cc::cli {
namespace {

// ASCII only, whatever the locale: the original's [a-zA-Z0-9 _-].
bool allowedInDisplayName(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' || c == '-';
}

}  // namespace

engine::Result<std::string> publishDisplayName(const std::optional<std::string>& given,
                                               const std::string& specDisplayName, const std::string& source) {
  const std::string name = given ? *given : !specDisplayName.empty() ? specDisplayName : source;
  bool ok = !name.empty();
  for (char c : name) ok = ok && allowedInDisplayName(c);
  if (!ok)
    return engine::Result<std::string>::failure(
        "Invalid display name '" + name + "': use only letters, digits, spaces, '_' and '-' (it names the file "
        "<display name>.connector.json); pass -d with such a name");
  return name;
}

std::string publishManifestText(const std::string& source, const std::string& displayName,
                                const nlohmann::json& connectionSpec, const std::vector<std::string>& dependencies) {
  std::string id = source;
  for (char& c : id) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  nlohmann::ordered_json m = {{"id", id}, {"sourceName", source}, {"displayName", displayName},
                              {"logo", nullptr}, {"repositoryPath", ""}, {"readmeUrl", ""},
                              {"connectionSpec", connectionSpec}};
  if (!dependencies.empty()) m["dependencies"] = dependencies;
  return m.dump(2, ' ', true) + "\n";
}

}  // namespace cc::cli
