#include "engine/managed_pipeline_model.h"

#include "engine/ascii_case.h"
#include "engine/base64.h"
#include "engine/json_fields.h"
#include "engine/managed_pipeline_body.h"
#include "engine/ownership.h"
#include "engine/volume_path.h"

namespace cc::engine {
namespace {

using nlohmann::json;

// The keys of a table's settings the pipelines API itself knows (TableSpecificConfig); every
// other key of a manifest table_configuration is an option of the connector.
constexpr const char* kApiTableKeys[] = {"scd_type", "primary_keys", "sequence_by", "include_columns", "exclude_columns"};

bool isApiTableKey(const std::string& key) {
  for (const char* k : kApiTableKeys)
    if (key == k) return true;
  return false;
}

// One manifest table as the API's IngestionConfig: the same `objects` serve both ingestion
// modes, so source options written in table_configuration move to connector_options.
json ingestionObject(const json& object) {
  if (!object.is_object() || !object.contains("table") || !object["table"].is_object()) return object;
  json table = object["table"];
  json config = json::object();
  json options = json::object();
  const json given = table.value("table_configuration", json::object());
  for (const auto& [key, value] : given.items()) {
    if (!isApiTableKey(key)) {
      options[key] = value.is_string() ? value.get<std::string>() : value.dump();
    } else if (key == "sequence_by" && value.is_string()) {
      config[key] = json::array({value});  // the API takes a list of columns
    } else {
      config[key] = value;
    }
  }
  table.erase("table_configuration");
  if (!config.empty()) table["table_configuration"] = config;
  if (!options.empty()) table["connector_options"] = {{"community_connector_options", {{"options", options}}}};
  return {{"table", table}};
}

std::string pointerTo(const std::string& base, const std::string& token) {
  return (json::json_pointer(base) / token).to_string();
}

// Unity Catalog stores catalog, schema and volume names in lower case and reads them back so:
// keys and fields in that case are what the workspace shows, so `catalog: Main` converges.
// The folders under the volume are storage paths, case-sensitive, kept as written.
VolumePath foldedNames(VolumePath volume) {
  volume.catalog = lowerAscii(volume.catalog);
  volume.schema = lowerAscii(volume.schema);
  volume.volume = lowerAscii(volume.volume);
  return volume;
}

// The volume the packages go to: the entry's volume_path, or today's original's default.
std::optional<VolumePath> packagesVolume(const ManagedPipelineSource& in, const Manifest& manifest, Diagnostics& errors) {
  const std::string* given = findString(*in.entry, "volume_path");
  if (!given) return foldedNames(defaultPackagesVolume(in.catalog, in.schema));
  auto parsed = parseVolumePath(*given);
  if (parsed) return foldedNames(parsed.value());
  for (const auto& d : parsed.diagnostics().items())
    errors.error(in.where + "/volume_path: " + d.summary, manifest.sources.find(pointerTo(in.where, "volume_path")), d.detail);
  return std::nullopt;
}

// The volume, once for all pipelines that share it. Nothing to diff: its name is its key.
ResourceKey addVolume(const VolumePath& volume, const std::string& where, SharedPackages& shared,
                      std::vector<DesiredResource>& out) {
  const ResourceKey key{ResourceKind::Volume, volume.fullName()};
  if (!shared.volumes.insert(key.name).second) return key;
  DesiredResource v;
  v.key = key;
  v.origin = where + "/volume_path";
  v.fields = {{"catalog_name", volume.catalog}, {"schema_name", volume.schema}, {"name", volume.volume}};
  v.inputs["volume_type"] = "MANAGED";
  out.push_back(std::move(v));
  return key;
}

// One package file; a file another pipeline uploads too is shared when it is the same bytes.
std::optional<ResourceKey> addPackageFile(const PackageArtifact& artifact, const VolumePath& volume,
                                          const ResourceKey& volumeKey, const std::string& where,
                                          SharedPackages& shared, std::vector<DesiredResource>& out, Diagnostics& errors,
                                          const std::optional<SourceRange>& range) {
  const ResourceKey key{ResourceKind::VolumeFile, volume.file(artifact.fileName)};
  auto [it, added] = shared.fileDigests.emplace(key.name, artifact.sha256);
  if (!added) {
    if (it->second == artifact.sha256) return key;
    errors.error(where + ": two different packages would both be uploaded as " + key.name, range,
                 "give them different versions, or different volume_path values");
    return std::nullopt;
  }
  DesiredResource f;
  f.key = key;
  f.origin = where;
  f.fields = {{"path", key.name}, {"content_sha256", artifact.sha256}};
  f.inputs = {{"content_base64", base64Encode(artifact.bytes)}, {"size", artifact.bytes.size()}};
  f.dependsOn = {volumeKey};
  out.push_back(std::move(f));
  return key;
}

// The packages' resources; returns the uploaded paths in manifest order, or nullopt on errors.
std::optional<std::vector<std::string>> buildPackages(const ManagedPipelineSource& in, const Manifest& manifest,
                                                      const ModelOptions& options, SharedPackages& shared,
                                                      std::vector<ResourceKey>& deps, std::vector<DesiredResource>& out,
                                                      Diagnostics& errors) {
  const json& packages = memberOrEmpty(*in.entry, "packages");
  std::vector<std::string> paths;
  if (packages.empty()) return paths;
  auto volume = packagesVolume(in, manifest, errors);
  if (!volume) return std::nullopt;
  const ResourceKey volumeKey = addVolume(*volume, in.where, shared, out);
  bool ok = true;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    const std::string where = pointerTo(pointerTo(in.where, "packages"), std::to_string(i));
    const auto range = manifest.sources.find(where);
    if (!options.packageArtifact) {
      errors.error(where + ": packages cannot be prepared here", range, "run plan or apply with the manifest");
      return std::nullopt;
    }
    auto artifact = options.packageArtifact(in.name, packages[i], where);
    if (!artifact) {
      for (const auto& d : artifact.diagnostics().items()) errors.error(where + ": " + d.summary, range, d.detail);
      ok = false;
      continue;
    }
    auto key = addPackageFile(artifact.value(), *volume, volumeKey, where, shared, out, errors, range);
    if (!key) ok = false;
    else {
      deps.push_back(*key);
      paths.push_back(key->name);
    }
  }
  if (!ok) return std::nullopt;
  return paths;
}

}  // namespace

