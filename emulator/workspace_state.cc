#include "emulator/workspace_state.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include <unistd.h>

#include "emulator/split_mix.h"

namespace cc::emulator {

namespace {

// The --state file spells its keys out instead of deriving them from member names, so that a
// member rename cannot make existing state files unreadable.
template <typename T, typename Member>
struct StateKey {
  const char* name;
  Member T::*member;
};

template <typename T, typename Member>
constexpr StateKey<T, Member> stateKey(const char* name, Member T::*member) {
  return {name, member};
}

template <typename T, typename Keys>
void writeKeys(nlohmann::json& json, const T& value, const Keys& keys) {
  std::apply([&](const auto&... key) { ((json[key.name] = value.*key.member), ...); }, keys);
}

// A key the file lacks (written by an older emulator) leaves the member's default.
template <typename T, typename Keys>
void readKeys(const nlohmann::json& json, T& value, const Keys& keys) {
  const T defaults{};
  std::apply([&](const auto&... key) { ((value.*key.member = json.value(key.name, defaults.*key.member)), ...); },
             keys);
}

const auto kObjectKeys = std::make_tuple(
    stateKey("type", &WorkspaceObject::type), stateKey("object_id", &WorkspaceObject::objectId),
    stateKey("language", &WorkspaceObject::language), stateKey("content_b64", &WorkspaceObject::contentB64),
    stateKey("size", &WorkspaceObject::size), stateKey("created_at", &WorkspaceObject::createdAt),
    stateKey("modified_at", &WorkspaceObject::modifiedAt));
const auto kRepoKeys = std::make_tuple(
    stateKey("id", &Repo::id), stateKey("path", &Repo::path), stateKey("url", &Repo::url),
    stateKey("provider", &Repo::provider), stateKey("branch", &Repo::branch), stateKey("tag", &Repo::tag),
    stateKey("head_commit_id", &Repo::headCommitId), stateKey("sparse_enabled", &Repo::sparseEnabled),
    stateKey("sparse_patterns", &Repo::sparsePatterns));
const auto kConnectionKeys =
    std::make_tuple(stateKey("info", &Connection::info), stateKey("options", &Connection::options));
const auto kEventKeys = std::make_tuple(
    stateKey("id", &PipelineEvent::id), stateKey("timestamp_ms", &PipelineEvent::timestampMs),
    stateKey("level", &PipelineEvent::level), stateKey("event_type", &PipelineEvent::eventType),
    stateKey("message", &PipelineEvent::message), stateKey("update_id", &PipelineEvent::updateId),
    stateKey("details", &PipelineEvent::details), stateKey("sequence", &PipelineEvent::sequence));
const auto kUpdateKeys = std::make_tuple(
    stateKey("update_id", &PipelineUpdate::updateId), stateKey("creation_time", &PipelineUpdate::creationTime),
    stateKey("request", &PipelineUpdate::request), stateKey("config", &PipelineUpdate::config),
    stateKey("plan", &PipelineUpdate::plan), stateKey("index", &PipelineUpdate::index),
    stateKey("advanced_ms", &PipelineUpdate::advancedMs));
const auto kPipelineKeys = std::make_tuple(
    stateKey("id", &Pipeline::id), stateKey("spec", &Pipeline::spec), stateKey("creator", &Pipeline::creator),
    stateKey("run_as", &Pipeline::runAs), stateKey("parameters", &Pipeline::parameters),
    stateKey("last_modified", &Pipeline::lastModified), stateKey("updates", &Pipeline::updates),
    stateKey("events", &Pipeline::events));
const auto kTokenKeys =
    std::make_tuple(stateKey("principal", &IssuedToken::principal), stateKey("expires_ms", &IssuedToken::expiresMs));
const auto kVolumeKeys = std::make_tuple(stateKey("info", &Volume::info));
const auto kVolumeFileKeys = std::make_tuple(
    stateKey("directory", &VolumeFile::directory), stateKey("content_b64", &VolumeFile::contentB64),
    stateKey("size", &VolumeFile::size), stateKey("modified_at", &VolumeFile::modifiedAt));
const auto kDataKeys = std::make_tuple(
    stateKey("objects", &WorkspaceData::objects), stateKey("repos", &WorkspaceData::repos),
    stateKey("connections", &WorkspaceData::connections), stateKey("pipelines", &WorkspaceData::pipelines),
    stateKey("tokens", &WorkspaceData::tokens), stateKey("volumes", &WorkspaceData::volumes),
    stateKey("volume_files", &WorkspaceData::volumeFiles), stateKey("next_object_id", &WorkspaceData::nextObjectId),
    stateKey("next_uuid", &WorkspaceData::nextUuid),
    stateKey("next_event_sequence", &WorkspaceData::nextEventSequence),
    stateKey("clock_offset_ms", &WorkspaceData::clockOffsetMs),
    stateKey("fail_next_update", &WorkspaceData::failNextUpdate));

}  // namespace

// Found by argument-dependent lookup, hence outside the anonymous namespace; each type's
// functions come before those of the types holding it.
void to_json(nlohmann::json& json, const WorkspaceObject& value) { writeKeys(json, value, kObjectKeys); }
void from_json(const nlohmann::json& json, WorkspaceObject& value) { readKeys(json, value, kObjectKeys); }
void to_json(nlohmann::json& json, const Repo& value) { writeKeys(json, value, kRepoKeys); }
void from_json(const nlohmann::json& json, Repo& value) { readKeys(json, value, kRepoKeys); }
void to_json(nlohmann::json& json, const Connection& value) { writeKeys(json, value, kConnectionKeys); }
void from_json(const nlohmann::json& json, Connection& value) { readKeys(json, value, kConnectionKeys); }
void to_json(nlohmann::json& json, const PipelineEvent& value) { writeKeys(json, value, kEventKeys); }
void from_json(const nlohmann::json& json, PipelineEvent& value) { readKeys(json, value, kEventKeys); }
void to_json(nlohmann::json& json, const PipelineUpdate& value) { writeKeys(json, value, kUpdateKeys); }
void from_json(const nlohmann::json& json, PipelineUpdate& value) { readKeys(json, value, kUpdateKeys); }
void to_json(nlohmann::json& json, const Pipeline& value) { writeKeys(json, value, kPipelineKeys); }
void from_json(const nlohmann::json& json, Pipeline& value) { readKeys(json, value, kPipelineKeys); }
void to_json(nlohmann::json& json, const IssuedToken& value) { writeKeys(json, value, kTokenKeys); }
void from_json(const nlohmann::json& json, IssuedToken& value) { readKeys(json, value, kTokenKeys); }
void to_json(nlohmann::json& json, const Volume& value) { writeKeys(json, value, kVolumeKeys); }
void from_json(const nlohmann::json& json, Volume& value) { readKeys(json, value, kVolumeKeys); }
void to_json(nlohmann::json& json, const VolumeFile& value) { writeKeys(json, value, kVolumeFileKeys); }
void from_json(const nlohmann::json& json, VolumeFile& value) { readKeys(json, value, kVolumeFileKeys); }
void to_json(nlohmann::json& json, const WorkspaceData& value) { writeKeys(json, value, kDataKeys); }
void from_json(const nlohmann::json& json, WorkspaceData& value) { readKeys(json, value, kDataKeys); }

namespace {

constexpr int kStateFormat = 1;

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

std::string isoTimestamp(int64_t epochMs) {
  std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(epochMs % 1000));
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
    node.objectId = newObjectId();
    node.createdAt = node.modifiedAt = now;
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
  if (options_.stateFile.empty() || !std::filesystem::exists(options_.stateFile)) return "";
  std::ifstream in(options_.stateFile);
  nlohmann::json document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object() || !document.contains("data")) {
    return "state file " + options_.stateFile +
           " is not an emulator state document; delete it or pass another --state";
  }
  try {
    data_ = document.at("data").get<WorkspaceData>();
  } catch (const nlohmann::json::exception& error) {
    return "state file " + options_.stateFile + " is unreadable (" + error.what() +
           "); delete it or pass another --state";
  }
  return "";
}

std::string WorkspaceState::commit() {
  if (options_.stateFile.empty()) return "";
  const std::string temp = options_.stateFile + ".tmp." + std::to_string(::getpid());
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
  std::filesystem::rename(temp, options_.stateFile, error);
  if (error) return "cannot replace " + options_.stateFile + ": " + error.message();
  return "";
}

int64_t WorkspaceState::nowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
         data_.clockOffsetMs;
}

std::string WorkspaceState::newUuid() { return deterministicUuid(options_.seed, data_.nextUuid++); }

int64_t WorkspaceState::newObjectId() { return data_.nextObjectId++; }

std::string WorkspaceState::metastoreId() const {
  return deterministicUuid(options_.seed, 0xfffffff0ULL);
}

std::string WorkspaceState::workspaceId() const {
  return std::to_string(1000000000000000ULL + splitMix(options_.seed) % 8999999999999999ULL);
}

std::string WorkspaceState::accountId() const {
  return deterministicUuid(options_.seed, 0xfffffff1ULL);
}

std::string WorkspaceState::userId(const std::string& userName) const {
  return std::to_string(1000000000000000ULL + hashString(userName) % 8999999999999999ULL);
}

}  // namespace cc::emulator
