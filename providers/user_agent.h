#pragma once
// The User-Agent every request carries: product/version, OS, auth type, CI provider.

#include <string>

namespace cc::providers {

/// e.g. "community-connector/0.1.0 os/linux auth/pat cicd/github"; `authType` may be empty.
std::string userAgent(const std::string& authType);

/// The CI provider detected from the environment ("github", "gitlab", …), or "".
std::string detectCiProvider();

}  // namespace cc::providers
