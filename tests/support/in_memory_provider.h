#pragma once
// An in-memory workspace implementing engine/provider.h for planner, executor and property
// tests: it keeps resources by key, redacts connection options like the real API, counts calls
// per operation and fails chosen operations (by operation + key, or on the Nth call).

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/content_digest.h"
#include "engine/ownership.h"
#include "engine/provider.h"
#include "engine/run_action_provider.h"

namespace cc::testing {

/// A fake workspace. Operations: "observe", "create", "update", "remove", "listMarked",
/// "start", "poll", "currentContext", "createFileExclusive", "readFiles", "writeFile",
/// "deleteFile". Thread-safe (one mutex).
class InMemoryProvider : public engine::ProviderRegistry {
 public:
  using Key = engine::ResourceKey;
  using Observed = engine::ObservedResource;

  std::string userName = "alice@example.com";
  std::string host = "https://example.cloud.databricks.com";
  /// Like the real API for GENERIC_LAKEFLOW_CONNECT: only these option keys are ever returned.
  std::vector<std::string> returnedOptionKeys = {"sourceName", "externalOptionsAllowList"};
  /// States a started update passes through, one per poll.
  std::vector<std::string> runStates = {"RUNNING", "COMPLETED"};

  InMemoryProvider() {
    for (engine::ResourceKind k : engine::kAllResourceKinds) kinds_.emplace(k, KindProvider(*this, k));
  }

  // ---- fault injection and inspection ----
  /// The next calls of `operation` on resource `name` ("" = any) fail with `message`.
  void failOn(const std::string& operation, const std::string& name, std::string message = "500 INTERNAL_ERROR: injected") {
    std::lock_guard lock(mutex_);
    faults_.push_back({operation, name, 0, std::move(message)});
  }
  /// The Nth call (1-based, counted from now) of `operation` fails.
  void failNth(const std::string& operation, int n, std::string message = "503 TEMPORARILY_UNAVAILABLE: injected") {
    std::lock_guard lock(mutex_);
    faults_.push_back({operation, "", calls_[operation] + n, std::move(message)});
  }
  void clearFaults() {
    std::lock_guard lock(mutex_);
    faults_.clear();
  }
  int calls(const std::string& operation) const {
    std::lock_guard lock(mutex_);
    auto it = calls_.find(operation);
    return it == calls_.end() ? 0 : it->second;
  }
  /// Requests that change the workspace (lock files excluded).
  int mutatingCalls() const {
    return calls("create") + calls("update") + calls("remove") + calls("start") + calls("writeFile") + calls("deleteFile");
  }
  void resetCounts() {
    std::lock_guard lock(mutex_);
    calls_.clear();
  }
  /// Direct access for arranging and asserting (not thread-safe against a running apply).
  std::map<Key, Observed>& objects() { return objects_; }
  std::map<std::string, engine::SmallFile>& files() { return files_; }
  /// The plaintext secrets the provider received last for a key ("options.token" → value).
  std::map<std::string, std::string> receivedSecrets(const Key& key) const {
    std::lock_guard lock(mutex_);
    auto it = secrets_.find(key);
    return it == secrets_.end() ? std::map<std::string, std::string>{} : it->second;
  }
  /// Simulates an out-of-band edit: bumps the version of `key`.
  void touch(const Key& key) {
    std::lock_guard lock(mutex_);
    objects_[key].version = "v" + std::to_string(++counter_);
  }

  // ---- engine::ProviderRegistry ----
  engine::Provider& provider(engine::ResourceKind kind) override {
    if (kind == engine::ResourceKind::PipelineRun) return runActions_;  // as the HTTPS registry answers
    return kinds_.at(kind);
  }
  engine::PipelineRunner& runner() override { return runner_; }
  engine::Workspace& workspace() override { return workspace_; }

 private:
  struct Fault {
    std::string operation, name;
    int nth;  // 0: every matching call
    std::string message;
  };

