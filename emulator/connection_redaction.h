#pragma once

#include <string>
#include <vector>

namespace cc::emulator {

/// Which connection option values the API never returns in a response: the well-known
/// credential keys plus `extra`, and for GENERIC_LAKEFLOW_CONNECT every key but `sourceName`
/// and `externalOptionsAllowList`. Also used to mask the request log.
bool isSensitiveOption(const std::string& connectionType, const std::string& key,
                       const std::vector<std::string>& extra);

}  // namespace cc::emulator
