#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cc::emulator {

/// An OAuth M2M client the token endpoint accepts (`--client ID:SECRET`).
struct OAuthClient {
  std::string id;
  std::string secret;
};

/// A request that must fail (`--fault-at N[:KIND]`), counted 1-based over all requests except
/// the `/__emulator/` control endpoints.
struct FaultAt {
  uint64_t request_number = 0;
  std::string kind;
};

/// Every flag of `workspace-emulator`, as plain data (parsed in main.cc).
struct EmulatorOptions {
  int port = 0;
  bool plain_http = false;
  std::string tls_cert;           // both set: serve this certificate
  std::string tls_key;
  std::string tls_dir;            // else generate (or reuse) DIR/cert.pem + DIR/key.pem
  std::vector<std::string> tokens;  // accepted personal access tokens
  std::vector<OAuthClient> clients;
  int64_t token_ttl_seconds = 3600;
  std::string user = "alice@example.com";
  std::string state_file;
  std::string request_log;
  uint64_t seed = 1;
  int64_t latency_ms = 0;
  int64_t jitter_ms = 0;
  double fault_rate = 0.0;
  std::vector<std::string> faults;  // kinds drawn from when fault_rate hits
  std::vector<FaultAt> fault_at;
  int64_t retry_after_seconds = 1;
  double rate_limit = 0.0;          // requests/s per API family; 0 = unlimited
  double time_scale = 0.0;          // seconds per update state; 0 = one state per poll
  int64_t max_body_bytes = 16 * 1024 * 1024;
  bool empty_pages = false;         // connections list: an empty page with a token first
  std::vector<std::string> sensitive_options;  // added to the default redaction list
  int threads = 64;  // at least the connections a client keeps open (providers: 32) plus a second client
  std::string hold_pattern;  // --hold REGEX over "METHOD PATH": park matching requests
  uint64_t hold_from = 0;    // --hold-from N: park requests numbered N and later
  std::string hostile;  // --hostile MODE (hostile_mode.h); "" = behave
};

/// The fault kinds `--faults` and `--fault-at` accept.
const std::vector<std::string>& knownFaultKinds();

}  // namespace cc::emulator
