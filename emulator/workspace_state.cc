#include "emulator/workspace_state.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace cc::emulator {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WorkspaceObject, type, object_id, language,
                                                content_b64, size, created_at, modified_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Repo, id, path, url, provider, branch, tag,
                                                head_commit_id, sparse_enabled, sparse_patterns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Connection, info, options)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PipelineEvent, id, timestamp_ms, level, event_type,
                                                message, update_id, details, sequence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PipelineUpdate, update_id, creation_time, request,
                                                config, plan, index, advanced_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Pipeline, id, spec, creator, run_as, parameters,
                                                last_modified, updates, events)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(IssuedToken, principal, expires_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WorkspaceData, objects, repos, connections,
                                                pipelines, tokens, next_object_id, next_uuid,
                                                next_event_sequence, clock_offset_ms,
                                                fail_next_update)

namespace {

constexpr int kStateFormat = 1;

uint64_t splitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t hashString(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a, then mixed
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return splitMix(h);
}

}  // namespace

std::string deterministicUuid(uint64_t seed, uint64_t n) {
  uint64_t hi = splitMix(seed * 0x100000001b3ULL + n);
  uint64_t lo = splitMix(hi ^ (n * 0x9e3779b97f4a7c15ULL));
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xffff),
                static_cast<unsigned>(hi & 0xffff), static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return text;
}

std::string isoTimestamp(int64_t epoch_ms) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(epoch_ms % 1000));
  return text;
}

int64_t parseIsoTimestamp(const std::string& text) {
  std::tm tm{};
  int millis = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return -1;
  }
  std::string rest = text.substr(static_cast<size_t>(consumed));
  if (!rest.empty() && rest[0] == '.') {
    std::string digits;
    size_t i = 1;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) digits += rest[i++];
    digits = (digits + "000").substr(0, 3);
    millis = std::stoi(digits);
    rest = rest.substr(i);
  }
  if (!rest.empty() && rest != "Z") return -1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + millis;
}

WorkspaceState::WorkspaceState(const EmulatorOptions& options) : options_(options) { seedTree(); }

void WorkspaceState::seedTree() {
  const int64_t now = nowMs();
  auto dir = [&](const std::string& path) {
    WorkspaceObject node;
    node.type = "DIRECTORY";
    node.object_id = newObjectId();
    node.created_at = node.modified_at = now;
    data_.objects[path] = node;
  };
  dir("/");
  dir("/Users");
  dir("/Shared");
  dir("/Repos");
  dir("/Users/" + options_.user);
  for (const OAuthClient& client : options_.clients) dir("/Users/" + client.id);
}

void WorkspaceState::reset() {
  data_ = WorkspaceData{};
  seedTree();
}

std::string WorkspaceState::load() {
  if (options_.state_file.empty() || !std::filesystem::exists(options_.state_file)) return "";
  std::ifstream in(options_.state_file);
  nlohmann::json document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object() || !document.contains("data")) {
    return "state file " + options_.state_file +
           " is not an emulator state document; delete it or pass another --state";
  }
  try {
    data_ = document.at("data").get<WorkspaceData>();
  } catch (const nlohmann::json::exception& error) {
    return "state file " + options_.state_file + " is unreadable (" + error.what() +
           "); delete it or pass another --state";
  }
  return "";
}

std::string WorkspaceState::commit() {
  if (options_.state_file.empty()) return "";
  const std::string temp = options_.state_file + ".tmp." + std::to_string(::getpid());
  nlohmann::json document = {{"format", kStateFormat}, {"data", data_}};
  {
    std::ofstream out(temp, std::ios::trunc);
    if (!out) return "cannot write " + temp;
    out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.flush();
    if (!out) return "cannot write " + temp;
  }
  std::error_code error;
  std::filesystem::permissions(temp, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write,
                               error);
  std::filesystem::rename(temp, options_.state_file, error);
  if (error) return "cannot replace " + options_.state_file + ": " + error.message();
  return "";
}

int64_t WorkspaceState::nowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
         data_.clock_offset_ms;
}

std::string WorkspaceState::newUuid() { return deterministicUuid(options_.seed, data_.next_uuid++); }

int64_t WorkspaceState::newObjectId() { return data_.next_object_id++; }

std::string WorkspaceState::metastoreId() const {
  return deterministicUuid(options_.seed, 0xfffffff0ULL);
}

std::string WorkspaceState::workspaceId() const {
  return std::to_string(1000000000000000ULL + splitMix(options_.seed) % 8999999999999999ULL);
}

std::string WorkspaceState::accountId() const {
  return deterministicUuid(options_.seed, 0xfffffff1ULL);
}

std::string WorkspaceState::userId(const std::string& user_name) const {
  return std::to_string(1000000000000000ULL + hashString(user_name) % 8999999999999999ULL);
}

}  // namespace cc::emulator
