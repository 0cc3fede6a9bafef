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
  uint64_t requestNumber = 0;
  std::string kind;
};

/// `--repo-layout [URL[@BRANCH]=]legacy|src`: which repository layout a Git folder checks out.
/// An empty url is the default rule; an empty branch matches every branch and tag.
struct RepoLayoutRule {
  std::string url;
  std::string branch;
  std::string layout;
};

/// Every flag of `workspace-emulator`, as plain data (parsed in main.cc).
struct EmulatorOptions {
  int port = 0;
  bool plainHttp = false;
  std::string tlsCert;            // both set: serve this certificate
  std::string tlsKey;
  std::string tlsDir;             // else generate (or reuse) DIR/cert.pem + DIR/key.pem
  std::vector<std::string> tokens;  // accepted personal access tokens
  std::vector<OAuthClient> clients;
  int64_t tokenTtlSeconds = 3600;
  std::string user = "alice@example.com";
  std::string stateFile;
  std::string requestLog;
  uint64_t seed = 1;
  int64_t latencyMs = 0;
  int64_t jitterMs = 0;
  double faultRate = 0.0;
  std::vector<std::string> faults;  // kinds drawn from when faultRate hits
  std::vector<FaultAt> faultAt;
  int64_t retryAfterSeconds = 1;
  double rateLimit = 0.0;           // requests/s per API family; 0 = unlimited
  double timeScale = 0.0;           // seconds per update state; 0 = one state per poll
  // With timeScale 0: an update left unobserved this long runs to its end when next observed.
  int64_t updateWallTimeoutMs = 5000;
  int64_t maxBodyBytes = 16 * 1024 * 1024;
  int64_t maxFileBytes = 64 * 1024 * 1024;          // one Files API upload
  int64_t maxStoredFileBytes = 256 * 1024 * 1024;   // all volume files together (state file size)
  bool emptyPages = false;          // connections list: an empty page with a token first
  std::vector<std::string> sensitiveOptions;  // added to the default redaction list
  int threads = 64;  // at least the connections a client keeps open (providers: 32) plus a second client
  std::string holdPattern;  // --hold REGEX over "METHOD PATH": park matching requests
  uint64_t holdFrom = 0;     // --hold-from N: park requests numbered N and later
  std::string hostile;  // --hostile MODE (hostile_mode.h); "" = behave
  std::vector<RepoLayoutRule> repoLayouts;  // most specific match wins; none = legacy
};

}  // namespace cc::emulator
