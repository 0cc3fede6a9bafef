#pragma once
// One recorded variant of the original tool (tests/fixtures/traces/<variant>/), and how our
// binary's run of the same command is compared with it.

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace cc::e2e {

inline std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

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
  // --debug dumps are each implementation's own (the original printed Python reprs).
  text = std::regex_replace(text, std::regex(R"( *\[DEBUG\][^\n]*\n)"), "");
  text = std::regex_replace(text, std::regex(R"(\n\n+$)"), "\n");
  return text;
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
  return {{"method", method}, {"path", path}, {"body", body}};
}

}  // namespace cc::e2e
