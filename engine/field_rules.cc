#include "engine/field_rules.h"

namespace cc::engine {
namespace {

// Connections: PATCH accepts only options/new_name/owner; comment, properties, read_only and
// connection_type are fixed at creation, so changing them means recreating.
constexpr FieldRule kConnectionRules[] = {
    {"connection_type", FieldRuleKind::Immutable, "connection_type cannot be changed by PATCH"},
    {"comment", FieldRuleKind::Immutable, "a connection's comment cannot be changed by PATCH"},
    {"properties", FieldRuleKind::Immutable, "a connection's properties cannot be changed by PATCH"},
    {"options", FieldRuleKind::WriteOnlyKeys, "the API omits sensitive option keys from every response"},
    {"name", FieldRuleKind::CaseInsensitive, "Unity Catalog names are case-insensitive: `Dup` and `dup` are one connection"},
    {"connection_id", FieldRuleKind::ServerComputed, "assigned by the server"},
    {"owner", FieldRuleKind::ServerComputed, "defaults to the creator"},
    {"created_at", FieldRuleKind::ServerComputed, "set by the server"},
    {"updated_at", FieldRuleKind::ServerComputed, "set by the server"},
};

constexpr FieldRule kDirectoryRules[] = {
    {"object_id", FieldRuleKind::ServerComputed, "assigned by the server"},
};

// A repo's remote cannot be changed by PATCH, and sparse checkout cannot be enabled, disabled
// or re-shaped reliably after create: recreate the Git folder instead.
constexpr FieldRule kRepoRules[] = {
    {"url", FieldRuleKind::Immutable, "a Git folder's remote url cannot be changed"},
    {"provider", FieldRuleKind::Immutable, "a Git folder's provider cannot be changed"},
    {"sparse_checkout", FieldRuleKind::Immutable, "sparse checkout is fixed when the Git folder is created"},
    {"exclude_root_files", FieldRuleKind::ManifestOnly, "files deleted once after the clone"},
    {"id", FieldRuleKind::ServerComputed, "assigned by the server"},
    {"head_commit_id", FieldRuleKind::ServerComputed, "moves with the branch"},
};

constexpr FieldRule kIngestFileRules[] = {
    {"content", FieldRuleKind::ManifestOnly, "compared through content_sha256"},
    {"object_id", FieldRuleKind::ServerComputed, "assigned by the server"},
    {"modified_at", FieldRuleKind::ServerComputed, "set by the server"},
};

// Moving a pipeline to another catalog is not an edit: its tables live in the old catalog.
constexpr FieldRule kPipelineRules[] = {
    {"catalog", FieldRuleKind::Immutable, "a pipeline cannot move to another catalog; it is recreated"},
    {"id", FieldRuleKind::ServerComputed, "assigned by the server"},
    {"storage", FieldRuleKind::ServerComputed, "defaulted by the server"},
    {"last_modified", FieldRuleKind::ServerComputed, "set by the server"},
};

constexpr FieldRule kVolumeRules[] = {
    {"volume_id", FieldRuleKind::ServerComputed, "assigned by the server"},
    {"storage_location", FieldRuleKind::ServerComputed, "chosen by Unity Catalog for a managed volume"},
    {"owner", FieldRuleKind::ServerComputed, "defaults to the creator"},
};

constexpr FieldRule kVolumeFileRules[] = {
    {"content_base64", FieldRuleKind::ManifestOnly, "compared through content_sha256"},
    {"last_modified", FieldRuleKind::ServerComputed, "set by the server"},
};

constexpr FieldRule kPipelineRunRules[] = {
    {"full_refresh", FieldRuleKind::ManifestOnly, "a run option, not a setting"},
    {"wait", FieldRuleKind::ManifestOnly, "a run option, not a setting"},
};

}  // namespace

std::span<const FieldRule> fieldRules(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::Connection: return kConnectionRules;
    case ResourceKind::Directory: return kDirectoryRules;
    case ResourceKind::Repo: return kRepoRules;
    case ResourceKind::IngestFile: return kIngestFileRules;
    case ResourceKind::Pipeline: return kPipelineRules;
    case ResourceKind::PipelineRun: return kPipelineRunRules;
    case ResourceKind::Volume: return kVolumeRules;
    case ResourceKind::VolumeFile: return kVolumeFileRules;
  }
  return {};
}

const FieldRule* findFieldRule(ResourceKind kind, std::string_view field) {
  for (const FieldRule& r : fieldRules(kind)) {
    if (r.field == field) return &r;
  }
  return nullptr;
}

const KindRules& kindRules(ResourceKind kind) {
  //                                     marker recorded shared secrets drops action needs-owner
  static constexpr KindRules kConnection{true, true, false, true, false, false, true};
  static constexpr KindRules kDirectory{false, false, true, false, false, false, false};
  static constexpr KindRules kRepo{false, true, false, false, false, false, false};
  static constexpr KindRules kIngestFile{false, true, false, false, false, false, false};
  static constexpr KindRules kPipeline{true, true, false, false, true, false, true};
  static constexpr KindRules kPipelineRun{false, false, false, false, false, true, false};
  static constexpr KindRules kVolume{false, false, true, false, false, false, false};
  static constexpr KindRules kVolumeFile{false, true, false, false, false, false, true};
  switch (kind) {
    case ResourceKind::Connection: return kConnection;
    case ResourceKind::Directory: return kDirectory;
    case ResourceKind::Repo: return kRepo;
    case ResourceKind::IngestFile: return kIngestFile;
    case ResourceKind::Pipeline: return kPipeline;
    case ResourceKind::PipelineRun: return kPipelineRun;
    case ResourceKind::Volume: return kVolume;
    case ResourceKind::VolumeFile: return kVolumeFile;
  }
  return kPipelineRun;
}

bool replacementDropsData(ResourceKind kind) { return kindRules(kind).replacementDropsData; }

std::string manifestFieldName(ResourceKind kind, const std::string& apiField) {
  if (kind != ResourceKind::Pipeline) return apiField;
  const std::string head = apiField.substr(0, apiField.find('.'));
  if (head == "target") return "schema" + apiField.substr(head.size());
  return apiField;
}

}  // namespace cc::engine
