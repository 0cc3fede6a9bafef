#pragma once
// Per-kind field rules as data, so the differ stays generic (STYLE.md: databricks/cli direct).

#include <span>
#include <string_view>

#include "engine/resource.h"

namespace cc::engine {

/// How the differ treats one top-level field of DesiredResource::fields.
enum class FieldRuleKind {
  Immutable,       // a difference forces a replace (delete + create); `why` says which API rule
  Sensitive,       // a whole field that is secret: never read back, compared through fingerprints,
                   // masked. No kind has one yet: connection secrets are single options, carried
                   // in DesiredResource::secrets and handled the same way
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

/// Whether a replacement of a resource of this kind destroys data the user may care about
/// (a pipeline's replacement drops the tables it published: DELETE cascades, api §5.7).
bool replacementDropsData(ResourceKind kind);

/// How the manifest calls an API field of a kind, for what people read ("target" of a pipeline
/// is the manifest's `schema`); the field itself when both agree. Dotted paths keep their tail.
std::string manifestFieldName(ResourceKind kind, const std::string& apiField);

}  // namespace cc::engine
