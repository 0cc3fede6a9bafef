#pragma once
// The Debian tools the package test asks about a .deb and this machine's installed packages:
// dpkg-deb (fields, contents), readelf (NEEDED libraries, sections), dpkg-query (which package
// holds a file, what an installed package depends on). Each runs as a child process; no shell.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace cc::package_test {

namespace fs = std::filesystem;
using test_support::ChildResult;
using test_support::Environment;

/// The full path of `program` found on PATH, or nothing (runChild does not search PATH).
inline std::optional<std::string> onPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return std::nullopt;
}

/// Runs a program from PATH (exit 127 with a message when it is not there).
inline ChildResult runTool(const std::string& program, const std::vector<std::string>& args,
                           const Environment& env = {}, const fs::path& cwd = "/") {
  const auto found = onPath(program);
  if (!found) return ChildResult{127, 0, 0, "", program + ": not on PATH"};
  return test_support::runChild(*found, args, cwd, env);
}

inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

inline std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\n") - first + 1);
}

/// A Depends-style field as alternatives of package names: "a (>= 1) | b, c:any" →
/// {{a, b}, {c}}; versions and architecture qualifiers are dropped.
inline std::vector<std::vector<std::string>> parseRelations(const std::string& field) {
  std::vector<std::vector<std::string>> out;
  std::istringstream groups(field);
  for (std::string group; std::getline(groups, group, ',');) {
    std::vector<std::string> alternatives;
    std::istringstream alts(group);
    for (std::string alt; std::getline(alts, alt, '|');) {
      std::string name = trim(alt.substr(0, alt.find_first_of("(:[")));
      if (!name.empty()) alternatives.push_back(name);
    }
    if (!alternatives.empty()) out.push_back(alternatives);
  }
  return out;
}

/// The libraries an ELF file asks the dynamic loader for (readelf -d: NEEDED).
inline std::vector<std::string> neededLibraries(const fs::path& elf) {
  std::vector<std::string> out;
  for (const auto& line : lines(runTool("readelf", {"-d", "--wide", elf.string()}).out)) {
    if (line.find("(NEEDED)") == std::string::npos) continue;
    const auto open = line.find('['), close = line.find(']');
    if (open != std::string::npos && close > open) out.push_back(line.substr(open + 1, close - open - 1));
  }
  return out;
}

/// For each library name, the installed packages that hold a file of that name (dpkg -S takes
/// globs; a merged-/usr system may list a library under /lib or /usr/lib). One dpkg-query for
/// all: each reads every package's file list.
inline std::map<std::string, std::set<std::string>> packagesHolding(const std::set<std::string>& sonames) {
  std::vector<std::string> args = {"-S"};
  for (const auto& soname : sonames) args.push_back("*/" + soname);
  std::map<std::string, std::set<std::string>> out;
  for (const auto& line : lines(runTool("dpkg-query", args).out)) {
    const auto colon = line.find(": /");
    if (colon == std::string::npos) continue;
    const std::string soname = fs::path(line.substr(colon + 2)).filename().string();
    if (!sonames.contains(soname)) continue;
    std::istringstream owners(line.substr(0, colon));  // "libc6:amd64, libc6-dev:amd64"
    for (std::string owner; std::getline(owners, owner, ',');) {
      out[soname].insert(trim(owner.substr(0, owner.find(':'))));
    }
  }
  return out;
}

inline bool isInstalled(const std::string& package) {
  return runTool("dpkg-query", {"-W", "-f=${Status}", package}).out == "install ok installed";
}

/// The installed packages a root needs so that `roots` are satisfied: each relation's first
/// installed alternative, followed through its Depends and Pre-Depends. `unsatisfied` collects
/// the relations no installed package fulfils.
inline std::set<std::string> dependencyClosure(const std::vector<std::vector<std::string>>& roots,
                                               std::vector<std::string>& unsatisfied) {
  std::set<std::string> seen;
  std::vector<std::vector<std::string>> todo = roots;
  while (!todo.empty()) {
    const auto alternatives = todo.back();
    todo.pop_back();
    std::optional<std::string> chosen;
    for (const auto& name : alternatives) {
      if (seen.contains(name) || isInstalled(name)) {
        chosen = name;
        break;
      }
    }
    if (!chosen) {
      unsatisfied.push_back(alternatives.front());
      continue;
    }
    if (!seen.insert(*chosen).second) continue;
    const auto fields = runTool("dpkg-query", {"-W", "-f=${Depends}, ${Pre-Depends}", *chosen}).out;
    for (auto& relation : parseRelations(fields)) todo.push_back(relation);
  }
  return seen;
}

}  // namespace cc::package_test
