#pragma once
// What the workspace API answered when a request failed, kept as data from the provider to the
// edge: commands print it in their own form (the original tool's "[CODE] message", a plan's
// one line) without reading it back out of text.

#include <string>

namespace cc::engine {

struct ApiFailure {
  int status = 0;          // HTTP status of the answer
  std::string errorCode;   // e.g. RESOURCE_DOES_NOT_EXIST; empty when the body had none
  std::string message;     // the server's message, scrubbed of known secrets
  std::string requestId;   // X-Request-Id or the ReqId in the message; may be empty
  int attempts = 1;        // how many times the request was sent

  bool isNotFound() const { return status == 404 || errorCode == "RESOURCE_DOES_NOT_EXIST"; }
};

}  // namespace cc::engine
