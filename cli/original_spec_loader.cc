#include "cli/original_spec_loader.h"

#include <cstdlib>
#include <filesystem>

#include "cli/original_inputs.h"
#include "cli/original_output.h"
#include "engine/manifest_loader.h"
#include "providers/http_client.h"

namespace cc::cli {
namespace {

constexpr const char* kRawHost = "https://raw.githubusercontent.com";

std::string firstError(const engine::Diagnostics& d) {
  return d.items().empty() ? "unknown error" : d.items().front().summary;
}

// An empty or comment-only file counts as "no spec", as in the original.
std::optional<engine::ConnectorSpec> parseText(const std::string& text, const std::string& name, std::string& error) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  engine::LoaderLimits limits;
  limits.requireMapping = false;
  auto yaml = engine::loadYaml(text, name, limits);
  if (!yaml) {
    error = firstError(yaml.diagnostics());
    return std::nullopt;
  }
  if (yaml->document.is_null()) return std::nullopt;
  auto spec = engine::parseConnectorSpec(yaml->document);
  if (!spec) {
    error = firstError(spec.diagnostics());
    return std::nullopt;
  }
  return std::move(spec).value();
}

std::optional<std::string> fetch(const std::string& url, std::string& error) {
  std::string target = url;
  if (const char* mirror = std::getenv("COMMUNITY_CONNECTOR_SPEC_MIRROR"); mirror != nullptr && *mirror != '\0') {
    if (target.rfind(kRawHost, 0) == 0) target = std::string(mirror) + target.substr(std::string(kRawHost).size());
  }
  const auto schemeEnd = target.find("://");
  const auto pathStart = schemeEnd == std::string::npos ? std::string::npos : target.find('/', schemeEnd + 3);
  if (pathStart == std::string::npos) {
    error = "not an http(s) URL";
    return std::nullopt;
  }
  providers::HttpClientConfig config;
  config.baseUrl = target.substr(0, pathStart);
  config.caFile = providers::caFileFromEnvironment();
  config.connectTimeout = providers::Millis(10000);
  config.readTimeout = providers::Millis(10000);
  config.reuseConnections = false;
  auto client = providers::HttpClient::create(config);
  if (!client) {
    error = client.error().message;
    return std::nullopt;
  }
  providers::HttpRequest request;
  request.path = target.substr(pathStart);
  auto outcome = (*client)->send(request);
  if (!outcome.ok()) {
    error = outcome.failure.message;
    return std::nullopt;
  }
  if (outcome.response->status != 200) {
    error = "HTTP Error " + std::to_string(outcome.response->status) + ": " + outcome.response->reason;
    return std::nullopt;
  }
  return outcome.response->body;
}

}  // namespace

std::optional<engine::ConnectorSpec> loadOriginalConnectorSpec(const std::string& specArgument,
                                                              const std::string& source, std::ostream& err) {
  const auto candidates =
      connectorSpecCandidates(specArgument, source, std::filesystem::current_path(), kDefaultRawBase);
  for (const SpecLookup& c : candidates) {
    std::string error;
    if (c.kind == SpecLookup::Kind::LocalFile) {
      auto text = engine::readSourceText(c.location);
      std::optional<engine::ConnectorSpec> spec;
      if (text) spec = parseText(*text, c.location, error);
      if (spec) return spec;
      if (c.explicitPath && (!text || !error.empty())) {
        err << kWarningPrefix << "Spec file not found or could not be read: " << c.location << "\n";
      }
      if (c.explicitPath) return std::nullopt;
      continue;
    }
    if (c.kind == SpecLookup::Kind::Remote) {
      auto body = fetch(c.location, error);
      std::optional<engine::ConnectorSpec> spec;
      if (body) spec = parseText(*body, c.location, error);
      if (spec) return spec;
      if (!error.empty())
        err << kWarningPrefix << "Could not fetch connector spec from: " << c.location << " (" << error << ")\n";
    }
  }
  return std::nullopt;
}

}  // namespace cc::cli
