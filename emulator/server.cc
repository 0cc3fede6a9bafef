#include "emulator/server.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include <unistd.h>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include "emulator/ascii_case.h"
#include "emulator/auth.h"
#include "emulator/fault_injector.h"
#include "emulator/handlers.h"
#include "emulator/hostile_mode.h"
#include "emulator/rate_limiter.h"
#include "emulator/request_gate.h"
#include "emulator/request_log.h"
#include "emulator/router.h"
#include "emulator/tls_certificate.h"
#include "emulator/url_encoding.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

struct SslInit {
  SslInit() { Poco::Net::initializeSSL(); }
};

// One stdout line per parked request, flushed, so a test reading the emulator's output knows
// the moment a client is blocked without polling.
void announceHeld(uint64_t requestNumber, const std::string& methodPath) {
  // One string, one write: lines of parallel requests do not interleave.
  std::cout << ("held " + std::to_string(requestNumber) + " " + methodPath + "\n") << std::flush;
}

}  // namespace

struct Server::Impl {
  explicit Impl(EmulatorOptions opts)
      : options(std::move(opts)), state(options), auth(state), faults(options),
        limiter(options.rateLimit), log(options.sensitiveOptions),
        gate(HoldRule{options.holdPattern, options.holdFrom}, announceHeld) {}

  void handle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out);
  HttpRequest readRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) const;
  HttpResponse answerControl(HttpRequest& request) const;
  void handleApi(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out, HttpRequest& request,
                 std::chrono::steady_clock::time_point started);
  HttpResponse dispatch(HttpRequest& request, const FaultDecision& decision);

  EmulatorOptions options;
  WorkspaceState state;
  Authenticator auth;
  FaultInjector faults;
  RateLimiter limiter;
  RequestLog log;
  RequestGate gate;
  Router router;
  Router control;
  TlsFiles tls;
  int port = 0;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> http;
};

namespace {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Server::Impl& impl) : impl_(impl) {}
  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    impl_.handle(in, out);
  }

 private:
  Server::Impl& impl_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(Server::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(impl_);
  }

 private:
  Server::Impl& impl_;
};

void closeConnection(Poco::Net::HTTPServerRequest& in, bool reset) {
  try {
    Poco::Net::StreamSocket socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).detachSocket();
    if (reset) socket.setLinger(true, 0);  // close with RST instead of FIN
    socket.close();
  } catch (const Poco::Exception&) {
    // The peer may already be gone; the fault happened either way.
  }
}

// Reads at most one byte past `limit` so an oversized body is rejected without buffering it;
// false when the body is over the limit (it then holds limit + 1 spaces: only its size matters).
bool readBody(Poco::Net::HTTPServerRequest& in, size_t limit, std::string& body) {
  bool oversized = in.getContentLength() != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
                   static_cast<size_t>(in.getContentLength()) > limit;
  // Without Content-Length or chunking a request has no body (RFC 9112 §6.3); Poco would
  // otherwise read until the client closes.
  const bool hasBody = in.hasContentLength() || in.getChunkedTransferEncoding();
  if (!oversized && hasBody) {
    std::istream& stream = in.stream();
    char buffer[16384];
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
      body.append(buffer, static_cast<size_t>(stream.gcount()));
      if (body.size() > limit) {
        oversized = true;
        break;
      }
    }
  }
  if (oversized) body.assign(limit + 1, ' ');
  return !oversized;
}

void writeResponse(Poco::Net::HTTPServerResponse& out, const HttpRequest& request, const HttpResponse& response) {
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
  if (!response.contentType.empty()) out.setContentType(response.contentType);
  if (!request.requestId.empty()) out.set("X-Request-Id", request.requestId);
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.setContentLength(static_cast<std::streamsize>(response.body.size()));
  out.sendBuffer(response.body.data(), response.body.size());
}

double millisecondsSince(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

// File uploads carry raw bytes and get their own, larger limit.
size_t bodyLimit(const EmulatorOptions& options, const std::string& path) {
  const bool upload = path.rfind("/api/2.0/fs/files/", 0) == 0;
  return static_cast<size_t>(upload ? std::max(options.maxBodyBytes, options.maxFileBytes) : options.maxBodyBytes);
}

}  // namespace

