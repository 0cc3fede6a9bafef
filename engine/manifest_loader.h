#pragma once
// YAML text → nlohmann::json plus a SourceMap, refusing input that is hostile or ambiguous.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/result.h"
#include "engine/source_location.h"

namespace cc::engine {

/// Bounds on what the loader accepts; the defaults are the manifest's limits.
struct LoaderLimits {
  static constexpr std::size_t kMaxBytes = 10u * 1024u * 1024u;  // 10 MiB
  std::size_t maxBytes = kMaxBytes;
  int maxDepth = 64;               // nesting levels of mappings and sequences
  std::size_t maxNodes = 2000000;  // nodes after alias expansion (alias bombs)
  static constexpr std::size_t kMaxExpandedBytes = 64u * 1024u * 1024u;  // 64 MiB
  std::size_t maxExpandedBytes = kMaxExpandedBytes;  // scalar text after alias expansion
  bool requireMapping = true;      // the document must be a mapping
};

/// A parsed YAML document. Every node's pointer (RFC 6901) in `document` is in `sources`,
/// with the key's own position under `sources.findKey`.
struct LoadedYaml {
  nlohmann::json document;
  SourceMap sources;
};

/// Parses one YAML document (YAML 1.2 core schema: plain true/false/null/numbers are typed,
/// quoted scalars are strings). Errors: empty input, NUL bytes, invalid UTF-8, size over the
/// limit, syntax errors, duplicate keys, non-scalar keys, nesting beyond the limit, alias
/// expansion beyond the node budget, several documents, a non-mapping document.
Result<LoadedYaml> loadYaml(std::string_view text, const std::string& file,
                            const LoaderLimits& limits = {});

/// Reads a whole file ("-" reads stdin), refusing more than `maxBytes`.
Result<std::string> readSourceText(const std::string& path,
                                   std::size_t maxBytes = LoaderLimits::kMaxBytes);

/// The display name of a path for messages: "<stdin>" for "-".
std::string displayName(const std::string& path);

}  // namespace cc::engine
