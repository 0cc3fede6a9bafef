#pragma once
// One GET of a public file over HTTPS (a connector spec in the connectors repository), with no
// workspace credentials: the fetch behind engine::resolveConnectorSpec's remote candidates.

#include <string>

#include "engine/result.h"

namespace cc::providers {

/// The body of a 200 answer; failures are one line ("HTTP Error 404: Not Found", a connection
/// error). COMMUNITY_CONNECTOR_SPEC_MIRROR, when set, replaces https://raw.githubusercontent.com
/// in the URL fetched (air-gapped mirrors, tests).
engine::Result<std::string> fetchRawFile(const std::string& url);

}  // namespace cc::providers
