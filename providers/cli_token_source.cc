#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "providers/cli_token.h"
#include "providers/external_command.h"

namespace cc::providers {
namespace {

// A credential helper may refresh its own token over the network; longer than that is a hang.
constexpr std::chrono::seconds kHelperTimeout{60};
constexpr std::size_t kStderrShown = 600;

ApiError helperError(const std::string& message) { return localError(ApiErrorKind::Auth, message, "", ""); }

std::optional<std::string> stringMember(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

// Fields of "YYYY-MM-DD?HH:MM:SS" at the start of `text`, and where parsing stopped.
std::optional<std::tm> parseDateTime(const std::string& text, std::size_t& end) {
  std::tm tm{};
  int consumed = 0;
  char separator = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &separator,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 7 ||
      (separator != 'T' && separator != 't' && separator != ' '))
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  end = static_cast<std::size_t>(consumed);
  if (end < text.size() && text[end] == '.')
    for (++end; end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])); ++end) {
    }
  return tm;
}

// A time without a zone, as older tools print it: the machine's local time.
std::optional<long long> parseLocalTime(const std::string& text) {
  std::size_t end = 0;
  auto tm = parseDateTime(text, end);
  if (!tm) return std::nullopt;
  tm->tm_isdst = -1;
  return static_cast<long long>(std::mktime(&*tm));
}

class HelperTokenSource final : public CachedTokenSource {
 public:
  using Parser = std::function<ApiResult<FetchedToken>(const std::string&, long long)>;
  HelperTokenSource(const TokenSourceContext& context, std::vector<std::string> argv, std::string fix, Parser parse)
      : CachedTokenSource(context.clock, context.masker), debug_(context.debug), argv_(std::move(argv)),
        fix_(std::move(fix)), parse_(std::move(parse)) {}

 protected:
  ApiResult<FetchedToken> fetch() override {
    debug_.note("running " + commandLine() + " for a token");
    const CommandOutput run = runExternalCommand(argv_, kHelperTimeout);
    if (!run.started) return helperError("cannot run " + argv_[0] + "; " + fix_);
    if (run.timedOut)
      return helperError(commandLine() + " did not finish within " + std::to_string(kHelperTimeout.count()) +
                         " s; " + fix_);
    if (run.exitCode != 0) {
      std::string err = masker().mask(run.err.substr(0, kStderrShown));
      while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
      return helperError(commandLine() + " failed (exit " + std::to_string(run.exitCode) + ")" +
                         (err.empty() ? "" : ": " + err) + "; " + fix_);
    }
    const long long now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto token = parse_(run.out, now);
    if (!token) return helperError(commandLine() + ": " + token.error().message + "; " + fix_);
    return token;
  }

 private:
  std::string commandLine() const {
    std::string s;
    for (const auto& a : argv_) s += (s.empty() ? "" : " ") + a;
    return s;
  }

  DebugLog& debug_;
  std::vector<std::string> argv_;
  std::string fix_;
  Parser parse_;
};

}  // namespace

std::optional<long long> parseRfc3339(const std::string& text) {
  std::size_t end = 0;
  auto tm = parseDateTime(text, end);
  if (!tm || end >= text.size()) return std::nullopt;
  long long offset = 0;
  const std::string zone = text.substr(end);
  if (zone != "Z" && zone != "z") {
    int hours = 0, minutes = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
        std::sscanf(zone.c_str() + 1, "%2d:%2d", &hours, &minutes) != 2)
      return std::nullopt;
    offset = (zone[0] == '-' ? -1 : 1) * (hours * 3600LL + minutes * 60LL);
  }
  return static_cast<long long>(timegm(&*tm)) - offset;
}

ApiResult<FetchedToken> parseDatabricksCliToken(const std::string& json, long long nowEpochSeconds) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return helperError("its output is not a JSON object");
  auto access = stringMember(j, "access_token");
  if (!access) return helperError("its output has no access_token");
  FetchedToken token;
  token.accessToken = *access;
  token.tokenType = stringMember(j, "token_type").value_or("Bearer");
  auto expiry = stringMember(j, "expiry");
  auto at = expiry ? parseRfc3339(*expiry) : std::nullopt;
  if (!at && expiry) at = parseLocalTime(*expiry);  // older CLIs: "YYYY-MM-DD HH:MM:SS"
  if (!at) return helperError("its output has no readable expiry (RFC 3339 time expected)");
  token.lifetimeSeconds = *at - nowEpochSeconds;
  return token;
}

ApiResult<FetchedToken> parseAzureCliToken(const std::string& json, long long nowEpochSeconds) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return helperError("its output is not a JSON object");
  auto access = stringMember(j, "accessToken");
  if (!access) return helperError("its output has no accessToken");
  FetchedToken token;
  token.accessToken = *access;
  token.tokenType = stringMember(j, "tokenType").value_or("Bearer");
  std::optional<long long> at;
  if (auto it = j.find("expires_on"); it != j.end() && it->is_number_integer()) at = it->get<long long>();
  if (auto local = stringMember(j, "expiresOn"); !at && local) at = parseLocalTime(*local);
  if (!at) return helperError("its output has no readable expires_on or expiresOn");
  token.lifetimeSeconds = *at - nowEpochSeconds;
  return token;
}

std::unique_ptr<TokenSource> makeDatabricksCliTokenSource(const std::string& cliPath, const std::string& host,
                                                          const TokenSourceContext& context) {
  return std::make_unique<HelperTokenSource>(
      context, std::vector<std::string>{cliPath, "auth", "token", "--host", host},
      "sign in with `databricks auth login --host " + host + "`, or set DATABRICKS_TOKEN", parseDatabricksCliToken);
}

std::unique_ptr<TokenSource> makeAzureCliTokenSource(const std::string& azPath, const TokenSourceContext& context) {
  return std::make_unique<HelperTokenSource>(
      context,
      std::vector<std::string>{azPath, "account", "get-access-token", "--resource", kAzureDatabricksResource,
                               "--output", "json"},
      "sign in with `az login`, or set DATABRICKS_TOKEN", parseAzureCliToken);
}

}  // namespace cc::providers
