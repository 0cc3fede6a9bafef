#pragma once
// `user:password@` in a workspace URL: refused wherever a host enters (manifest, flags,
// environment, profiles) and never printed. One parser for every place that checks.

#include <string>
#include <string_view>

namespace cc::engine {

/// Whether the URL's authority (between "://" and the first '/', '?' or '#') holds an '@'.
bool hasUserInfo(std::string_view url);

/// The URL with its user information replaced by "***" ("https://***@host"), safe to print.
std::string withoutUserInfo(std::string_view url);

}  // namespace cc::engine
