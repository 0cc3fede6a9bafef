#pragma once
// The small filter languages of the pipelines list and the pipeline events list.

#include <optional>
#include <string>
#include <vector>

namespace cc::emulator {

/// SQL LIKE: `%` any run, `_` one character, `\` escapes the next one; case-sensitive.
bool likeMatches(const std::string& pattern, const std::string& text);

/// A pipelines list filter: `name LIKE '<pattern>'` or `notebook='<path>'` (composites are not
/// supported by the API either).
struct PipelineFilter {
  enum class Field { All, NameLike, Notebook };
  Field field = Field::All;
  std::string value;
};

/// nullopt when the filter is not one of the supported forms.
std::optional<PipelineFilter> parsePipelineFilter(const std::string& text);

/// One clause of an events filter: `level='X'`, `level in ('A','B')`, `id='…'`,
/// `update_id='…'`, `timestamp <op> '<ISO>'`.
struct EventClause {
  std::string field;
  std::string op;  // =, in, >, >=, <, <=
  std::vector<std::string> values;
};

/// Clauses joined by AND; nullopt when malformed.
std::optional<std::vector<EventClause>> parseEventFilter(const std::string& text);

}  // namespace cc::emulator
