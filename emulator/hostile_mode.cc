#include "emulator/hostile_mode.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <thread>

namespace cc::emulator {
namespace {

constexpr const char* kRedirectDefault = "https://evil.example.com/api/2.0/steal";

// What to send: `head`, then `filler` `repeats` times (pausing `pauseMs` before each), then
// `tail`. The length is never announced (chunked), so a client cannot refuse up front and has
// to bound what it reads itself.
struct Answer {
  int status = 200;
  std::string contentType = "application/json";
  std::string location;
  std::string head;
  std::string filler;
  uint64_t repeats = 0;
  int64_t pauseMs = 0;
  std::string tail;
};

Answer answerFor(const std::string& mode) {
  Answer a;
  if (mode == "huge-body") {
    a.head = "{\"connections\": [{\"name\": \"";
    a.filler.assign(64 * 1024, 'a');
    a.repeats = 16 * 1024;  // 1 GiB
    a.tail = "\"}]}";
  } else if (mode == "invalid-json") {
    a.head = "{\"connections\": [{\"name\": \"x\", \"comment\": \x01\x02 not json ]";
  } else if (mode == "wrong-content-type") {
    a.contentType = "text/html; charset=utf-8";
    a.head = "<!doctype html><html><body><h1>Sign in</h1><form>…</form></body></html>";
  } else if (mode == "slow-drip") {
    // Single characters, not one-letter literals: GCC 12 at -O3 misreads assigning a literal to a
    // string as an overlapping copy (a false -Wrestrict).
    a.head = '{';
    a.filler = ' ';
    a.repeats = 1'000'000;
    a.pauseMs = 50;  // ~14 hours for the whole body
    a.tail = '}';
  } else if (mode.rfind("redirect", 0) == 0) {
    a.status = 307;
    a.location = mode.size() > 9 && mode[8] == '=' ? mode.substr(9) : kRedirectDefault;
    a.head = "{\"message\": \"moved\"}";
  }
  return a;
}

}  // namespace

const std::vector<std::string>& hostileModes() {
  static const std::vector<std::string> modes = {"huge-body", "invalid-json", "wrong-content-type", "slow-drip",
                                                 "redirect"};
  return modes;
}

std::string checkHostileMode(const std::string& mode) {
  if (mode.rfind("redirect=", 0) == 0 && mode.size() > 9) return "";
  for (const auto& m : hostileModes())
    if (m == mode) return "";
  return "unknown --hostile mode '" + mode +
         "': use huge-body, invalid-json, wrong-content-type, slow-drip, redirect or redirect=URL";
}

int hostileStatus(const std::string& mode) { return answerFor(mode).status; }

void serveHostile(const std::string& mode, Poco::Net::HTTPServerResponse& out) {
  const Answer a = answerFor(mode);
  try {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(a.status));
    out.setContentType(a.contentType);
    if (!a.location.empty()) out.set("Location", a.location);
    out.setChunkedTransferEncoding(true);
    out.setKeepAlive(false);
    std::ostream& os = out.send();
    os << a.head << std::flush;
    for (uint64_t i = 0; i < a.repeats && os.good(); ++i) {
      if (a.pauseMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(a.pauseMs));
      os << a.filler << std::flush;
    }
    if (os.good()) os << a.tail << std::flush;
  } catch (const Poco::Exception&) {
    // The client hung up: exactly what a well-behaved client does with these answers.
  } catch (const std::exception&) {
  }
}

}  // namespace cc::emulator
