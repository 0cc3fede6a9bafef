#pragma once
// Which workspace and which credentials, resolved as the Databricks CLI does:
// flags > DATABRICKS_HOST/TOKEN > DATABRICKS_CLIENT_ID/SECRET > ARM_CLIENT_ID/SECRET/TENANT_ID
// > a ~/.databrickscfg profile (DATABRICKS_CONFIG_PROFILE or the manifest's workspace.profile);
// with none of those, a logged-in Databricks CLI (or, on Azure hosts, the Azure CLI). A
// function of its inputs (the environment, files, executables on PATH), so every rule is
// unit-tested with fixture files and environments. It runs nothing: tokens are fetched later.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.h"
#include "engine/secret.h"

namespace cc::providers {

enum class AuthType { Pat, OAuthM2M, DatabricksCli, AzureCli, AzureClientSecret };
/// "pat", "oauth-m2m", "databricks-cli", "azure-cli", "azure-client-secret", as the SDKs name them.
const char* authTypeName(AuthType type);

/// What the user asked for explicitly: global flags and the manifest's `workspace` section.
struct AuthRequest {
  std::optional<std::string> flagHost;
  std::optional<std::string> flagProfile;
  std::optional<std::string> manifestHost;
  std::optional<std::string> manifestProfile;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
/// Returns a file's content, or nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

/// Where one value came from, for `auth describe`: e.g. {"host", "env DATABRICKS_HOST"}.
struct ValueSource {
  std::string attribute;
  std::string source;
};

/// The outcome: a host and one credential. Secrets stay in engine::Secret.
struct ResolvedAuth {
  std::string host;  // normalised: scheme://host[:port]
  AuthType type = AuthType::Pat;
  engine::Secret token;         // pat
  std::string clientId;         // oauth-m2m
  engine::Secret clientSecret;  // oauth-m2m
  std::string helperPath;       // databricks-cli, azure-cli: the executable to run
  std::string azureClientId;        // azure-client-secret
  engine::Secret azureClientSecret; // azure-client-secret
  std::string azureTenantId;        // azure-client-secret
  std::string azureLoginUrl;        // azure-client-secret: the Entra ID authority, scheme://host
  std::string profile;          // the profile used, or ""
  std::string configFile;       // the config file consulted, or ""
  std::vector<ValueSource> sources;
};

/// Resolves, or fails with one error that lists everything that was tried.
engine::Result<ResolvedAuth> resolveAuth(const AuthRequest& request, const EnvLookup& env, const FileReader& readFile);

/// Whether a host is an Azure Databricks workspace (where the Azure CLI can sign in).
bool isAzureHost(const std::string& normalizedHost);

/// GO's normalisation: add https:// when there is no scheme, keep only scheme://host[:port].
std::string normalizeHost(const std::string& host);

/// The real environment and file system.
EnvLookup processEnv();
FileReader realFileReader();

}  // namespace cc::providers