HttpResponse Server::Impl::dispatch(HttpRequest& request, const FaultDecision& decision) {
  if (const size_t limit = bodyLimit(options, request.path); request.body.size() > limit) {
    return errorResponse(413, "INVALID_PARAMETER_VALUE",
                         "Request body of " + std::to_string(request.body.size()) +
                             " bytes exceeds the limit of " + std::to_string(limit) + " bytes");
  }
  switch (decision.kind) {
    case FaultKind::TooManyRequests:
    case FaultKind::InternalError:
    case FaultKind::InternalErrorHtml:
    case FaultKind::InternalErrorEmpty:
    case FaultKind::Unavailable:
      return faults.responseFor(decision.kind);
    case FaultKind::None:
    case FaultKind::Drop:
    case FaultKind::Reset:
    case FaultKind::CommitThenDrop:
      break;
  }
  // Like the real gateway: credentials are checked before the route is known to exist.
  if (!Authenticator::isPublicPath(request.path)) {
    if (auto denied = auth.authenticate(request)) return *denied;
  }
  RouteMatch match = router.match(request);
  if (match.handler == nullptr) {
    return errorResponse(404, "ENDPOINT_NOT_FOUND",
                         "No API found for '" + request.method + " " + request.path + "'");
  }
  if (!limiter.allow(match.family)) {
    HttpResponse response = errorResponse(
        429, "REQUEST_LIMIT_EXCEEDED",
        "Rate limit for " + match.family + " API requests exceeded (--rate-limit)");
    response.headers["Retry-After"] =
        std::to_string(std::max<int64_t>(1, static_cast<int64_t>(1.0 / options.rateLimit + 0.999)));
    return response;
  }
  try {
    return (*match.handler)(request);
  } catch (const std::exception& error) {
    return errorResponse(500, "INTERNAL_ERROR", std::string("emulator error: ") + error.what());
  }
}

void Server::Impl::handle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) {
  const auto started = std::chrono::steady_clock::now();
  HttpRequest request = readRequest(in, out);
  // Control requests are not numbered, faulted, held or logged.
  if (request.path.rfind("/__emulator/", 0) == 0) {
    writeResponse(out, request, answerControl(request));
    return;
  }
  handleApi(in, out, request, started);
}

HttpRequest Server::Impl::readRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) const {
  HttpRequest request;
  request.method = in.getMethod();
  const std::string& uri = in.getURI();
  const size_t question = uri.find('?');
  request.path = percentDecode(uri.substr(0, question), false);
  if (question != std::string::npos) request.rawQuery = uri.substr(question + 1);
  request.query = parseForm(request.rawQuery);
  for (const auto& [name, value] : in) request.headers[lowerAscii(name)] = value;
  const std::string host = in.has("Host") ? in.get("Host") : "127.0.0.1:" + std::to_string(port);
  request.baseUrl = (options.plainHttp ? "http://" : "https://") + host;
  if (!readBody(in, bodyLimit(options, request.path), request.body)) {
    out.setKeepAlive(false);  // the unread rest of the body would poison the connection
  }
  return request;
}

HttpResponse Server::Impl::answerControl(HttpRequest& request) const {
  RouteMatch match = control.match(request);
  return match.handler ? (*match.handler)(request)
                       : errorResponse(404, "ENDPOINT_NOT_FOUND",
                                       "No API found for '" + request.method + " " + request.path + "'");
}

// Numbers the request, then applies in turn the hostile mode, the hold rule, the latency and the
// fault before (or, for commit-drop, instead of) answering; every outcome is logged.
void Server::Impl::handleApi(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out,
                             HttpRequest& request, std::chrono::steady_clock::time_point started) {
  const FaultDecision decision = faults.next();
  if (!options.hostile.empty()) {
    log.write(decision.requestNumber, request, hostileStatus(options.hostile), "", 0, "hostile " + options.hostile);
    serveHostile(options.hostile, out);
    return;
  }
  request.requestId = deterministicUuid(options.seed ^ 0x5eedULL, decision.requestNumber);
  const RequestGate::Ticket ticket = gate.enter(decision.requestNumber, request.method + " " + request.path);
  if (decision.delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(decision.delayMs));
  if (decision.kind == FaultKind::Drop || decision.kind == FaultKind::Reset) {
    closeConnection(in, decision.kind == FaultKind::Reset);
    log.write(decision.requestNumber, request, 0, "", 0, faultKindName(decision.kind));
    return;
  }
  const HttpResponse response = dispatch(request, decision);
  if (decision.kind == FaultKind::CommitThenDrop) {
    closeConnection(in, false);
    log.write(decision.requestNumber, request, response.status, response.body, millisecondsSince(started),
              "commit-drop");
    return;
  }
  writeResponse(out, request, response);
  const std::string fault = decision.kind == FaultKind::None ? "" : faultKindName(decision.kind);
  log.write(decision.requestNumber, request, response.status, response.body, millisecondsSince(started), fault);
}

