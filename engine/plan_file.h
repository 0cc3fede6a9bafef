#pragma once
// Saved plans (`plan -o FILE`, `apply FILE`): JSON with a format version, the manifest digest,
// and per action: key, action, masked field changes, what was observed (exists, version,
// remote id, option keys), and the desired fields and inputs. Secret values are never written:
// only their source (e.g. "${env.GITHUB_TOKEN}"); apply re-reads them from the reloaded manifest.
// A SHA-256 checksum over the content detects truncation and hand edits.
//
//   std::string text = writePlanFile(plan);                      // plan -o FILE
//   auto manifest = loadManifest(...);                           // apply FILE: reload
//   Result<Plan> plan = readPlanFile(text, *manifest);           // validates, binds secrets
//   Status fresh = checkStale(*plan, registry);                  // refuses a stale plan

#include <string>

#include "engine/manifest.h"
#include "engine/plan.h"
#include "engine/result.h"

namespace cc::engine {

/// Digest of what the manifest means (document + secret sources, never secret values).
std::string manifestDigest(const Manifest& manifest);

/// The plan as JSON text (pretty, stable key order).
std::string writePlanFile(const Plan& plan);

/// Parses and validates a plan file: wrong format_version, bad checksum (tampered or
/// truncated), malformed entries, or a manifest whose digest differs → a clear error.
/// Secrets of the plan's resources are bound from `manifest.secrets`.
Result<Plan> readPlanFile(const std::string& text, const Manifest& manifest);

}  // namespace cc::engine
