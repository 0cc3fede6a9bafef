#pragma once
// Saved plans (`plan -o FILE`, `apply FILE`): JSON with a format version, the manifest digest,
// and per action: key, action, masked field changes, what was observed (exists, version,
// remote id, option keys), and the desired fields and inputs. Secret values are never written:
// only their source (e.g. "${env.GITHUB_TOKEN}"); apply re-reads them from the reloaded manifest.
// Values from other sensitive sources (a comment holding ${env.X}) are written "(sensitive)",
// with their pointers under "masked"; apply refills them from the model of the reloaded
// manifest (restoreMaskedValues), whose digest proves it means the same.
// A SHA-256 checksum over the content detects truncation and hand edits.
//
//   std::string text = writePlanFile(plan);                      // plan -o FILE
//   auto manifest = loadManifest(...);                           // apply FILE: reload
//   Result<Plan> plan = readPlanFile(text, *manifest);           // validates, binds secrets
//   restoreMaskedValues(*plan, *buildModel(*manifest, plan->context, bundled));
//   Status fresh = checkStale(*plan, registry);                  // refuses a stale plan

#include <string>

#include "engine/manifest.h"
#include "engine/model.h"
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
/// Sensitive values of `manifest` are attached to the plan (for output masking).
Result<Plan> readPlanFile(const std::string& text, const Manifest& manifest);

/// The same checks of format and checksum, for `show PLANFILE`: no manifest, so no digest
/// check and no secret bound (the plan is rendered, never applied).
Result<Plan> readPlanFileToShow(const std::string& text);

/// Whether any action holds values masked in the file.
bool hasMaskedValues(const Plan& plan);

/// Refills every masked desired value from `fresh` (the model of the same manifest); an
/// action or value `fresh` lacks is an error (the plan no longer matches the manifest).
Status restoreMaskedValues(Plan& plan, const DesiredState& fresh);

}  // namespace cc::engine
