#include "engine/ingestion_mode_checks.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/json_fields.h"

namespace cc::engine {
namespace {

using nlohmann::json;

std::string at(const std::string& base, const std::string& token) { return (json::json_pointer(base) / token).to_string(); }

// A package path the user named: a file ending in .whl, or for `build` a folder.
void checkPackagePath(const std::string& path, bool folder, const std::string& pointer, const SourceMap& sources,
                      const std::string& baseDir, Diagnostics& diags) {
  std::filesystem::path p(path);
  if (p.is_relative() && !baseDir.empty()) p = std::filesystem::path(baseDir) / p;
  std::error_code ec;
  if (folder) {
    if (!std::filesystem::is_directory(p, ec))
      diags.error("package source folder '" + path + "' not found", sources.find(pointer),
                  "paths are relative to the manifest's directory; name the folder holding the connector's Python files");
    return;
  }
  if (p.extension() != ".whl")
    diags.error("package '" + path + "' is not a wheel (a .whl file)", sources.find(pointer),
                "name a built wheel, or use `build: {source_dir: …}` to have the tool build one");
  else if (!std::filesystem::is_regular_file(p, ec))
    diags.error("package file '" + path + "' not found", sources.find(pointer),
                "paths are relative to the manifest's directory");
}

void checkPackages(const json& packages, const std::string& base, const SourceMap& sources, const std::string& baseDir,
                   Diagnostics& diags) {
  if (!packages.is_array()) return;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    const std::string entry = at(at(base, "packages"), std::to_string(i));
    if (const std::string* wheel = findString(packages[i], "wheel")) {
      checkPackagePath(*wheel, false, at(entry, "wheel"), sources, baseDir, diags);
    } else if (const json* build = findMember(packages[i], "build")) {
      if (const std::string* dir = findString(*build, "source_dir"))
        checkPackagePath(*dir, true, at(at(entry, "build"), "source_dir"), sources, baseDir, diags);
    }
  }
}

// A field of the other mode: named, located, with the way out.
void refuseField(const json& pipeline, const std::string& base, const char* field, const std::string& why,
                 const SourceMap& sources, Diagnostics& diags) {
  if (!pipeline.contains(field)) return;
  diags.error("pipeline '" + json::json_pointer(base).back() + "': " + field + " " + why,
              sources.findKey(at(base, field)) ? sources.findKey(at(base, field)) : sources.find(at(base, field)),
              "remove it, or change `ingestion:`");
}

}  // namespace

void checkIngestionModes(const json& doc, const SourceMap& sources, const std::string& baseDir, Diagnostics& diags) {
  const json* pipelines = findMember(doc, "pipelines");
  if (!pipelines || !pipelines->is_object()) return;
  for (const auto& [name, pipeline] : pipelines->items()) {
    if (!pipeline.is_object()) continue;
    const std::string base = at("/pipelines", name);
    const std::string* mode = findString(pipeline, "ingestion");
    if (mode && *mode == "managed") {
      refuseField(pipeline, base, "repo", "is for workspace pipelines (a managed pipeline clones nothing)", sources, diags);
      checkPackages(memberOrEmpty(pipeline, "packages"), base, sources, baseDir, diags);
    } else {
      const std::string why = "is for managed pipelines only";
      refuseField(pipeline, base, "packages", why + " (add `ingestion: managed`)", sources, diags);
      refuseField(pipeline, base, "volume_path", why + " (add `ingestion: managed`)", sources, diags);
    }
  }
}

}  // namespace cc::engine
