#include "providers/config_file.h"

#include <sstream>

namespace cc::providers {
namespace {

std::string trimWhitespace(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string stripInlineComment(const std::string& value) {
  for (std::size_t i = 1; i < value.size(); ++i)
    if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t')) return value.substr(0, i);
  return value;
}

}  // namespace

const std::map<std::string, std::string>* ConfigFile::section(const std::string& name) const {
  auto it = sections.find(name);
  return it == sections.end() ? nullptr : &it->second;
}

ConfigFile parseConfigFile(const std::string& text) {
  ConfigFile file;
  std::istringstream in(text);
  std::string line;
  std::string current;
  bool inSection = false;
  while (std::getline(in, line)) {
    const std::string t = trimWhitespace(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      current = trimWhitespace(t.substr(1, t.size() - 2));
      inSection = true;
      if (!file.sections.count(current)) file.order.push_back(current);
      file.sections[current];
      continue;
    }
    const auto eq = t.find_first_of("=:");
    if (!inSection || eq == std::string::npos) continue;
    file.sections[current][trimWhitespace(t.substr(0, eq))] = trimWhitespace(stripInlineComment(t.substr(eq + 1)));
  }
  return file;
}

}  // namespace cc::providers
