#pragma once
// A ProviderRegistry decorator for the original tool's commands: it forwards every call to the real
// registry, remembers what each create/update returned (the ids the original prints), and
// keeps no secret fingerprint records — the original tool wrote nothing besides the objects it
// created, and its request traces are what these commands must reproduce.

#include <map>
#include <memory>
#include <mutex>

#include "engine/provider.h"

namespace cc::cli {

/// Forwards to `inner`; see the file comment.
class OriginalRegistry : public engine::ProviderRegistry {
 public:
  explicit OriginalRegistry(engine::ProviderRegistry& inner);
  ~OriginalRegistry() override;

  engine::Provider& provider(engine::ResourceKind kind) override;
  engine::PipelineRunner& runner() override;
  engine::Workspace& workspace() override;

  /// The state a create or update of `key` returned, if one ran.
  std::optional<engine::ObservedResource> written(const engine::ResourceKey& key) const;

 private:
  class RecordingProvider;
  class NoRecordsWorkspace;
  engine::ProviderRegistry& inner_;
  std::map<engine::ResourceKind, std::unique_ptr<RecordingProvider>> providers_;
  std::unique_ptr<NoRecordsWorkspace> workspace_;
  mutable std::mutex mutex_;
  std::map<engine::ResourceKey, engine::ObservedResource> written_;
};

}  // namespace cc::cli
