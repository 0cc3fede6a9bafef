#pragma once
// JSON Schema (draft 7) validation with valijson, its findings turned into located,
// readable diagnostics: unknown keys with "did you mean", type errors naming the type.

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "engine/diagnostic.h"
#include "engine/result.h"
#include "engine/source_location.h"

namespace cc::engine {

/// Which findings to leave to other checks: a predicate on the JSON pointer of the node.
struct SchemaCheckOptions {
  std::function<bool(const std::string& pointer)> ignore;
  /// Unknown keys are warnings, not errors (a --config written for the original tool, which
  /// ignored keys it did not know).
  bool unknownKeysAreWarnings = false;
};

/// A compiled schema. Cheap to share; validation is const and thread-compatible.
class SchemaValidator {
 public:
  /// Parses and compiles a schema text; an invalid schema is an error (a build defect).
  static Result<std::shared_ptr<const SchemaValidator>> compile(std::string_view schemaText);
  /// The compiled-in manifest schema (schemas/manifest.schema.json), compiled once.
  static const SchemaValidator& manifest();
  /// The manifest's `defaults` section as a schema of its own, for a configuration file whose
  /// top level is those defaults (the original commands' --config).
  static const SchemaValidator& configDefaults();

  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  /// Appends one error per problem, located through `sources`.
  void validate(const nlohmann::json& document, const SourceMap& sources, Diagnostics& diags,
                const SchemaCheckOptions& options = {}) const;

 private:
  struct Impl;
  explicit SchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A JSON pointer as users read it: "/pipelines/p1/objects/0/table" → "pipelines.p1.objects[0].table".
std::string displayPath(const std::string& pointer);

}  // namespace cc::engine
