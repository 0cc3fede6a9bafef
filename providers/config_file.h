#pragma once
// ~/.databrickscfg: an INI file of profiles. Parsing only; which profile is used is auth's job.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cc::providers {

/// Sections in file order, each a key → value map. `[DEFAULT]` is an ordinary section:
/// nothing is inherited from it.
struct ConfigFile {
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, std::string>> sections;

  const std::map<std::string, std::string>* section(const std::string& name) const;
};

/// Lines `[name]`, `key = value`; `#`/`;` at line start, or `#` after whitespace, begin a comment
/// (a secret may contain `#` without a space before it). Keys outside a section are ignored.
ConfigFile parseConfigFile(const std::string& text);

}  // namespace cc::providers