  // Counts the call; returns the error a fault injects, if any. Caller holds mutex_.
  std::optional<engine::Diagnostics> hit(const std::string& operation, const std::string& name) {
    const int n = ++calls_[operation];
    for (const Fault& f : faults_) {
      if (f.operation != operation) continue;
      if ((f.nth == 0 && (f.name.empty() || f.name == name)) || f.nth == n) {
        engine::Diagnostics d;
        d.error(f.message);
        return d;
      }
    }
    return std::nullopt;
  }

  // What the API would return for a stored resource.
  Observed visible(const Observed& stored) const {
    Observed o = stored;
    if (o.key.kind == engine::ResourceKind::Connection && o.fields.contains("options")) {
      nlohmann::json shown = nlohmann::json::object();
      for (const auto& k : returnedOptionKeys) {
        if (o.fields["options"].contains(k)) shown[k] = o.fields["options"][k];
      }
      o.fields["options"] = shown;
    }
    return o;
  }

  Observed store(const engine::DesiredResource& d, Observed o) {
    o.key = d.key;
    o.exists = true;
    o.fields = d.fields;
    if (d.key.kind == engine::ResourceKind::IngestFile) {
      o.fields["content_sha256"] = engine::sha256Hex(d.inputs.value("content", std::string()));
      if (d.inputs.contains("objects")) o.fields["objects"] = d.inputs["objects"];  // as the HTTPS provider reads back
    }
    if (o.remoteId.empty()) o.remoteId = "id-" + std::to_string(++counter_);
    o.version = "v" + std::to_string(++counter_);
    auto& received = secrets_[d.key];
    received.clear();
    for (const auto& [path, secret] : d.secrets) received[path] = secret.revealForRequest();
    objects_[d.key] = o;
    return visible(o);
  }

