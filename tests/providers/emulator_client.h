#pragma once
// Connects a WorkspaceClient to a test's workspace-emulator over loopback TLS, trusting the
// emulator's certificate explicitly, with a fake clock and a recording sleeper (no sleeps).

#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "fake_time.h"
#include "providers/workspace_api.h"
#include "providers/workspace_client.h"
#include "support/emulator_process.h"

namespace cc::providers::testing {

/// Everything one test needs around a connected client.
struct EmulatorClient {
  FakeClock clock;
  RecordingSleeper sleeper{&clock};
  std::ostringstream debug;
  std::map<std::string, std::string> env;
  std::shared_ptr<WorkspaceClient> client;
  std::unique_ptr<WorkspaceApi> api;
  std::string error;

  /// PAT auth with the emulator's token unless `env` already holds credentials (or an auth type).
  bool connectTo(const test_support::EmulatorProcess& emulator, bool debugOn = false) {
    ConnectionSettings s;
    if (!env.count("DATABRICKS_HOST")) env["DATABRICKS_HOST"] = emulator.url();
    const bool otherCredential =
        env.count("DATABRICKS_CLIENT_ID") || env.count("ARM_CLIENT_ID") || env.count("DATABRICKS_AUTH_TYPE");
    if (!env.count("DATABRICKS_TOKEN") && !otherCredential) env["DATABRICKS_TOKEN"] = emulator.token();
    env["HOME"] = "/nonexistent";
    s.env = [this](const std::string& k) -> std::optional<std::string> {
      auto it = env.find(k);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    s.caFile = emulator.caFile();
    s.useSystemCas = false;
    s.clock = &clock;
    s.sleeper = &sleeper;
    s.jitter = [] { return 0.0; };
    s.rateLimit.enabled = false;
    if (debugOn) s.debug = &debug;
    auto r = connect(s);
    if (!r) {
      for (const auto& d : r.diagnostics().items()) error += d.summary + ": " + d.detail + "\n";
      return false;
    }
    client = r.value();
    api = std::make_unique<WorkspaceApi>(client);
    return true;
  }
};

inline std::string emulatorBinary() { return CC_EMULATOR_BINARY; }

}  // namespace cc::providers::testing
