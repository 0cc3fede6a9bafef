#include "cli/package_artifacts.h"

#include <filesystem>
#include <map>
#include <memory>

#include "engine/content_digest.h"
#include "engine/json_fields.h"
#include "engine/manifest_loader.h"
#include "wheel/wheel_builder.h"
#include "wheel/wheel_name.h"

namespace cc::cli {
namespace {

using engine::PackageArtifact;
using engine::Result;
using nlohmann::json;

// A plan file carries each package (base64): a bound on one wheel keeps plans loadable.
constexpr std::size_t kMaxWheelBytes = std::size_t{64} << 20;

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path) {
  std::filesystem::path p(path);
  return p.is_relative() ? base / p : p;
}

Result<PackageArtifact> readWheel(const std::filesystem::path& path, PackageReading reading) {
  PackageArtifact a;
  a.fileName = path.filename().string();
  if (reading == PackageReading::NameOnly) return a;
  auto bytes = engine::readSourceText(path.string(), kMaxWheelBytes);
  if (!bytes) return bytes.diagnostics();
  // Every zip file starts with a local file header; anything else is not a wheel.
  if (bytes->compare(0, 4, std::string("PK\x03\x04", 4)) != 0)
    return Result<PackageArtifact>::failure("package " + path.string() + " is not a wheel (not a zip archive)",
                                            std::nullopt, "name a .whl file built by pip wheel or python -m build");
  a.bytes = std::move(bytes).value();
  a.sha256 = engine::sha256Hex(a.bytes);
  return a;
}

wheel::WheelInput wheelInput(const json& build, const std::filesystem::path& base, const std::string& source) {
  wheel::WheelInput in;
  in.sourceDir = resolve(base, engine::stringOf(build, "source_dir"));
  in.distribution = engine::stringOr(build, "name", "lakeflow-community-connector-" + source);
  in.version = engine::stringOr(build, "version", "0.0.0");
  in.packagePath = engine::stringOr(build, "package", "databricks/labs/community_connector/sources/" + source);
  in.summary = "The " + source + " community connector, packaged by community-connector";
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
