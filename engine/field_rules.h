#pragma once
// Per-kind field rules as data, so the differ stays generic (STYLE.md: databricks/cli direct).

#include <span>
#include <string_view>

#include "engine/resource.h"

namespace cc::engine {

/// How the differ treats one top-level field of DesiredResource::fields.
enum class FieldRuleKind {
  Immutable,       // a difference forces a replace (delete + create); `why` says which API rule
  WriteOnlyKeys,   // a map the server returns only partly (connection options): keys it omits
                   // are compared through fingerprints, keys it returns are compared by value
  ServerComputed,  // the server sets or defaults it; never diffed even if the manifest names it
  ManifestOnly,    // used at create time only (e.g. exclude_root_files); never read back
  CaseInsensitive, // compared ignoring ASCII case, as the API compares it (Unity Catalog names)
};

/// One rule: field name (top level of `fields`/`inputs`), its treatment, and the reason.
struct FieldRule {
  std::string_view field;
  FieldRuleKind kind;
  std::string_view why;
};

/// The rule table of a kind, in declaration order. Fields without a rule are plain
/// updatable fields: compared by value when the desired state sets them.
std::span<const FieldRule> fieldRules(ResourceKind kind);

/// The rule for `field` of `kind`, or nullptr.
const FieldRule* findFieldRule(ResourceKind kind, std::string_view field);

/// What generic planning and apply code asks of a resource kind: one row per kind, so that
/// no phase names a kind to decide a policy.
struct KindRules {
  /// The resource names its deployment itself (connection comment, pipeline configuration);
  /// the other kinds are the deployment's through the pipeline that uses them.
  bool carriesMarker = false;
  /// Kept in the deployment's record (state.json) with its id and what it uses.
  bool recorded = false;
  /// Shared by every pipeline under it (a parent folder): destroy and --prune leave it, and
  /// one that appeared since a saved plan is no conflict (mkdirs is idempotent).
  bool shared = false;
  /// Holds write-only secrets compared through fingerprints in the state file.
  bool secretFingerprints = false;
  /// Its replacement destroys data the user may care about (a pipeline's DELETE drops the
  /// tables it published).
  bool replacementDropsData = false;
  /// A planned action, not a workspace object: nothing to observe, record or delete.
  bool isAction = false;
  /// One found in the workspace that no deployment owns may be someone else's of the same name
  /// (an unmarked connection, another team's wheel): never overwritten without --adopt.
  bool overwriteNeedsOwnership = false;
};

const KindRules& kindRules(ResourceKind kind);

/// kindRules(kind).replacementDropsData.
bool replacementDropsData(ResourceKind kind);

/// How the manifest calls an API field of a kind, for what people read ("target" of a pipeline
/// is the manifest's `schema`); the field itself when both agree. Dotted paths keep their tail.
std::string manifestFieldName(ResourceKind kind, const std::string& apiField);

}  // namespace cc::engine
