// workspace-emulator: flags → EmulatorOptions, start the server, print how to reach it, wait
// for SIGINT/SIGTERM.
#include <csignal>
#include <iostream>
#include <regex>
#include <sstream>

#include <CLI/CLI.hpp>

#include "emulator/emulator_options.h"
#include "emulator/fault_injector.h"
#include "emulator/hostile_mode.h"
#include "emulator/repo_layout.h"
#include "emulator/server.h"

namespace {

constexpr const char* kDefaultToken = "dapi-emulator-token";
constexpr const char* kDefaultClient = "emulator-client:emulator-secret";

constexpr const char* kFooter = R"(
Output: the first stdout line is `listening on https://127.0.0.1:PORT` (PORT is the bound
port, useful with --port 0); then `tls-cert: FILE` (trust it with SSL_CERT_FILE=FILE),
`token: TOKEN` (the default token, or `(from --token)`), `user: NAME`, `oauth-client: ID`,
and `ready`. Only 127.0.0.1 is ever bound.

Auth: `Authorization: Bearer TOKEN` with a --token value (default dapi-emulator-token, acting
as --user), or an OAuth M2M token from POST /oidc/v1/token (grant_type=client_credentials,
client auth by HTTP Basic or form fields; default client emulator-client / emulator-secret,
acting as the client id). Discovery: /.well-known/databricks-config and
/oidc/.well-known/oauth-authorization-server. Missing credential: 401 {"error_code":401,...};
unknown or expired token: 403 {"error_code":403,"message":"Invalid access token."}.

Pipeline updates: an update walks QUEUED, CREATED, WAITING_FOR_RESOURCES, INITIALIZING,
[RESETTING when full_refresh], SETTING_UP_TABLES, RUNNING, then COMPLETED (FAILED after
POST /__emulator/fail-next-update; STOPPING then CANCELED after POST .../stop; a continuous
pipeline stays RUNNING). With --time-scale 0 (default) the active update of a pipeline moves
one state per poll: each GET /api/2.0/pipelines/{id} or GET .../updates/{update_id}; an
update whose state is older than --update-wall-timeout-ms (default 5000) of emulated time
runs to its end when next seen (any read of the pipeline, or a new start), so one nobody
polls does not block the next run. With --time-scale S > 0 each state lasts S seconds of
emulated time. Emulated time is the wall clock plus any POST /__emulator/advance-clock, so
tests never sleep.

Managed ingestion: pipelines may carry ingestion_definition (connection_name of an existing
connection, objects of table/schema/report with source and destination fields,
table_configuration); it cannot go with libraries or target (400). source_type is filled from
the connection when not sent (COMMUNITY for COMMUNITY and GENERIC_LAKEFLOW_CONNECT).

Volumes and files: /api/2.1/unity-catalog/volumes (create, get, list by catalog_name and
schema_name, delete) and the Files API under /Volumes/<c>/<s>/<v>/: PUT/GET/HEAD/DELETE
/api/2.0/fs/files/... (raw bytes; overwrite=false refuses an existing file with 409
ALREADY_EXISTS; parents are created) and PUT/GET/HEAD/DELETE /api/2.0/fs/directories/....
Files persist in --state (base64), bounded by --max-file-bytes and --max-stored-file-bytes.

Git folders: a checkout holds README.md, CONTRIBUTING.md, CLAUDE.md, NOTICE, pyproject.toml
and the layout's folders that the sparse patterns select: legacy = libs, pipeline,
sources/<src>; src = src/databricks/labs/community_connector/{libs,interface,pipeline,
sparkpds,sources/<src>}. --repo-layout src switches every repository; --repo-layout
URL[@BRANCH]=src one URL (at one branch or tag); the most specific rule wins. A PATCH to a
branch of another layout re-materialises the folder.

Faults (deterministic for a given --seed and request order): requests are numbered from 1
over every request except /__emulator/ ones (auth and OAuth requests count). --fault-at N
fails request N; --fault-rate R fails each request with probability R, kind drawn from
--faults. Kinds: 429 and 503 (with Retry-After, before any side effect), 500 (JSON body),
500-html, 500-empty, drop (close without answer), reset (TCP reset), commit-drop (the request
takes effect, then the connection closes without an answer). --rate-limit R applies a token
bucket of R requests/s (burst max(1,R)) per API family (scim, workspace, repos, connections,
pipelines, volumes, files, oauth) and answers 429 REQUEST_LIMIT_EXCEEDED with Retry-After when
exceeded.

State: with --state FILE every change is written to FILE (temporary file + rename) before
the response is sent, and FILE is loaded at start, so a killed emulator restarts with nothing
lost. FILE holds connection options as sent (it is the emulated workspace's storage).
--request-log FILE appends one JSON line per request with secrets masked.

Control endpoints (tests only; not counted, not logged, no auth):
  GET  /__emulator/requests          {"count": requests numbered so far}
  POST /__emulator/fail-next-update  the next started update ends FAILED
  POST /__emulator/advance-clock     body {"seconds": N}: move the emulated clock forward
  POST /__emulator/reset             forget every object (back to the initial tree)
  POST /__emulator/hold              body {"pattern": REGEX, "from": N}: set the hold rule
  GET  /__emulator/held              {"held": requests parked right now}
  POST /__emulator/release           clear the rule, let parked requests go; answers once they
                                     have been handled, with {"released": N}

Holds (tests that need a client provably blocked at one point, never a race on timing):
--hold REGEX parks each request whose "METHOD PATH" matches; --hold-from N parks requests
numbered N and later; both given, a request must match both. Each parked request prints
`held N METHOD PATH` on stdout. POST /__emulator/release or SIGUSR1 lets them go (SIGUSR1
prints `released N` once they have been handled). A request is parked at most 300 s.

Example (CI dry run):
  workspace-emulator --port 0 --state .emulator/state.json --tls-dir .emulator/tls &
  export DATABRICKS_HOST=https://127.0.0.1:PORT DATABRICKS_TOKEN=dapi-emulator-token
  export SSL_CERT_FILE=.emulator/tls/cert.pem
)";

using cc::emulator::EmulatorOptions;

/// Flags CLI11 collects as text; checkFlags() and applyDefaults() turn them into options.
struct RawFlags {
  std::vector<std::string> clients;
  std::vector<std::string> faults;
  std::vector<std::string> faultAt;
  std::vector<std::string> repoLayouts;
};

void addFlags(CLI::App& app, EmulatorOptions& options, RawFlags& raw) {
  app.add_option("--port", options.port, "port to bind on 127.0.0.1; 0 picks a free one")->capture_default_str();
  app.add_flag("--plain-http", options.plainHttp, "serve plain HTTP instead of HTTPS");
  app.add_option("--tls-cert", options.tlsCert, "PEM certificate to serve (with --tls-key)");
  app.add_option("--tls-key", options.tlsKey, "PEM private key of --tls-cert");
  app.add_option("--tls-dir", options.tlsDir,
                 "where to write (or reuse) a self-signed cert.pem/key.pem; default a temp dir");
  app.add_option("--token", options.tokens, "accepted bearer token (repeatable; default dapi-emulator-token)");
  app.add_option("--client", raw.clients, "OAuth M2M client ID:SECRET (repeatable; default emulator-client:emulator-secret)");
  app.add_option("--token-ttl", options.tokenTtlSeconds, "lifetime of issued OAuth tokens, seconds")->capture_default_str();
  app.add_option("--user", options.user, "userName of the --token principal")->capture_default_str();
  app.add_option("--state", options.stateFile, "persist the workspace to FILE and reload it at start");
  app.add_option("--request-log", options.requestLog, "append one JSON line per request to FILE");
  app.add_option("--seed", options.seed, "seed of ids and faults")->capture_default_str();
  app.add_option("--latency-ms", options.latencyMs, "added latency per request")->capture_default_str();
  app.add_option("--jitter-ms", options.jitterMs, "plus a seeded random 0..N ms")->capture_default_str();
  app.add_option("--fault-rate", options.faultRate, "probability of a fault per request")->capture_default_str();
  app.add_option("--faults,--fault", raw.faults, "fault kinds for --fault-rate, comma separated")->delimiter(',');
  app.add_option("--fault-at", raw.faultAt, "N[:KIND]: fail request N (repeatable; KIND default: first of --faults, else 503)");
  app.add_option("--retry-after", options.retryAfterSeconds, "Retry-After seconds of 429/503")->capture_default_str();
  app.add_option("--rate-limit", options.rateLimit, "requests/s per API family; 0 = unlimited")->capture_default_str();
  app.add_option("--time-scale", options.timeScale, "seconds per update state; 0 = one state per poll")->capture_default_str();
  app.add_option("--update-wall-timeout-ms", options.updateWallTimeoutMs,
                 "with --time-scale 0: an update whose state is this old ends when next seen; 0 = never")
      ->capture_default_str();
  app.add_option("--max-body-bytes", options.maxBodyBytes, "larger request bodies get 413")->capture_default_str();
  app.add_option("--max-file-bytes", options.maxFileBytes, "larger Files API uploads get 413")->capture_default_str();
  app.add_option("--max-stored-file-bytes", options.maxStoredFileBytes,
                 "uploads that would make all volume files larger get 413")->capture_default_str();
  app.add_flag("--empty-pages", options.emptyPages, "paged connection lists start with an empty page carrying a token");
  app.add_option("--sensitive-option", options.sensitiveOptions, "another connection option key never returned (repeatable)");
  app.add_option("--threads", options.threads, "server threads (keep-alive connections served at once)")->capture_default_str();
  app.add_option("--hostile", options.hostile,
                 "answer every API request maliciously: huge-body, invalid-json, wrong-content-type, "
                 "slow-drip, redirect[=URL] (client robustness tests)");
  app.add_option("--hold", options.holdPattern,
                 "park requests whose \"METHOD PATH\" matches REGEX until released (see Holds below)");
  app.add_option("--hold-from", options.holdFrom, "park every request numbered N or later until released");
  app.add_option("--repo-layout", raw.repoLayouts,
                 "[URL[@BRANCH]=]legacy|src: the repository layout Git folders check out (repeatable; "
                 "default legacy)");
}

cc::emulator::OAuthClient parseClient(const std::string& text) {
  const size_t colon = text.find(':');
  return {text.substr(0, colon), colon == std::string::npos ? "" : text.substr(colon + 1)};
}

// One `--fault-at N[:KIND]`; KIND defaults to the first of --faults, else 503.
std::string parseFaultAt(const std::string& spec, const std::vector<std::string>& faults,
                         cc::emulator::FaultAt& fault) {
  const size_t colon = spec.find(':');
  try {
    fault.requestNumber = std::stoull(spec.substr(0, colon));
  } catch (const std::exception&) {
    return "--fault-at '" + spec + "' must be N or N:KIND with N >= 1";
  }
  fault.kind = colon == std::string::npos ? (faults.empty() ? "503" : faults.front()) : spec.substr(colon + 1);
  if (fault.requestNumber == 0 || cc::emulator::parseFaultKind(fault.kind) == cc::emulator::FaultKind::None) {
    return "--fault-at '" + spec + "' must be N or N:KIND with N >= 1 and a known kind";
  }
  return "";
}

std::string applyFaultFlags(const RawFlags& raw, EmulatorOptions& options) {
  for (const std::string& kind : raw.faults) {
    if (cc::emulator::parseFaultKind(kind) == cc::emulator::FaultKind::None) {
      return "unknown fault kind '" + kind +
             "' in --faults; use one of 429, 500, 500-html, 500-empty, 503, drop, reset, commit-drop";
    }
  }
  options.faults = raw.faults;
  for (const std::string& spec : raw.faultAt) {
    cc::emulator::FaultAt fault;
    if (std::string error = parseFaultAt(spec, raw.faults, fault); !error.empty()) return error;
    options.faultAt.push_back(fault);
  }
  return "";
}

// What CLI11 cannot check itself, in the order the flags are documented; "" when all is well.
std::string checkFlags(const RawFlags& raw, EmulatorOptions& options) {
  if (!options.holdPattern.empty()) {
    try {
      std::regex check(options.holdPattern);
    } catch (const std::regex_error& error) {
      return "--hold '" + options.holdPattern + "' is not a valid regular expression: " + error.what();
    }
  }
  if (std::string error = cc::emulator::checkHostileMode(options.hostile); !options.hostile.empty() && !error.empty()) {
    return error;
  }
  if (std::string error = applyFaultFlags(raw, options); !error.empty()) return error;
  for (const std::string& text : raw.repoLayouts) {
    cc::emulator::RepoLayoutRule rule;
    if (std::string error = cc::emulator::parseRepoLayoutRule(text, rule); !error.empty()) return error;
    options.repoLayouts.push_back(rule);
  }
  if (options.tlsCert.empty() != options.tlsKey.empty()) {
    return "--tls-cert and --tls-key go together; pass both or neither";
  }
  return "";
}

/// Fills in the default token and OAuth client; true when the default token is the only one.
bool applyDefaults(const RawFlags& raw, EmulatorOptions& options) {
  const bool defaultToken = options.tokens.empty();
  if (defaultToken) options.tokens.push_back(kDefaultToken);
  std::vector<std::string> clients = raw.clients;
  if (clients.empty()) clients.push_back(kDefaultClient);
  for (const std::string& client : clients) options.clients.push_back(parseClient(client));
  return defaultToken;
}

// Blocks the stop signals before any thread starts, so that only sigwait receives them.
sigset_t blockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

void printBanner(const cc::emulator::Server& server, const EmulatorOptions& options, bool defaultToken) {
  std::cout << "listening on " << server.url() << "\n";
  if (!options.plainHttp) std::cout << "tls-cert: " << server.certificatePath() << "\n";
  std::cout << "token: " << (defaultToken ? kDefaultToken : "(from --token)") << "\n";
  std::cout << "user: " << options.user << "\n";
  std::cout << "oauth-client: " << options.clients.front().id << "\n";
  std::cout << "ready" << std::endl;
}

// SIGUSR1 releases held requests; SIGINT or SIGTERM ends the wait.
void serveUntilStopped(cc::emulator::Server& server, const sigset_t& signals) {
  int received = 0;
  while (sigwait(&signals, &received) == 0 && received == SIGUSR1) {
    const uint64_t released = server.releaseHeld();
    std::cout << "released " << released << std::endl;
  }
}

int fail(const std::string& error) {
  std::cerr << "error: " << error << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  EmulatorOptions options;
  RawFlags raw;
  CLI::App app{"workspace-emulator: a local Databricks workspace (REST API subset) over HTTPS"};
  app.footer(kFooter);
  addFlags(app, options, raw);
  CLI11_PARSE(app, argc, argv);
  if (std::string error = checkFlags(raw, options); !error.empty()) return fail(error);
  const bool defaultToken = applyDefaults(raw, options);
  const sigset_t signals = blockStopSignals();

  cc::emulator::Server server(options);
  if (std::string error = server.start(); !error.empty()) return fail(error);
  printBanner(server, options, defaultToken);
  serveUntilStopped(server, signals);
  server.stop();
  return 0;
}