Server::Server(EmulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() { stop(); }

std::string Server::start() {
  static SslInit sslInit;
  Impl& impl = *impl_;
  if (std::string error = impl.state.load(); !error.empty()) return error;
  if (!impl.options.requestLog.empty()) {
    if (std::string error = impl.log.open(impl.options.requestLog); !error.empty()) return error;
  }
  registerIdentityRoutes(impl.router, impl.state);
  registerOAuthRoutes(impl.router, impl.state);
  registerConnectionsRoutes(impl.router, impl.state);
  registerWorkspaceRoutes(impl.router, impl.state);
  registerReposRoutes(impl.router, impl.state);
  registerPipelinesRoutes(impl.router, impl.state);
  registerVolumesRoutes(impl.router, impl.state);
  registerFilesRoutes(impl.router, impl.state);
  registerControlRoutes(impl.control, impl.state, impl.faults, impl.gate);
  {
    auto lock = impl.state.lock();
    if (std::string error = impl.state.commit(); !error.empty()) return error;
  }
  try {
    Poco::Net::ServerSocket socket;
    const Poco::Net::SocketAddress address("127.0.0.1", static_cast<Poco::UInt16>(impl.options.port));
    if (impl.options.plainHttp) {
      socket = Poco::Net::ServerSocket(address, 128);
    } else {
      if (!impl.options.tlsCert.empty()) {
        impl.tls = TlsFiles{impl.options.tlsCert, impl.options.tlsKey};
      } else {
        std::string dir = impl.options.tlsDir;
        if (dir.empty()) {
          dir = (std::filesystem::temp_directory_path() /
                 ("workspace-emulator-" + std::to_string(::getpid()))).string();
        }
        if (std::string error = ensureSelfSignedCertificate(dir, impl.tls); !error.empty()) return error;
      }
      Poco::Net::Context::Params params;
      params.privateKeyFile = impl.tls.key;
      params.certificateFile = impl.tls.cert;
      params.verificationMode = Poco::Net::Context::VERIFY_NONE;
      Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
      socket = Poco::Net::SecureServerSocket(address, 128, context);
    }
    impl.port = socket.address().port();
    auto* serverParams = new Poco::Net::HTTPServerParams;
    serverParams->setMaxThreads(impl.options.threads);
    serverParams->setMaxQueued(256);
    serverParams->setKeepAlive(true);
    serverParams->setMaxKeepAliveRequests(0);
    serverParams->setKeepAliveTimeout(Poco::Timespan(30, 0));
    serverParams->setTimeout(Poco::Timespan(60, 0));
    impl.pool = std::make_unique<Poco::ThreadPool>(2, std::max(4, impl.options.threads + 2));
    impl.http = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(impl), *impl.pool, socket,
                                                        serverParams);
    impl.http->start();
  } catch (const Poco::Exception& error) {
    return "cannot start the server on 127.0.0.1:" + std::to_string(impl.options.port) + ": " +
           error.displayText();
  }
  return "";
}

void Server::stop() {
  if (impl_ && impl_->http) {
    impl_->http->stopAll(true);
    impl_->http.reset();
    impl_->pool->joinAll();
  }
}

uint64_t Server::releaseHeld() { return impl_->gate.release(); }

std::string Server::url() const {
  return (impl_->options.plainHttp ? "http://127.0.0.1:" : "https://127.0.0.1:") + std::to_string(impl_->port);
}

std::string Server::certificatePath() const { return impl_->options.plainHttp ? "" : impl_->tls.cert; }

}  // namespace cc::emulator
