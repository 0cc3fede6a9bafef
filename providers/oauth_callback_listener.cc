#include "providers/oauth_callback_listener.h"

#include <condition_variable>
#include <mutex>
#include <optional>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

namespace cc::providers {

// What the first decisive callback said; later ones change nothing. Outside the anonymous
// namespace because the listener's Impl holds it.
struct CallbackVerdict {
  std::mutex mutex;
  std::condition_variable arrived;
  const std::string expectedState;
  bool claimed = false;  // a callback is deciding; its page goes out before `decided` is set
  bool decided = false;
  engine::Secret code;
  std::string failure;  // empty on success
  std::string failureDetail;

  explicit CallbackVerdict(std::string state) : expectedState(std::move(state)) {}
};

namespace {

using Poco::Net::HTTPResponse;

// The IdP's error text reaches the terminal: no control characters (escape sequences), bounded.
std::string printable(const std::string& text) {
  std::string out;
  for (const char c : text.substr(0, 300)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? ' ' : c;
  }
  return out;
}

struct CallbackParams {
  std::optional<std::string> code, state, error, errorDescription;
};

CallbackParams readParams(const Poco::URI& uri) {
  CallbackParams p;
  for (auto& [name, value] : uri.getQueryParameters()) {
    if (name == "code") p.code = value;
    else if (name == "state") p.state = value;
    else if (name == "error") p.error = value;
    else if (name == "error_description") p.errorDescription = value;
  }
  return p;
}

// A mismatched state is checked first: a forged error must not pass for the IdP's.
void decide(CallbackVerdict& v, CallbackParams p) {
  if (p.state && *p.state != v.expectedState) {
    v.failure = "state mismatch: possible CSRF";
    v.failureDetail = "the callback's state is not the one this run sent; start the authorization again";
  } else if (p.error) {
    v.failure = "the identity provider refused the authorization: " + printable(*p.error);
    v.failureDetail = p.errorDescription ? printable(*p.errorDescription) : "";
  } else if (!p.state) {
    v.failure = "state mismatch: possible CSRF";
    v.failureDetail = "the callback carries no state; start the authorization again";
  } else {
    v.code = engine::Secret(std::move(*p.code), "OAuth authorization code");
  }
}

void answer(Poco::Net::HTTPServerResponse& out, HTTPResponse::HTTPStatus status, const std::string& message) {
  const std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>community-connector</title>"
                           "</head><body><p>" + message + "</p></body></html>\n";
  out.setStatus(status);
  out.setContentType("text/html; charset=utf-8");
  out.set("Cache-Control", "no-store");
  out.setKeepAlive(false);
  out.setContentLength(static_cast<std::streamsize>(page.size()));
  try {
    std::ostream& body = out.send();
    body << page;
    body.flush();
  } catch (const std::exception&) {
    // The browser went away: the verdict stands all the same.
  }
}

class CallbackHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit CallbackHandler(std::shared_ptr<CallbackVerdict> verdict) : verdict_(std::move(verdict)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    std::optional<Poco::URI> uri;
    try {
      uri.emplace(in.getURI());
    } catch (const Poco::Exception&) {
    }
    if (!uri || in.getMethod() != "GET" || uri->getPath() != "/callback") {
      return answer(out, HTTPResponse::HTTP_NOT_FOUND, "Not found.");
    }
    CallbackParams params = readParams(*uri);
    if (!params.code && !params.error) {
      return answer(out, HTTPResponse::HTTP_BAD_REQUEST, "Waiting for the sign-in to finish.");
    }
    bool first = false;
    bool failed = false;
    {
      std::lock_guard lock(verdict_->mutex);
      first = !verdict_->claimed;
      verdict_->claimed = true;
      if (first) decide(*verdict_, std::move(params));
      failed = !verdict_->failure.empty();
    }
    // The page repeats nothing from the request: no reflected input, no code in the browser.
    // It is sent before the waiter wakes, which then stops the server.
    answer(out, HTTPResponse::HTTP_OK,
           failed ? "Authorization failed; the terminal says why. You can close this tab."
                  : "Authorization received. You can close this tab and return to the terminal.");
    if (first) publish();
  }

 private:
  void publish() {
    {
      std::lock_guard lock(verdict_->mutex);
      verdict_->decided = true;
    }
    verdict_->arrived.notify_all();
  }

  std::shared_ptr<CallbackVerdict> verdict_;
};

class CallbackHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit CallbackHandlerFactory(std::shared_ptr<CallbackVerdict> verdict) : verdict_(std::move(verdict)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new CallbackHandler(verdict_);
  }

 private:
  std::shared_ptr<CallbackVerdict> verdict_;
};

std::string describeWait(std::chrono::milliseconds wait) {
  const auto ms = wait.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

struct OAuthCallbackListener::Impl {
  std::shared_ptr<CallbackVerdict> verdict;
  std::uint16_t port = 0;
  // Declared before the server, so it outlives the connections the server hands it.
  Poco::ThreadPool pool{1, 4};
  std::optional<Poco::Net::HTTPServer> server;
};

engine::Result<std::unique_ptr<OAuthCallbackListener>> OAuthCallbackListener::start(std::uint16_t port,
                                                                                     std::string expectedState) {
  auto impl = std::make_unique<Impl>();
  impl->verdict = std::make_shared<CallbackVerdict>(std::move(expectedState));
  const std::string where = "127.0.0.1:" + std::to_string(port);
  try {
    Poco::Net::ServerSocket socket;
    // No SO_REUSEADDR: a port another program listens on must fail here, not later.
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", port), false);
    socket.listen(16);
    impl->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(false);
    params->setMaxThreads(4);
    params->setMaxQueued(16);
    // A browser's speculative connection that never sends a request is dropped after this.
    params->setTimeout(Poco::Timespan(5, 0));
    impl->server.emplace(new CallbackHandlerFactory(impl->verdict), impl->pool, socket, params);
    impl->server->start();
  } catch (const Poco::Exception& e) {
    return engine::Result<std::unique_ptr<OAuthCallbackListener>>::failure(
        "cannot listen on " + where + " for the OAuth redirect: " + e.message(), std::nullopt,
        "choose another redirect port, or 0 for a free one");
  }
  return std::unique_ptr<OAuthCallbackListener>(new OAuthCallbackListener(std::move(impl)));
}

OAuthCallbackListener::OAuthCallbackListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OAuthCallbackListener::~OAuthCallbackListener() {
  // Abort connections still open (a browser's idle one) rather than wait for their timeout.
  impl_->server->stopAll(true);
  impl_->pool.joinAll();
}

std::uint16_t OAuthCallbackListener::port() const { return impl_->port; }

std::string OAuthCallbackListener::redirectUri() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/callback";
}

engine::Result<engine::Secret> OAuthCallbackListener::waitForCode(std::chrono::milliseconds timeout) {
  CallbackVerdict& v = *impl_->verdict;
  std::unique_lock lock(v.mutex);
  if (!v.arrived.wait_for(lock, timeout, [&v] { return v.decided; })) {
    return engine::Result<engine::Secret>::failure(
        "no authorization arrived within " + describeWait(timeout), std::nullopt,
        "open the printed URL in a browser and sign in before the deadline; run the command again for a new URL");
  }
  if (!v.failure.empty()) return engine::Result<engine::Secret>::failure(v.failure, std::nullopt, v.failureDetail);
  return v.code;
}

}  // namespace cc::providers