void buildManagedPipeline(const ManagedPipelineSource& in, const Manifest& manifest, const ModelOptions& options,
                          SharedPackages& shared, std::vector<DesiredResource>& out, Diagnostics& errors) {
  DesiredResource pipe;
  pipe.key = {ResourceKind::Pipeline, in.name};
  pipe.origin = in.where;
  pipe.dependsOn = in.connectionDep;
  auto paths = buildPackages(in, manifest, options, shared, pipe.dependsOn, out, errors);
  if (!paths) return;
  json objects = json::array();
  for (const auto& o : memberOrEmpty(*in.entry, "objects")) objects.push_back(ingestionObject(o));
  ManagedPipelineInput body;
  body.name = in.name;
  body.spec = {{"connection_name", in.connection}, {"objects", std::move(objects)}};
  body.catalog = in.catalog;
  body.schema = in.schema;
  body.dependencies = *paths;
  body.create = false;  // channel and serverless come from the layered settings below
  auto built = buildManagedPipelineBody(body);
  if (!built) {
    for (const auto& d : built.diagnostics().items())
      errors.error(in.where + ": " + d.summary, manifest.sources.find(in.where), d.detail);
    return;
  }
  json& f = pipe.fields = std::move(built.value());
  const json& cfg = *in.pipeCfg;
  for (const char* key : {"channel", "continuous", "development", "serverless", "photon", "edition", "notifications", "tags"})
    if (cfg.contains(key) && !cfg[key].is_null()) f[key] = cfg[key];
  const json configuration = cfg.value("configuration", json::object());
  for (const auto& [key, value] : configuration.items())
    f["configuration"][key] = value.is_string() ? value.get<std::string>() : value.dump();
  if (options.markOwnership) {
    f["configuration"][std::string(kPipelineMarkerKey)] = kPipelineMarkerValue;
    f["configuration"][std::string(kPipelineDeploymentKey)] = manifest.deployment.id();
  }
  out.push_back(std::move(pipe));
}

}  // namespace cc::engine
