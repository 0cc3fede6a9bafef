#pragma once
// One recorded variant of the original tool (tests/fixtures/traces/<variant>/), and how our
// binary's run of the same command is compared with it.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace cc::e2e {

using test_support::readText;

/// The recorded facts of one variant.
struct TraceVariant {
  std::string name;
  nlohmann::json command;                // {"args", "cwd", "env"?, "setup"?}
  std::vector<nlohmann::json> requests;  // mutating requests, normalised
  std::string stdoutText, stderrText;
  int exitCode = 0;

  static TraceVariant load(const std::filesystem::path& dir) {
    TraceVariant v;
    v.name = dir.filename().string();
    v.command = nlohmann::json::parse(readText(dir / "command.json"));
    std::istringstream lines(readText(dir / "requests.jsonl"));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) v.requests.push_back(nlohmann::json::parse(line));
    v.stdoutText = readText(dir / "stdout");
    v.stderrText = readText(dir / "stderr");
    v.exitCode = std::stoi(readText(dir / "exit"));
    return v;
  }
};

/// Output with what legitimately differs between two runs made equal: the host and port,
/// UUIDs, ISO timestamps.
inline std::string normaliseOutput(std::string text) {
  text = std::regex_replace(text, std::regex(R"(https?://127\.0\.0\.1:\d+)"), "<host>");
  text = std::regex_replace(text, std::regex(R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"), "<uuid>");
  text = std::regex_replace(text, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)"), "<time>");
  // The transport error of a failed spec fetch is the HTTP library's own wording.
  text = std::regex_replace(text, std::regex(R"((Could not fetch connector spec from: \S+) \(.*\))"), "$1 (<error>)");
  // Whether a repo's root files exist is the server's business; we do not warn about absent ones.
  text = std::regex_replace(text, std::regex(R"(    Warning: Could not delete [^\n]*\n)"), "");
  // --debug dumps are each implementation's own (the original printed Python reprs; ours logs
  // each masked HTTP exchange as "> "/"< " lines on stderr).
  text = std::regex_replace(text, std::regex(R"( *\[DEBUG\][^\n]*\n)"), "");
  text = std::regex_replace(text, std::regex(R"((^|\n)[<>] [^\n]*)"), "$1");
  text = std::regex_replace(text, std::regex(R"(^\n+)"), "");
  text = std::regex_replace(text, std::regex(R"(\n\n+)"), "\n\n");
  text = std::regex_replace(text, std::regex(R"(\n\n+$)"), "\n");
  return text;
}

inline std::string decodeBase64(const std::string& in) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string::npos) continue;  // padding, line breaks
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

/// The facts the fixtures record about an imported ingest.py (the recording kept a digest of
/// the original's text, which is not ours): the template used ("default" with example tables,
/// "base" with the given spec embedded), source_name, and connection_name or the embedded spec.
inline nlohmann::json ingestFacts(const std::string& text) {
  nlohmann::json facts = nlohmann::json::object();
  std::smatch m;
  if (std::regex_search(text, m, std::regex(R"re(\nsource_name = "([^"]*)")re"))) facts["source_name"] = m[1].str();
  if (text.find("<SOURCE_TABLE>") != std::string::npos) {
    facts["template"] = "default";
    if (std::regex_search(text, m, std::regex(R"re("connection_name": "([^"]*)")re")))
      facts["connection_name"] = m[1].str();
    return facts;
  }
  facts["template"] = "base";
  const auto start = text.find("\npipeline_spec = ");
  const auto end = text.find("\n}\n", start);
  if (start == std::string::npos || end == std::string::npos) return facts;
  // Our literal is JSON laid out by json.dumps, with Python's True/False/None.
  std::string literal = text.substr(start + 17, end + 2 - (start + 17));
  literal = std::regex_replace(literal, std::regex(R"(\bTrue\b)"), "true");
  literal = std::regex_replace(literal, std::regex(R"(\bFalse\b)"), "false");
  literal = std::regex_replace(literal, std::regex(R"(\bNone\b)"), "null");
  facts["embedded_pipeline_spec"] = nlohmann::json::parse(literal, nullptr, false);
  return facts;
}

/// Replaces the content of each normalised workspace/import request (the emulator's log keeps
/// only its length) with `decode(text)` of the file the emulator holds at that path, read from
/// its `--state` file.
template <typename Decode>
inline void replaceImportContent(std::vector<nlohmann::json>& requests, const std::filesystem::path& statePath,
                                 Decode decode) {
  const auto state = nlohmann::json::parse(readText(statePath), nullptr, false);
  if (state.is_discarded() || !state.contains("data")) return;
  const auto& objects = state["data"].value("objects", nlohmann::json::object());
  for (auto& r : requests) {
    if (r["path"] != "/api/2.0/workspace/import" || !r["body"].is_object()) continue;
    const std::string path = r["body"].value("path", "");
    for (const std::string& key : {path, "/Workspace" + path}) {
      if (!objects.contains(key)) continue;
      r["body"]["content"] = decode(decodeBase64(objects[key].value("content_b64", "")));
      break;
    }
  }
}

/// Each import's content as the facts of the ingest.py it wrote (ingestFacts).
inline void decodeImports(std::vector<nlohmann::json>& requests, const std::filesystem::path& statePath) {
  replaceImportContent(requests, statePath, ingestFacts);
}

/// The folders of `root` (one variant each), sorted.
inline std::vector<std::string> variantsIn(const std::filesystem::path& root) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(root))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// A variant's name as a test name: every character but letters and digits becomes '_'.
inline std::string variantTestName(std::string name) {
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

/// The emulator's log masks sensitive connection options ("(masked)"). Returns `expected` with
/// the same options masked, so that the rest of the body compares exactly; the values
/// themselves are checked against the emulator's stored connection (`storedOptions`).
inline nlohmann::json maskedLike(nlohmann::json expected, const nlohmann::json& actual) {
  if (!expected.contains("body") || !expected["body"].is_object() || !expected["body"].contains("options")) return expected;
  if (!actual.contains("body") || !actual["body"].is_object() || !actual["body"].contains("options")) return expected;
  auto& options = expected["body"]["options"];
  for (const auto& [key, value] : actual["body"]["options"].items())
    if (value == "(masked)" && options.contains(key)) options[key] = "(masked)";
  return expected;
}

/// The options the emulator stores for connection `name` (null when there is none).
inline nlohmann::json storedOptions(const std::filesystem::path& statePath, std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto state = nlohmann::json::parse(readText(statePath), nullptr, false);
  if (state.is_discarded() || !state.contains("data")) return nullptr;
  const auto& connections = state["data"].value("connections", nlohmann::json::object());
  if (!connections.contains(name)) return nullptr;
  return connections[name].value("options", nlohmann::json());
}

/// A request-log entry reduced to what the traces compare: mutating method, path with ids
/// replaced, body. Returns null for reads.
inline nlohmann::json normaliseRequest(const nlohmann::json& entry) {
  const std::string method = entry.value("method", "");
  if (method == "GET" || method == "CONNECT" || method.empty()) return nullptr;
  std::string path = entry.value("path", "");
  path = std::regex_replace(path, std::regex(R"(^/api/2\.0/repos/\d+)"), "/api/2.0/repos/{repo_id}");
  path = std::regex_replace(path, std::regex(R"(^/api/2\.0/pipelines/[0-9a-f-]{36})"), "/api/2.0/pipelines/{pipeline_id}");
  nlohmann::json body = entry.contains("body") ? entry["body"] : nlohmann::json();
  // A pipeline edit carries its id in the body too (update_pipeline's PUT).
  if (path == "/api/2.0/pipelines/{pipeline_id}" && body.is_object() && body.contains("id") && body["id"].is_string() &&
      std::regex_match(body["id"].get<std::string>(), std::regex("[0-9a-f-]{36}")))
    body["id"] = "{pipeline_id}";
  return {{"method", method}, {"path", path}, {"body", body}};
}

}  // namespace cc::e2e
