#pragma once
// Plays the user's browser in the u2m tests: takes the authorization URL apart and calls the
// loopback redirect URI the way an identity provider sends the browser back to it.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "providers/authorization_url.h"
#include "providers/http_client.h"

namespace cc::providers::testing {

inline std::string percentDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

/// The authorization URL split into the endpoint and its decoded query, in order.
struct ParsedUrl {
  std::string endpoint;
  QueryParams query;

  std::size_t count(const std::string& name) const {
    std::size_t n = 0;
    for (const auto& [k, v] : query) n += k == name ? 1 : 0;
    return n;
  }
  /// The first value of `name`, or "" when absent.
  std::string get(const std::string& name) const {
    for (const auto& [k, v] : query) {
      if (k == name) return v;
    }
    return "";
  }
};

inline ParsedUrl parseUrl(const std::string& url) {
  ParsedUrl parsed;
  const auto q = url.find('?');
  parsed.endpoint = url.substr(0, q);
  if (q == std::string::npos) return parsed;
  std::size_t start = q + 1;
  while (start <= url.size()) {
    const auto end = std::min(url.find('&', start), url.size());
    const std::string pair = url.substr(start, end - start);
    const auto eq = pair.find('=');
    if (!pair.empty()) parsed.query.emplace_back(percentDecode(pair.substr(0, eq)),
                                                 eq == std::string::npos ? "" : percentDecode(pair.substr(eq + 1)));
    start = end + 1;
  }
  return parsed;
}

/// The port of an http://127.0.0.1:<port>/callback redirect URI, or 0.
inline std::uint16_t portOf(const std::string& redirectUri) {
  const std::string prefix = "http://127.0.0.1:";
  if (redirectUri.rfind(prefix, 0) != 0) return 0;
  return static_cast<std::uint16_t>(std::stoi(redirectUri.substr(prefix.size())));
}

/// GET http://127.0.0.1:<port><path>?<query>: the response (status and page), or status -1.
inline HttpResponse browse(std::uint16_t port, const std::string& path, const QueryParams& query = {}) {
  HttpClientConfig config;
  config.baseUrl = "http://127.0.0.1:" + std::to_string(port);
  config.reuseConnections = false;
  auto client = HttpClient::create(config);
  if (!client) return HttpResponse{-1, "no client", {}, {}};
  HttpRequest request;
  request.path = path;
  request.query = query;
  auto outcome = (*client)->send(request);
  return outcome.ok() ? *outcome.response : HttpResponse{-1, outcome.failure.message, {}, {}};
}

}  // namespace cc::providers::testing
