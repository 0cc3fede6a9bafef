#pragma once
// The manifest reference in Markdown, generated from schemas/manifest.schema.json so that
// docs/manifest-reference.md cannot drift from the schema (a test compares them).

#include <nlohmann/json.hpp>
#include <string>


namespace cc::render {

/// One section per field, in schema order of nesting: dotted path (`<name>` for map keys,
/// `[]` for list items), type, required, enum, description, and the examples as YAML-ish JSON.
std::string manifestReferenceMarkdown(const nlohmann::ordered_json& schema);

}  // namespace cc::render
