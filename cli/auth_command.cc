// `auth describe`: which host and credentials the tool would use, and where each value came
// from (flag, environment variable, profile file and section). Never prints a secret.
#include <filesystem>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "providers/auth.h"
#include "render/result_json.h"

namespace cc::cli {
namespace {

std::optional<std::string> workspaceMember(const engine::Manifest& m, const char* key) {
  const auto& doc = m.document;
  if (!doc.contains("workspace") || !doc["workspace"].is_object()) return std::nullopt;
  auto it = doc["workspace"].find(key);
  if (it == doc["workspace"].end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

bool isSecret(const std::string& attribute) {
  return attribute == "token" || attribute == "client_secret" || attribute == "azure_client_secret";
}

// --format json: the facts of the text form, one key each; a secret is named, never shown.
void printAuthJson(const providers::ResolvedAuth& a, const std::optional<engine::Manifest>& manifest, Console& console) {
  nlohmann::json doc = {{"format_version", render::kResultJsonFormatVersion},
                        {"host", a.host},
                        {"auth_type", providers::authTypeName(a.type)}};
  if (!a.profile.empty()) doc["profile"] = {{"name", a.profile}, {"config_file", a.configFile}};
  if (a.type == providers::AuthType::OAuthM2M) doc["client_id"] = a.clientId;
  if (a.type == providers::AuthType::AzureClientSecret)
    doc["azure"] = {{"client_id", a.azureClientId}, {"tenant_id", a.azureTenantId}, {"login_url", a.azureLoginUrl}};
  if (!a.helperPath.empty()) doc["helper"] = a.helperPath;
  if (manifest) {
    doc["manifest"] = manifest->file;
    doc["deployment"] = {{"id", manifest->deployment.id()}, {"state_folder", manifest->deployment.stateFolder()}};
  }
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : a.sources)
    sources.push_back({{"attribute", s.attribute}, {"source", s.source}, {"sensitive", isSecret(s.attribute)}});
  doc["sources"] = std::move(sources);
  render::printJson(doc, console.out);
}

}  // namespace

int runAuthDescribe(const GlobalOptions& global, const AuthDescribeOptions& options, Console& console) {
  const ManifestOptions& manifestOptions = options.manifest;
  providers::AuthRequest request;
  request.flagHost = global.host;
  request.flagProfile = global.profile;
  // With a manifest (-f, or ./connectors.yaml), what `plan` would use: its workspace section
  // and environment, and the deployment's state folder.
  std::optional<engine::Manifest> manifest;
  if (manifestOptions.file != "connectors.yaml" || std::filesystem::exists(manifestOptions.file)) {
    render::DiagnosticPrinter printer(console.color);
    manifest = loadManifestOrReport(manifestOptions, printer, console, ManifestWarnings::Quiet);
    if (!manifest) return toInt(ExitCode::Error);
    request.manifestHost = workspaceMember(*manifest, "host");
    request.manifestProfile = workspaceMember(*manifest, "profile");
  }
  auto auth = providers::resolveAuth(request, providers::processEnv(), providers::realFileReader());
  if (!auth) {
    for (const auto& d : auth.diagnostics().items()) {
      console.err << "error: " << d.summary << "\n";
      if (!d.detail.empty()) console.err << "  " << d.detail << "\n";
    }
    return toInt(ExitCode::Error);
  }
  const auto& a = auth.value();
  if (options.format == "json") {
    printAuthJson(a, manifest, console);
    return toInt(ExitCode::Ok);
  }
  console.out << "host:      " << a.host << "\n";
  console.out << "auth type: " << providers::authTypeName(a.type) << "\n";
  if (!a.profile.empty()) console.out << "profile:   " << a.profile << " (" << a.configFile << ")\n";
  if (a.type == providers::AuthType::OAuthM2M) console.out << "client id: " << a.clientId << "\n";
  if (a.type == providers::AuthType::AzureClientSecret)
    console.out << "client id: " << a.azureClientId << " (tenant " << a.azureTenantId << ", " << a.azureLoginUrl << ")\n";
  if (!a.helperPath.empty()) console.out << "helper:    " << a.helperPath << "\n";
  if (manifest) {
    console.out << "manifest:  " << manifest->file << "\n";
    console.out << "deployment: " << manifest->deployment.id() << " (state: " << manifest->deployment.stateFolder() << ")\n";
  }
  console.out << "sources:\n";
  for (const auto& s : a.sources) {
    console.out << "  " << s.attribute << ": " << (isSecret(s.attribute) ? "(sensitive) " : "") << "from " << s.source << "\n";
  }
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
