#include "providers/raw_file_fetch.h"

#include <cstdlib>

#include "providers/http_client.h"

namespace cc::providers {
namespace {

constexpr const char* kRawHost = "https://raw.githubusercontent.com";

std::string mirrored(const std::string& url) {
  const char* mirror = std::getenv("COMMUNITY_CONNECTOR_SPEC_MIRROR");
  if (mirror == nullptr || *mirror == '\0' || url.rfind(kRawHost, 0) != 0) return url;
  return std::string(mirror) + url.substr(std::string(kRawHost).size());
}

}  // namespace

engine::Result<std::string> fetchRawFile(const std::string& url) {
  using R = engine::Result<std::string>;
  const std::string target = mirrored(url);
  const auto schemeEnd = target.find("://");
  const auto pathStart = schemeEnd == std::string::npos ? std::string::npos : target.find('/', schemeEnd + 3);
  if (pathStart == std::string::npos) return R::failure("not an http(s) URL");
  HttpClientConfig config;
  config.baseUrl = target.substr(0, pathStart);
  config.caFile = caFileFromEnvironment();
  config.connectTimeout = Millis(10000);
  config.readTimeout = Millis(10000);
  config.reuseConnections = false;
  auto client = HttpClient::create(config);
  if (!client) return R::failure(client.error().message);
  HttpRequest request;
  request.path = target.substr(pathStart);
  auto outcome = (*client)->send(request);
  if (!outcome.ok()) return R::failure(outcome.failure.message);
  if (outcome.response->status != 200)
    return R::failure("HTTP Error " + std::to_string(outcome.response->status) + ": " + outcome.response->reason);
  return R(std::move(outcome.response->body));
}

}  // namespace cc::providers
