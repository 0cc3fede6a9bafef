#include "cli/original/registry.h"

namespace cc::cli {

class OriginalRegistry::RecordingProvider : public engine::Provider {
 public:
  RecordingProvider(engine::Provider& inner, OriginalRegistry& owner) : inner_(inner), owner_(owner) {}

  engine::Result<std::vector<engine::ObservedResource>> observe(const std::vector<engine::ResourceKey>& keys) override {
    return inner_.observe(keys);
  }
  engine::Result<engine::ObservedResource> create(const engine::DesiredResource& desired) override {
    return remember(desired.key, inner_.create(desired));
  }
  engine::Result<engine::ObservedResource> update(const engine::DesiredResource& desired,
                                                  const engine::ObservedResource& current,
                                                  const std::vector<std::string>& changedFields) override {
    return remember(desired.key, inner_.update(desired, current, changedFields));
  }
  engine::Status remove(const engine::ObservedResource& current) override { return inner_.remove(current); }
  engine::Result<std::vector<engine::ObservedResource>> listMarked() override {
    return inner_.listMarked();
  }

 private:
  engine::Result<engine::ObservedResource> remember(const engine::ResourceKey& key,
                                                    engine::Result<engine::ObservedResource> result) {
    if (result.ok()) {
      std::lock_guard<std::mutex> lock(owner_.mutex_);
      owner_.written_[key] = result.value();
    }
    return result;
  }
  engine::Provider& inner_;
  OriginalRegistry& owner_;
};

class OriginalRegistry::NoRecordsWorkspace : public engine::Workspace {
 public:
  explicit NoRecordsWorkspace(engine::Workspace& inner) : inner_(inner) {}
  engine::Result<engine::WorkspaceContext> currentContext() override { return inner_.currentContext(); }
  engine::Result<bool> createFileExclusive(const std::string& path, const std::string& content) override {
    return inner_.createFileExclusive(path, content);
  }
  // No records are kept, so none is read: that also saves the planner its read of the store.
  engine::Result<std::map<std::string, engine::SmallFile>> readFiles(const std::vector<std::string>&) override {
    return std::map<std::string, engine::SmallFile>{};
  }
  engine::Status writeFile(const std::string&, const std::string&) override { return engine::okStatus(); }
  engine::Status deleteFile(const std::string&) override { return engine::okStatus(); }

 private:
  engine::Workspace& inner_;
};

OriginalRegistry::OriginalRegistry(engine::ProviderRegistry& inner)
    : inner_(inner), workspace_(std::make_unique<NoRecordsWorkspace>(inner.workspace())) {
  for (engine::ResourceKind kind : engine::kAllResourceKinds) {
    if (kind == engine::ResourceKind::PipelineRun) continue;
    providers_[kind] = std::make_unique<RecordingProvider>(inner.provider(kind), *this);
  }
}

OriginalRegistry::~OriginalRegistry() = default;

engine::Provider& OriginalRegistry::provider(engine::ResourceKind kind) { return *providers_.at(kind); }
engine::PipelineRunner& OriginalRegistry::runner() { return inner_.runner(); }
engine::Workspace& OriginalRegistry::workspace() { return *workspace_; }

std::optional<engine::ObservedResource> OriginalRegistry::written(const engine::ResourceKey& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = written_.find(key);
  if (it == written_.end()) return std::nullopt;
  return it->second;
}

}  // namespace cc::cli
