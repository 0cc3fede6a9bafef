#pragma once

#include <string>
#include <vector>

namespace cc::emulator {

/// Which connection option values the API never returns in a response: the well-known
/// credential and OAuth grant keys plus `extra`; for GENERIC_LAKEFLOW_CONNECT every key but
/// `sourceName` and `externalOptionsAllowList`; for COMMUNITY every key but those two and the
/// non-secret OAuth settings (`client_id`, `token_endpoint`, …). Also masks the request log.
bool isSensitiveOption(const std::string& connectionType, const std::string& key,
                       const std::vector<std::string>& extra);

}  // namespace cc::emulator
