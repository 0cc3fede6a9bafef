#include "engine/resource.h"

namespace cc::engine {

std::string_view kindName(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::Connection: return "connection";
    case ResourceKind::Directory: return "directory";
    case ResourceKind::Repo: return "repo";
    case ResourceKind::IngestFile: return "ingest_file";
    case ResourceKind::Pipeline: return "pipeline";
    case ResourceKind::PipelineRun: return "pipeline_run";
    case ResourceKind::Volume: return "volume";
    case ResourceKind::VolumeFile: return "volume_file";
  }
  return "unknown";
}

bool parseKindName(std::string_view name, ResourceKind& out) {
  for (ResourceKind k : kAllResourceKinds) {
    if (kindName(k) == name) {
      out = k;
      return true;
    }
  }
  return false;
}

std::string ResourceKey::display() const { return std::string(kindName(kind)) + " " + name; }

std::string ResourceKey::address() const { return std::string(kindName(kind)) + "." + name; }

}  // namespace cc::engine
