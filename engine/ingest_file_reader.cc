#include "engine/ingest_file_reader.h"

#include <cctype>
#include <string_view>

namespace cc::engine {
namespace {

// The string value of `name = "…"` at the start of a line, or nullopt.
// The first `name = "value"` anywhere in the file, spaces around `=` optional (what the
// original tool's update_pipeline searched for).
std::optional<std::string> assignedString(const std::string& content, std::string_view name) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  for (std::size_t at = content.find(name); at != std::string::npos; at = content.find(name, at + 1)) {
    std::size_t i = at + name.size();
    while (i < content.size() && isSpace(content[i])) ++i;
    if (i >= content.size() || content[i] != '=') continue;
    ++i;
    while (i < content.size() && isSpace(content[i])) ++i;
    if (i >= content.size() || content[i] != '"') continue;
    const std::size_t close = content.find('"', i + 1);
    if (close != std::string::npos) return content.substr(i + 1, close - i - 1);
  }
  return std::nullopt;
}

// The text of `pipeline_spec = {` up to the first line that is exactly "}".
std::optional<std::string> specLiteral(const std::string& content) {
  const std::string start = "\npipeline_spec = ";
  auto at = content.find(start);
  if (at == std::string::npos) return std::nullopt;
  at += start.size();
  auto close = content.find("\n}", at);
  if (close == std::string::npos) return std::nullopt;
  return content.substr(at, close + 2 - at);
}

}  // namespace

std::optional<nlohmann::json> parsePythonLiteral(const std::string& text) {
  std::string json;
  json.reserve(text.size());
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      json += c;
      if (c == '\\' && i + 1 < text.size()) {
        json += text[++i];
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    if (c == '"') {
      inString = true;
      json += c;
    } else if (c == '#') {  // a comment runs to the end of the line
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == ',') {
      std::size_t j = i + 1;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (j < text.size() && (text[j] == ']' || text[j] == '}')) continue;  // trailing comma
      json += c;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
      const std::string word = text.substr(i, j - i);
      if (word == "True") json += "true";
      else if (word == "False") json += "false";
      else if (word == "None") json += "null";
      else if (word == "true" || word == "false" || word == "null") json += word;  // the original wrote JSON
      else return std::nullopt;
      i = j - 1;
    } else {
      json += c;
    }
  }
  if (inString) return std::nullopt;
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

std::optional<IngestFileFacts> readIngestFile(const std::string& content) {
  auto source = assignedString(content, "source_name");
  if (!source) return std::nullopt;
  IngestFileFacts facts;
  facts.sourceName = *source;
  auto literal = specLiteral(content);
  if (!literal) return facts;
  auto spec = parsePythonLiteral(*literal);
  if (!spec || !spec->is_object()) {
    // The template without objects holds placeholders such as "<SOURCE_TABLE>", still a literal;
    // anything else is a hand-edited file: keep what the simple lines say.
    return facts;
  }
  if (spec->contains("connection_name") && (*spec)["connection_name"].is_string()) {
    facts.connectionName = (*spec)["connection_name"].get<std::string>();
  }
  if (spec->contains("objects")) facts.objects = (*spec)["objects"];
  return facts;
}

}  // namespace cc::engine
