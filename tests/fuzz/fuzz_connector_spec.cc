// Fuzzes connector_spec.yaml parsing and the option checks that run on it (auth-method
// detection, required/unknown keys, allowlist merging).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "engine/connector_spec.h"
#include "engine/manifest_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  cc::engine::LoaderLimits limits;
  limits.requireMapping = false;
  auto loaded = cc::engine::loadYaml(text, "connector_spec.yaml", limits);
  if (!loaded) return 0;
  auto spec = cc::engine::parseConnectorSpec(loaded->document);
  if (!spec) return 0;
  const std::set<std::string> provided = {"token", "username", "api_secret", "community_oauth_flow"};
  (void)cc::engine::validateConnectionOptions(*spec, provided, "fuzz");
  (void)cc::engine::validateConnectionOptions(*spec, {}, "fuzz");
  (void)cc::engine::detectAuthMethod(*spec, provided);
  (void)cc::engine::mergeExternalOptionsAllowlist(spec->externalOptionsAllowlist,
                                                  cc::engine::constantExternalOptionsAllowlist());
  (void)spec->secretParameters();
  return 0;
}
