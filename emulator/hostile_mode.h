#pragma once
// `--hostile MODE`: every API request (not /__emulator/) gets a malicious answer, so that tests
// can prove the client survives servers that misbehave: bodies far larger than any real answer,
// JSON that does not parse, HTML where JSON belongs, a body dripped one byte at a time, and
// redirects to another host (which a client must never follow with its credentials).

#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServerResponse;
}

namespace cc::emulator {

/// The modes `--hostile` accepts: huge-body, invalid-json, wrong-content-type, slow-drip,
/// redirect (to https://evil.example.com) and redirect=URL.
const std::vector<std::string>& hostileModes();

/// "" when `mode` is one of hostileModes() (redirect=URL included), else an error message.
std::string checkHostileMode(const std::string& mode);

/// The HTTP status the mode answers with (for the request log).
int hostileStatus(const std::string& mode);

/// Writes the mode's answer; returns when it is sent or the client has gone away.
void serveHostile(const std::string& mode, Poco::Net::HTTPServerResponse& out);

}  // namespace cc::emulator
