#include "providers/authorization_url.h"

#include <array>
#include <string_view>

#include "providers/pkce.h"

namespace cc::providers {
namespace {

constexpr std::array<std::string_view, 7> kCoreParams = {
    "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method"};

bool isUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

bool isCoreAuthorizationParam(const std::string& name) {
  for (const auto core : kCoreParams) {
    if (name == core) return true;
  }
  return false;
}

std::string percentEncodeComponent(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (isUnreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

AuthorizationUrl buildAuthorizationUrl(const AuthorizationRequest& request) {
  AuthorizationUrl result;
  // A fragment never reaches the server; the parameters must go before it.
  result.url = request.endpoint.substr(0, request.endpoint.find('#'));
  std::string separator = "?";
  if (result.url.find('?') != std::string::npos) {
    // An endpoint with a query ("…?p=tenant") keeps it; one ending in '?' or '&' needs no separator.
    separator = (result.url.back() == '?' || result.url.back() == '&') ? "" : "&";
  }
  auto add = [&](const std::string& name, const std::string& value) {
    result.url += separator + percentEncodeComponent(name) + '=' + percentEncodeComponent(value);
    separator = "&";
  };
  add("response_type", "code");
  add("client_id", request.clientId);
  add("redirect_uri", request.redirectUri);
  add("state", request.state);
  if (!request.scope.empty()) add("scope", request.scope);
  if (request.codeChallenge) {
    add("code_challenge", *request.codeChallenge);
    add("code_challenge_method", kPkceMethodS256);
  }
  for (const auto& [name, value] : request.extraParams) {
    if (isCoreAuthorizationParam(name)) {
      result.ignoredExtraParams.push_back(name);
    } else {
      add(name, value);
    }
  }
  return result;
}

}  // namespace cc::providers
