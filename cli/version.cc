#include "cli/version.h"

namespace cc::cli {

std::string_view versionLine() { return "community-connector, version " CC_VERSION; }
std::string_view buildInfo() { return CC_BUILD_INFO; }

}  // namespace cc::cli
