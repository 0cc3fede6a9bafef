#include "cli/original/connection_options.h"

#include <set>

#include "cli/original/inputs.h"
#include "cli/original/output.h"

namespace cc::cli {
namespace {

constexpr const char* kAllowKey = "externalOptionsAllowList";

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return "[" + out + "]";
}

}  // namespace

PreparedConnectionOptions prepareConnectionOptions(const std::string& source, const nlohmann::ordered_json& user,
                                                   const std::optional<engine::ConnectorSpec>& spec, bool debug) {
  PreparedConnectionOptions r;
  r.options = user;
  const std::string& constant = engine::constantExternalOptionsAllowlist();
  const bool userAllowlist = user.contains(kAllowKey);
  if (spec) {
    std::set<std::string> provided;
    for (const auto& item : user.items()) provided.insert(item.key());
    if (debug) {
      if (spec->hasAuthMethods()) {
        for (const auto& m : spec->authMethods)
          r.out += "[DEBUG] Auth method " + m.name + ": required " + joined(m.requiredNames()) + ", optional " +
                   joined(m.optionalNames()) + "\n";
        r.out += "[DEBUG] Common parameters: required " + joined(spec->requiredNames()) + ", optional " +
                 joined(spec->optionalNames()) + "\n";
      } else {
        r.out += "[DEBUG] Required parameters: " + joined(spec->requiredNames()) + "\n";
        r.out += "[DEBUG] Optional parameters: " + joined(spec->optionalNames()) + "\n";
      }
      r.out += "[DEBUG] Source externalOptionsAllowList: " + spec->externalOptionsAllowlist + "\n";
      r.out += "[DEBUG] Constant externalOptionsAllowList: " + constant + "\n";
    }
    const auto check = engine::validateConnectionOptions(*spec, provided, source);
    if (check.detectedAuthMethod) r.out += std::string(kCheckMark) + "Detected auth method: " + *check.detectedAuthMethod + "\n";
    if (!check.valid()) {
      std::string message;
      for (const auto& e : check.errors) message += (message.empty() ? "" : "\n") + e;
      r.error = message;
      return r;
    }
    if (!userAllowlist) {
      const std::string merged = engine::mergeExternalOptionsAllowlist(spec->externalOptionsAllowlist, constant);
      r.options[kAllowKey] = merged;
      r.out += merged.empty() ? std::string(kCheckMark) + "Set externalOptionsAllowList to empty (no table-specific options)\n"
                              : std::string(kCheckMark) + "Auto-added externalOptionsAllowList: " + merged + "\n";
    }
  } else {
    r.err += std::string(kWarningPrefix) + "Could not load connector spec for '" + source +
             "'. Skipping parameter validation.\n";
    if (!userAllowlist && !constant.empty()) {
      r.options[kAllowKey] = constant;
      r.out += std::string(kCheckMark) + "Auto-added constant externalOptionsAllowList: " + constant + "\n";
    }
  }
  r.options["sourceName"] = source;
  for (auto& item : r.options.items()) item.value() = optionValueText(item.value());
  if (debug) {
    std::string keys;
    for (const auto& item : r.options.items()) keys += (keys.empty() ? "" : ", ") + item.key();
    r.out += "[DEBUG] Final option keys: [" + keys + "]\n";
  }
  return r;
}

}  // namespace cc::cli