  class KindProvider : public engine::Provider {
   public:
    KindProvider(InMemoryProvider& owner, engine::ResourceKind kind) : owner_(owner), kind_(kind) {}
    engine::Result<std::vector<Observed>> observe(const std::vector<Key>& keys) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("observe", std::string(engine::kindName(kind_)))) return *e;
      std::vector<Observed> out;
      for (const Key& k : keys) {
        auto it = owner_.objects_.find(k);
        out.push_back(it == owner_.objects_.end() ? Observed{k, false, nlohmann::json::object(), "", "", {}, {}}
                                                  : owner_.visible(it->second));
      }
      return out;
    }
    engine::Result<Observed> create(const engine::DesiredResource& d) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("create", d.key.name)) return *e;
      // mkdirs and import (overwrite) succeed over an existing object; the rest conflict.
      const bool idempotent = kind_ == engine::ResourceKind::Directory || kind_ == engine::ResourceKind::IngestFile;
      if (owner_.objects_.count(d.key) && !idempotent) {
        return engine::Result<Observed>::failure("409 RESOURCE_ALREADY_EXISTS: " + d.key.name + " already exists");
      }
      return owner_.store(d, Observed{});
    }
    engine::Result<Observed> update(const engine::DesiredResource& d, const Observed&,
                                    const std::vector<std::string>&) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("update", d.key.name)) return *e;
      auto it = owner_.objects_.find(d.key);
      if (it == owner_.objects_.end()) return engine::Result<Observed>::failure("404 RESOURCE_DOES_NOT_EXIST: " + d.key.name);
      return owner_.store(d, it->second);
    }
    engine::Status remove(const Observed& current) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("remove", current.key.name)) return *e;
      owner_.objects_.erase(current.key);
      if (kind_ == engine::ResourceKind::Repo) {  // a Git folder takes its files with it
        for (auto it = owner_.objects_.begin(); it != owner_.objects_.end();) {
          const bool inside = it->first.kind == engine::ResourceKind::IngestFile && engine::isUnder(it->first.name, current.key.name);
          it = inside ? owner_.objects_.erase(it) : std::next(it);
        }
      }
      return engine::okStatus();
    }
    engine::Result<std::vector<Observed>> listMarked() override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("listMarked", std::string(engine::kindName(kind_)))) return *e;
      std::vector<Observed> out;
      for (const auto& [k, o] : owner_.objects_) {
        if (k.kind == kind_ && engine::carriesMarker(o)) out.push_back(owner_.visible(o));
      }
      return out;
    }

   private:
    InMemoryProvider& owner_;
    engine::ResourceKind kind_;
  };

  class Runner : public engine::PipelineRunner {
   public:
    explicit Runner(InMemoryProvider& owner) : owner_(owner) {}
    engine::Result<engine::RunStatus> start(const std::string& pipelineId, bool fullRefresh) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("start", pipelineId)) return *e;
      const std::string id = "update-" + std::to_string(++owner_.counter_);
      owner_.runs_[id] = 0;
      owner_.fullRefresh_[id] = fullRefresh;
      return engine::RunStatus{id, "CREATED", {}};
    }
    engine::Result<engine::RunStatus> poll(const std::string& pipelineId, const std::string& updateId,
                                           bool withEvents) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("poll", pipelineId)) return *e;
      std::size_t& step = owner_.runs_[updateId];
      const auto& states = owner_.runStates;
      const std::string state = states.empty() ? "COMPLETED" : states[std::min(step, states.size() - 1)];
      ++step;
      // One event per poll, as a real update logs its progress (when asked for).
      std::vector<engine::RunEvent> events;
      if (withEvents)
        events.push_back({updateId + "/" + std::to_string(step), "", "INFO", "update_progress",
                          "update " + updateId + " is " + state});
      return engine::RunStatus{updateId, state, std::move(events)};
    }

   private:
    InMemoryProvider& owner_;
  };

  class Files : public engine::Workspace {
   public:
    explicit Files(InMemoryProvider& owner) : owner_(owner) {}
    engine::Result<engine::WorkspaceContext> currentContext() override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("currentContext", "")) return *e;
      return engine::WorkspaceContext{owner_.userName, owner_.host};
    }
    engine::Result<bool> createFileExclusive(const std::string& path, const std::string& content) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("createFileExclusive", path)) return *e;
      if (owner_.files_.count(path)) return false;
      owner_.files_[path] = {content, ++owner_.counter_};
      return true;
    }
    engine::Result<std::map<std::string, engine::SmallFile>> readFiles(const std::vector<std::string>& paths) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("readFiles", "")) return *e;
      std::map<std::string, engine::SmallFile> out;
      for (const auto& p : paths) {
        auto it = owner_.files_.find(p);
        if (it != owner_.files_.end()) out.emplace(p, it->second);
      }
      return out;
    }
    engine::Status writeFile(const std::string& path, const std::string& content) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("writeFile", path)) return *e;
      owner_.files_[path] = {content, ++owner_.counter_};
      return engine::okStatus();
    }
    engine::Status deleteFile(const std::string& path) override {
      std::lock_guard lock(owner_.mutex_);
      if (auto e = owner_.hit("deleteFile", path)) return *e;
      owner_.files_.erase(path);
      return engine::okStatus();
    }

   private:
    InMemoryProvider& owner_;
  };

  mutable std::mutex mutex_;
  std::map<engine::ResourceKind, KindProvider> kinds_;
  engine::RunActionProvider runActions_;
  Runner runner_{*this};
  Files workspace_{*this};
  std::map<Key, Observed> objects_;
  std::map<Key, std::map<std::string, std::string>> secrets_;
  std::map<std::string, engine::SmallFile> files_;
  std::map<std::string, std::size_t> runs_;
  std::map<std::string, bool> fullRefresh_;
  std::map<std::string, int> calls_;
  std::vector<Fault> faults_;
  long counter_ = 0;
};

}  // namespace cc::testing
