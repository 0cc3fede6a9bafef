#include "providers/auth.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/url_user_info.h"
#include "providers/config_file.h"
#include "providers/external_command.h"

namespace cc::providers {
namespace {

struct Attr {
  std::string value;
  std::string source;
  bool set() const { return !value.empty(); }
};

// Attribute name in ~/.databrickscfg → the environment variable that sets it.
const std::pair<const char*, const char*> kAttrs[] = {
    {"host", "DATABRICKS_HOST"},
    {"token", "DATABRICKS_TOKEN"},
    {"client_id", "DATABRICKS_CLIENT_ID"},
    {"client_secret", "DATABRICKS_CLIENT_SECRET"},
    {"auth_type", "DATABRICKS_AUTH_TYPE"},
    {"azure_client_id", "ARM_CLIENT_ID"},
    {"azure_client_secret", "ARM_CLIENT_SECRET"},
    {"azure_tenant_id", "ARM_TENANT_ID"},
    {"azure_environment", "ARM_ENVIRONMENT"},
    {"databricks_cli_path", "DATABRICKS_CLI_PATH"},
};

// The Entra ID authority of each Azure cloud (azure_environment), as the SDKs map them.
const std::pair<const char*, const char*> kAzureAuthorities[] = {
    {"PUBLIC", "https://login.microsoftonline.com"},
    {"USGOVERNMENT", "https://login.microsoftonline.us"},
    {"CHINA", "https://login.chinacloudapi.cn"},
};

constexpr std::uintmax_t kLegacyCliBytes = 1024 * 1024;

const char* const kAuthTypes = "pat, oauth-m2m, azure-client-secret, databricks-cli or azure-cli";

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string joinList(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

bool hasControlCharacter(const std::string& value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

class Resolver {
 public:
  Resolver(const AuthRequest& request, const EnvLookup& env, const FileReader& readFile)
      : request_(request), env_(env), readFile_(readFile) {}

  engine::Result<ResolvedAuth> run();

 private:
  std::string env(const std::string& name) const {
    auto v = env_ ? env_(name) : std::nullopt;
    return v ? *v : std::string();  // an empty variable counts as unset
  }
  void setIfUnset(const std::string& attr, const std::string& value, const std::string& source) {
    Attr& a = attrs_[attr];
    if (!a.set() && !value.empty()) a = {value, source};
  }
  void fillFromEnv() {
    for (const auto& [attr, var] : kAttrs) setIfUnset(attr, env(var), std::string("env ") + var);
  }
  bool anyAuthSet() const {
    for (const char* a : {"token", "client_id", "client_secret", "azure_client_id", "azure_client_secret"})
      if (attrs_.count(a) && attrs_.at(a).set()) return true;
    return false;
  }
  const ConfigFile* file() {
    if (!fileLoaded_) {
      fileLoaded_ = true;
      if (auto text = readFile_ ? readFile_(path_) : std::nullopt) config_ = parseConfigFile(*text);
    }
    return config_ ? &*config_ : nullptr;
  }
  bool isSet(const char* attr) const {
    auto it = attrs_.find(attr);
    return it != attrs_.end() && it->second.set();
  }
  struct Methods {
    bool pat = false;
    bool oauth = false;
    bool azureSecret = false;
    bool helpers = false;  // no credential given: a logged-in CLI may provide one
  };

  void locateConfigFile();
  /// Fills attrs_ from flags, the environment and at most one profile, highest precedence first.
  std::optional<engine::Diagnostics> gatherAttributes();
  /// Without --profile: the profile the environment or manifest names, else the one whose host
  /// matches, else __settings__ default_profile or DEFAULT.
  std::optional<engine::Diagnostics> loadImplicitProfile();
  std::optional<engine::Diagnostics> loadProfile(const std::string& name, const std::string& why, bool explicitChoice);
  std::optional<engine::Diagnostics> matchProfileByHost();
  std::optional<engine::Diagnostics> resolveHost(ResolvedAuth& out);
  std::optional<engine::Diagnostics> refuseUnsafeValues(const std::string& host) const;
  /// Which credential kinds the attributes allow, narrowed by auth_type when it is set.
  engine::Result<Methods> chooseMethods(ResolvedAuth& out);
  engine::Result<ResolvedAuth> resolveCredential(ResolvedAuth out);
  engine::Result<ResolvedAuth> resolveOAuthM2M(ResolvedAuth out);
  engine::Result<ResolvedAuth> resolveAzureClientSecret(ResolvedAuth out);
  /// databricks-cli (explicit, or any host) or azure-cli (explicit, or an Azure host): the
  /// helper program must be found, else the error says what was looked for.
  engine::Result<ResolvedAuth> resolveHelper(ResolvedAuth out, const std::string& explicitType);
  std::optional<std::string> findHelper(const std::string& name, const char* pathAttr);
  engine::Diagnostics failure(const std::string& summary) const {
    engine::Diagnostics d;
    d.error(summary, std::nullopt,
            "tried: " + joinList(tried_, "; ") +
                ". Set DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET), "
                "pass --profile NAME (-p) naming a profile in " + path_ +
                ", or sign in with `databricks auth login --host HOST`");
    return d;
  }

  const AuthRequest& request_;
  const EnvLookup& env_;
  const FileReader& readFile_;
  std::map<std::string, Attr> attrs_;
  std::vector<std::string> tried_;
  std::string path_;
  std::string profileUsed_;
  bool fileLoaded_ = false;
  std::optional<ConfigFile> config_;
};

std::optional<engine::Diagnostics> Resolver::loadProfile(const std::string& name, const std::string& why, bool explicitChoice) {
  const ConfigFile* cfg = file();
  const auto* section = cfg ? cfg->section(name) : nullptr;
  if (section == nullptr || name == "__settings__") {
    tried_.push_back("profile [" + name + "] (" + why + ") in " + path_ + ": " +
                     (cfg ? "no such profile" : "file not found"));
    if (!explicitChoice) return std::nullopt;
    engine::Diagnostics d;
    d.error(path_ + " has no " + name + " profile configured", std::nullopt,
            "add a [" + name + "] section with host and token, or name another profile (" + why + ")");
    return d;
  }
  tried_.push_back("profile [" + name + "] (" + why + ") in " + path_);
  profileUsed_ = name;
  for (const auto& [attr, var] : kAttrs) {
    auto it = section->find(attr);
    if (it != section->end()) setIfUnset(attr, it->second, "profile [" + name + "] in " + path_);
  }
  return std::nullopt;
}

std::optional<engine::Diagnostics> Resolver::matchProfileByHost() {
  const ConfigFile* cfg = file();
  if (cfg == nullptr) return std::nullopt;
  const std::string want = normalizeHost(attrs_["host"].value);
  std::vector<std::string> matches;
  for (const auto& name : cfg->order) {
    const auto* s = cfg->section(name);
    auto it = s->find("host");
    if (name != "__settings__" && it != s->end() && normalizeHost(it->second) == want) matches.push_back(name);
  }
  if (matches.size() > 1) {
    engine::Diagnostics d;
    d.error(engine::withoutUserInfo(want) + ": multiple profiles matched: " + joinList(matches, ", "), std::nullopt,
            "please set DATABRICKS_CONFIG_PROFILE or provide --profile flag to specify one");
    return d;
  }
  if (matches.empty()) {
    tried_.push_back("profiles of " + path_ + " with host " + engine::withoutUserInfo(want) + ": none");
    return std::nullopt;
  }
  return loadProfile(matches[0], "matched by host", true);
}

// Values that become request headers or the URL must not smuggle a header (CR/LF) or carry
// credentials in the host (user:password@), which would be printed wherever the host is.
// The messages name where a value came from, never the value.
std::optional<engine::Diagnostics> Resolver::refuseUnsafeValues(const std::string& host) const {
  engine::Diagnostics d;
  const Attr& hostAttr = attrs_.at("host");
  if (engine::hasUserInfo(host)) {
    d.error("the workspace host from " + hostAttr.source + " holds user information (user:password@)", std::nullopt,
            "remove it from the host; credentials belong in DATABRICKS_TOKEN, DATABRICKS_CLIENT_SECRET or a profile");
  }
  for (const char* name : {"host", "token", "client_id", "client_secret", "azure_client_id", "azure_client_secret",
                           "azure_tenant_id", "databricks_cli_path"}) {
    auto it = attrs_.find(name);
    if (it == attrs_.end() || !it->second.set() || !hasControlCharacter(it->second.value)) continue;
    d.error(std::string("the ") + name + " from " + it->second.source +
                " contains a control character (a line break, say), which would corrupt the request's headers",
            std::nullopt, "set it again without line breaks, e.g. without a trailing newline from a file");
  }
  if (d.empty()) return std::nullopt;
  return d;
}

engine::Result<ResolvedAuth> Resolver::run() {
  locateConfigFile();
  if (auto err = gatherAttributes()) return std::move(*err);
  ResolvedAuth out;
  out.profile = profileUsed_;
  out.configFile = fileLoaded_ && config_ ? path_ : "";
  if (auto err = resolveHost(out)) return std::move(*err);
  return resolveCredential(std::move(out));
}

void Resolver::locateConfigFile() {
  path_ = env("DATABRICKS_CONFIG_FILE");
  if (path_.empty()) path_ = "~/.databrickscfg";
  if (path_.rfind("~/", 0) == 0) path_ = env("HOME") + path_.substr(1);
}

std::optional<engine::Diagnostics> Resolver::gatherAttributes() {
  if (request_.flagHost) setIfUnset("host", *request_.flagHost, "flag --host");
  if (request_.flagProfile) {
    // An explicitly chosen profile wins over auth env vars, which only fill gaps.
    if (auto err = loadProfile(*request_.flagProfile, "flag --profile", true)) return err;
    fillFromEnv();
    return std::nullopt;
  }
  tried_.push_back(request_.flagHost ? "flag --host" : "flags --host/--profile: not given");
  fillFromEnv();
  tried_.push_back(std::string("DATABRICKS_HOST/DATABRICKS_TOKEN: ") +
                   (env("DATABRICKS_HOST").empty() ? "DATABRICKS_HOST unset" : "DATABRICKS_HOST set") + ", " +
                   (env("DATABRICKS_TOKEN").empty() ? "DATABRICKS_TOKEN unset" : "DATABRICKS_TOKEN set"));
  tried_.push_back(std::string("DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET: ") +
                   (env("DATABRICKS_CLIENT_ID").empty() && env("DATABRICKS_CLIENT_SECRET").empty() ? "unset" : "set"));
  if (request_.manifestHost) setIfUnset("host", *request_.manifestHost, "manifest workspace.host");
  return loadImplicitProfile();
}

std::optional<engine::Diagnostics> Resolver::loadImplicitProfile() {
  std::string profile = env("DATABRICKS_CONFIG_PROFILE");
  std::string why = "env DATABRICKS_CONFIG_PROFILE";
  if (profile.empty() && request_.manifestProfile) {
    profile = *request_.manifestProfile;
    why = "manifest workspace.profile";
  }
  if (!profile.empty()) return loadProfile(profile, why, true);
  // The file is skipped when credentials came from elsewhere.
  if (anyAuthSet()) return std::nullopt;
  if (attrs_["host"].set()) return matchProfileByHost();
  tried_.push_back("DATABRICKS_CONFIG_PROFILE / manifest workspace.profile: unset");
  const ConfigFile* cfg = file();
  const auto* settings = cfg ? cfg->section("__settings__") : nullptr;
  auto it = settings ? settings->find("default_profile") : decltype(settings->end()){};
  if (settings && it != settings->end() && !it->second.empty())
    return loadProfile(it->second, "__settings__ default_profile", true);
  return loadProfile("DEFAULT", "fallback", false);  // not explicit: a missing DEFAULT is no error
}

std::optional<engine::Diagnostics> Resolver::resolveHost(ResolvedAuth& out) {
  if (!attrs_["host"].set()) return failure("no databricks host configured");
  out.host = normalizeHost(attrs_["host"].value);
  out.sources.push_back({"host", attrs_["host"].source});
  // A manifest that names its workspace is never applied to another one by accident.
  if (request_.manifestHost && normalizeHost(*request_.manifestHost) != out.host) {
    engine::Diagnostics d;
    d.error("the manifest's workspace.host is " + normalizeHost(*request_.manifestHost) + ", but " +
                attrs_["host"].source + " names " + out.host,
            std::nullopt,
            "unset DATABRICKS_HOST or choose a profile for that workspace, or change workspace.host (per environment "
            "under environments:)");
    return d;
  }
  return refuseUnsafeValues(out.host);
}

engine::Result<Resolver::Methods> Resolver::chooseMethods(ResolvedAuth& out) {
  Methods m{isSet("token"), isSet("client_id") || isSet("client_secret"),
            isSet("azure_client_id") || isSet("azure_client_secret")};
  m.helpers = !m.pat && !m.oauth && !m.azureSecret;
  const std::string authType = attrs_["auth_type"].value;
  if (authType.empty()) return m;
  out.sources.push_back({"auth_type", attrs_["auth_type"].source});
  // An explicit auth type narrows the choice to that one method.
  Methods only;
  if (authType == "pat") only.pat = true;
  else if (authType == "oauth-m2m") only.oauth = true;
  else if (authType == "azure-client-secret") only.azureSecret = true;
  else if (authType == "databricks-cli" || authType == "azure-cli") only.helpers = true;
  else {
    engine::Diagnostics d;
    d.error("auth type \"" + authType + "\" is not supported (" + attrs_["auth_type"].source + ")", std::nullopt,
            std::string("use auth_type ") + kAuthTypes + ", or remove it");
    return d;
  }
  return only;
}

engine::Result<ResolvedAuth> Resolver::resolveCredential(ResolvedAuth out) {
  auto methods = chooseMethods(out);
  if (!methods) return methods.diagnostics();
  const int chosen = int(methods->pat) + int(methods->oauth) + int(methods->azureSecret);
  if (chosen > 1) {
    std::vector<std::string> kinds, names;
    if (methods->oauth) kinds.push_back("oauth");
    if (methods->azureSecret) kinds.push_back("azure-client-secret");
    if (methods->pat) kinds.push_back("pat");
    for (const char* attr : {"token", "client_id", "client_secret", "azure_client_id", "azure_client_secret"})
      if (isSet(attr)) names.push_back(std::string(attr) + " from " + attrs_[attr].source);
    engine::Diagnostics d;
    d.error("validate: more than one authorization method configured: " + joinList(kinds, " and "), std::nullopt,
            joinList(names, ", ") + "; keep one, or set DATABRICKS_AUTH_TYPE");
    return d;
  }
  if (methods->pat && isSet("token")) {
    out.type = AuthType::Pat;
    out.token = engine::Secret(attrs_["token"].value, attrs_["token"].source);
    out.sources.push_back({"token", attrs_["token"].source});
    return out;
  }
  if (methods->oauth && (isSet("client_id") || isSet("client_secret"))) return resolveOAuthM2M(std::move(out));
  if (methods->azureSecret && (isSet("azure_client_id") || isSet("azure_client_secret")))
    return resolveAzureClientSecret(std::move(out));
  if (methods->helpers) return resolveHelper(std::move(out), attrs_["auth_type"].value);
  return failure("no databricks credentials configured for " + out.host);
}

engine::Result<ResolvedAuth> Resolver::resolveOAuthM2M(ResolvedAuth out) {
  const Attr& clientId = attrs_["client_id"];
  const Attr& clientSecret = attrs_["client_secret"];
  if (!clientId.set() || !clientSecret.set()) {
    engine::Diagnostics d;
    d.error(std::string("oauth-m2m needs both a client id and a client secret; ") +
                (clientId.set() ? "DATABRICKS_CLIENT_SECRET" : "DATABRICKS_CLIENT_ID") + " is missing",
            std::nullopt, "set both DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (or client_id and client_secret in the profile)");
    return d;
  }
  out.type = AuthType::OAuthM2M;
  out.clientId = clientId.value;
  out.clientSecret = engine::Secret(clientSecret.value, clientSecret.source);
  out.sources.push_back({"client_id", clientId.source});
  out.sources.push_back({"client_secret", clientSecret.source});
  return out;
}

engine::Result<ResolvedAuth> Resolver::resolveAzureClientSecret(ResolvedAuth out) {
  std::vector<std::string> missing;
  for (const auto& [attr, var] : {std::pair{"azure_client_id", "ARM_CLIENT_ID"}, {"azure_client_secret", "ARM_CLIENT_SECRET"},
                                  {"azure_tenant_id", "ARM_TENANT_ID"}})
    if (!isSet(attr)) missing.push_back(std::string(var) + " (" + attr + ")");
  engine::Diagnostics d;
  if (!missing.empty())
    d.error("azure-client-secret needs a client id, a client secret and a tenant id; missing: " + joinList(missing, ", "),
            std::nullopt, "set ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID, or azure_client_id, "
                          "azure_client_secret and azure_tenant_id in the profile");
  std::string authority = env("AZURE_AUTHORITY_HOST");
  const std::string cloud = attrs_["azure_environment"].set() ? upper(attrs_["azure_environment"].value) : "PUBLIC";
  for (const auto& [name, url] : kAzureAuthorities)
    if (authority.empty() && cloud == name) authority = url;
  if (authority.empty())
    d.error("azure_environment \"" + attrs_["azure_environment"].value + "\" (" + attrs_["azure_environment"].source +
                ") is not an Azure cloud", std::nullopt, "use PUBLIC, USGOVERNMENT or CHINA, or remove it");
  if (!d.empty()) return d;
  out.type = AuthType::AzureClientSecret;
  out.azureClientId = attrs_["azure_client_id"].value;
  out.azureClientSecret = engine::Secret(attrs_["azure_client_secret"].value, attrs_["azure_client_secret"].source);
  out.azureTenantId = attrs_["azure_tenant_id"].value;
  out.azureLoginUrl = normalizeHost(authority);
  for (const char* attr : {"azure_client_id", "azure_client_secret", "azure_tenant_id"})
    out.sources.push_back({attr, attrs_[attr].source});
  return out;
}

std::optional<std::string> Resolver::findHelper(const std::string& name, const char* pathAttr) {
  const bool pinned = pathAttr != nullptr && isSet(pathAttr);
  const std::string program = pinned ? attrs_[pathAttr].value : name;
  // On PATH, a `databricks` under 1 MB is the legacy Python CLI, which has no `auth token`.
  const std::uintmax_t minBytes = !pinned && name == "databricks" ? kLegacyCliBytes : 0;
  auto found = findExecutable(program, env("PATH"), minBytes);
  std::string note = "not found";
  if (!found && minBytes > 0 && findExecutable(program, env("PATH")))
    note = "only the legacy Python CLI (under 1 MB), which cannot sign in";
  tried_.push_back(pinned ? name + " CLI at " + program + " (" + attrs_[pathAttr].source + "): " +
                                (found ? "found" : "not an executable file")
                          : name + " CLI on PATH: " + (found ? "found at " + *found : note));
  return found;
}

engine::Result<ResolvedAuth> Resolver::resolveHelper(ResolvedAuth out, const std::string& explicitType) {
  if (explicitType != "azure-cli") {
    if (auto cli = findHelper("databricks", "databricks_cli_path")) {
      out.type = AuthType::DatabricksCli;
      out.helperPath = *cli;
      out.sources.push_back({"token", "databricks auth token --host " + out.host});
      return out;
    }
    if (explicitType == "databricks-cli")
      return failure("auth type databricks-cli: the Databricks CLI was not found");
  }
  if (explicitType == "azure-cli" || isAzureHost(out.host)) {
    if (auto az = findHelper("az", nullptr)) {
      out.type = AuthType::AzureCli;
      out.helperPath = *az;
      out.sources.push_back({"token", "az account get-access-token"});
      return out;
    }
    if (explicitType == "azure-cli") return failure("auth type azure-cli: the Azure CLI (az) was not found");
  } else {
    tried_.push_back("azure CLI: " + out.host + " is not an Azure Databricks host");
  }
  return failure("no databricks credentials configured for " + out.host);
}

}  // namespace

const char* authTypeName(AuthType type) {
  switch (type) {
    case AuthType::Pat: return "pat";
    case AuthType::OAuthM2M: return "oauth-m2m";
    case AuthType::DatabricksCli: return "databricks-cli";
    case AuthType::AzureCli: return "azure-cli";
    case AuthType::AzureClientSecret: return "azure-client-secret";
  }
  return "pat";
}

bool isAzureHost(const std::string& host) {
  auto endsWith = [&host](const std::string& suffix) {
    return host.size() >= suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return endsWith(".azuredatabricks.net") || endsWith(".databricks.azure.us") || endsWith(".databricks.azure.cn");
}

std::string normalizeHost(const std::string& hostIn) {
  std::string host = hostIn;
  while (!host.empty() && (host.back() == ' ' || host.back() == '\n')) host.pop_back();
  if (host.find("://") == std::string::npos) host = "https://" + host;
  const auto schemeEnd = host.find("://") + 3;
  const auto pathStart = host.find_first_of("/?#", schemeEnd);
  if (pathStart != std::string::npos) host = host.substr(0, pathStart);
  if (host.size() > 4 && host.compare(host.size() - 4, 4, ":443") == 0 && host.rfind("https://", 0) == 0)
    host = host.substr(0, host.size() - 4);
  for (std::size_t i = 0; i < schemeEnd; ++i) host[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(host[i])));
  return host;
}

engine::Result<ResolvedAuth> resolveAuth(const AuthRequest& request, const EnvLookup& env, const FileReader& readFile) {
  return Resolver(request, env, readFile).run();
}

EnvLookup processEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

FileReader realFileReader() {
  return [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
}

}  // namespace cc::providers
