#pragma once
// The version string, as the original tool printed it (scripts parse it).

#include <string_view>

namespace cc::cli {

std::string_view versionLine();
/// Compiler and build type, for `--version --debug` and bug reports.
std::string_view buildInfo();

}  // namespace cc::cli
