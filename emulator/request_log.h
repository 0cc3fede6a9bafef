#pragma once

#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace cc::emulator {

struct HttpRequest;
struct HttpResponse;

/// `--request-log FILE`: one JSON object per line (seq, method, path, query, authorization,
/// body, status, response, latency_ms, fault). Authorization headers, secret connection option
/// values, client secrets and access tokens are replaced by a fixed mask before writing.
class RequestLog {
 public:
  explicit RequestLog(std::vector<std::string> sensitiveOptions)
      : sensitiveOptions_(std::move(sensitiveOptions)) {}

  /// Opens FILE for appending; returns an error message, empty on success.
  std::string open(const std::string& path);
  bool enabled() const { return out_.is_open(); }

  void write(uint64_t seq, const HttpRequest& request, int status, const std::string& responseBody,
             double latencyMs, const std::string& fault);

 private:
  std::vector<std::string> sensitiveOptions_;
  std::mutex mutex_;
  std::ofstream out_;
};

/// The mask that replaces every secret in the log.
inline constexpr const char* kLogMask = "(masked)";

}  // namespace cc::emulator
