#include "cli/package_artifacts.h"

#include <filesystem>
#include <map>
#include <memory>

#include "engine/content_digest.h"
#include "engine/json_fields.h"
#include "engine/manifest_loader.h"
#include "wheel/connector_wheel.h"
#include "wheel/wheel_builder.h"
#include "wheel/wheel_name.h"
#include "wheel/wheel_reader.h"

namespace cc::cli {
namespace {

using engine::PackageArtifact;
using engine::Result;
using nlohmann::json;

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path) {
  std::filesystem::path p(path);
  return p.is_relative() ? base / p : p;
}

Result<PackageArtifact> readWheel(const std::filesystem::path& path, PackageReading reading) {
  PackageArtifact a;
  a.fileName = path.filename().string();
  if (reading == PackageReading::NameOnly) return a;
  auto read = wheel::readWheelFile(path);
  if (!read) return read.diagnostics();
  a.bytes = std::move(read->bytes);
  a.sha256 = engine::sha256Hex(a.bytes);
  return a;
}

wheel::WheelInput wheelInput(const json& build, const std::filesystem::path& base, const std::string& source) {
  wheel::WheelInput in = wheel::connectorWheelInput(resolve(base, engine::stringOf(build, "source_dir")), source,
                                                    engine::stringOr(build, "version", "0.0.0"));
  in.distribution = engine::stringOr(build, "name", in.distribution);
  in.packagePath = engine::stringOr(build, "package", in.packagePath);
  return in;
}

Result<PackageArtifact> buildFrom(const json& build, const std::filesystem::path& base, const std::string& source,
                                  PackageReading reading) {
  const wheel::WheelInput in = wheelInput(build, base, source);
  PackageArtifact a;
  a.fileName = wheel::pureWheelFileName(in.distribution, in.version);
  if (reading == PackageReading::NameOnly) return a;
  auto built = wheel::buildWheel(in);
  if (!built) return built.diagnostics();
  a.fileName = built->fileName;
  a.bytes = std::move(built->bytes);
  a.sha256 = std::move(built->sha256);
  return a;
}

}  // namespace

decltype(engine::ModelOptions::packageArtifact) packageArtifacts(const engine::Manifest& manifest,
                                                                const std::string& manifestFile, PackageReading reading) {
  const std::filesystem::path base =
      manifestFile == "-" ? std::filesystem::current_path() : std::filesystem::absolute(manifestFile).parent_path();
  const json pipelines = engine::memberOrEmpty(manifest.document, "pipelines");
  // apply plans twice (before the lock and under it): each package is read or built once per
  // process, so both plans see the same bytes and a build is not paid twice.
  auto done = std::make_shared<std::map<std::string, Result<PackageArtifact>>>();
  return [base, pipelines, reading, done](const std::string& pipeline, const json& entry,
                                          const std::string&) -> Result<PackageArtifact> {
    const std::string key = pipeline + '\n' + entry.dump();
    if (auto it = done->find(key); it != done->end()) return it->second;
    Result<PackageArtifact> artifact = [&] {
      if (const std::string* wheelPath = engine::findString(entry, "wheel")) return readWheel(resolve(base, *wheelPath), reading);
      const std::string source = engine::stringOf(engine::memberOrEmpty(pipelines, pipeline.c_str()), "source");
      return buildFrom(engine::memberOrEmpty(entry, "build"), base, source, reading);
    }();
    return done->emplace(key, std::move(artifact)).first->second;
  };
}

}  // namespace cc::cli
