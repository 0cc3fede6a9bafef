#include "providers/http_client.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <string_view>
#include <cstdlib>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <strings.h>

namespace cc::providers {
namespace {

// Poco asks SSLManager what to do with a certificate that failed verification; without a
// handler installed it would consult an application config. We always reject.
void initializeSslOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject(new Poco::Net::RejectCertificateHandler(false));
    Poco::Net::Context::Ptr context(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                           Poco::Net::Context::VERIFY_RELAXED, 9, true));
    Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
  });
}

std::string encode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]% ", out);
  return out;
}

}  // namespace

std::string HttpRequest::target() const {
  std::string t = path;
  // Appended piece by piece: `"?" + encode(…)` makes GCC 12 at -O3 warn falsely (-Wrestrict).
  for (std::size_t i = 0; i < query.size(); ++i) {
    t += i == 0 ? '?' : '&';
    t += encode(query[i].first);
    t += '=';
    t += encode(query[i].second);
  }
  return t;
}

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  return {};
}

std::string caFileFromEnvironment() {
  for (const char* name : {"SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
  }
  return {};
}

bool isLoopbackHost(const std::string& hostIn) {
  std::string host = hostIn;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (strcasecmp(host.c_str(), "localhost") == 0) return true;
  Poco::Net::IPAddress addr;
  if (!Poco::Net::IPAddress::tryParse(host, addr)) return false;
  return addr.isLoopback();
}

struct HttpClient::Impl {
  HttpClientConfig config;
  std::string scheme;
  std::string host;
  unsigned short port = 0;
  Poco::Net::Context::Ptr context;
  std::mutex mutex;
  std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle;
  std::atomic<std::size_t> opened{0};
  std::condition_variable slotFree;
  std::size_t inUse = 0;  // sessions checked out, at most config.maxSessions

  /// Holds one of the maxSessions slots for the length of an exchange.
  class Slot {
   public:
    explicit Slot(Impl& impl) : impl_(impl) {
      std::unique_lock lock(impl_.mutex);
      impl_.slotFree.wait(lock, [&] { return impl_.inUse < std::max<std::size_t>(1, impl_.config.maxSessions); });
      ++impl_.inUse;
    }
    ~Slot() {
      {
        std::lock_guard lock(impl_.mutex);
        --impl_.inUse;
      }
      impl_.slotFree.notify_one();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    Impl& impl_;
  };

  std::unique_ptr<Poco::Net::HTTPClientSession> acquire() {
    if (config.reuseConnections) {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        auto s = std::move(idle.back());
        idle.pop_back();
        return s;
      }
    }
    std::unique_ptr<Poco::Net::HTTPClientSession> s;
    if (scheme == "https")
      s = std::make_unique<Poco::Net::HTTPSClientSession>(host, port, context);
    else
      s = std::make_unique<Poco::Net::HTTPClientSession>(host, port);
    s->setKeepAlive(config.reuseConnections);
    const auto ms = [](Millis m) { return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(m.count()) * 1000); };
    s->setTimeout(ms(config.connectTimeout), ms(config.readTimeout), ms(config.readTimeout));
    return s;
  }

  void release(std::unique_ptr<Poco::Net::HTTPClientSession> s) {
    if (!config.reuseConnections) return;
    std::lock_guard lock(mutex);
    if (idle.size() < config.maxIdleSessions) idle.push_back(std::move(s));
  }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

const std::string& HttpClient::baseUrl() const { return impl_->config.baseUrl; }
std::size_t HttpClient::connectionsOpened() const { return impl_->opened.load(); }

ApiResult<std::shared_ptr<HttpClient>> HttpClient::create(const HttpClientConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  try {
    Poco::URI uri(config.baseUrl);
    impl->scheme = uri.getScheme();
    impl->host = uri.getHost();
    impl->port = uri.getPort();
  } catch (const Poco::Exception& e) {
    return localError(ApiErrorKind::Refused, "invalid workspace url '" + config.baseUrl + "': " + e.message());
  }
  if (impl->host.empty())
    return localError(ApiErrorKind::Refused, "invalid workspace url '" + config.baseUrl + "': no host");
  if (impl->scheme == "http") {
    if (!isLoopbackHost(impl->host))
      return localError(ApiErrorKind::Refused, "refusing plain http to non-loopback host '" + impl->host +
                                                   "': use https:// (http is allowed only for localhost, 127.0.0.0/8, ::1)");
  } else if (impl->scheme != "https") {
    return localError(ApiErrorKind::Refused, "unsupported url scheme '" + impl->scheme + "' in '" + config.baseUrl + "'");
  } else {
    initializeSslOnce();
    try {
      Poco::Net::Context::Params params;
      params.caLocation = config.caFile;
      // STRICT, not RELAXED: Poco skips the host name check for loopback hosts under RELAXED,
      // so a certificate for another name would be accepted on localhost.
      params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
      params.loadDefaultCAs = config.useSystemCas;
      impl->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
      impl->context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    } catch (const Poco::Exception& e) {
      return localError(ApiErrorKind::Tls, "cannot load CA bundle '" + config.caFile + "': " + e.displayText());
    }
  }
  return std::shared_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpOutcome HttpClient::send(const HttpRequest& request, const SendLimits& limits) {
  HttpOutcome outcome;
  // A CR or LF in a header value would end the header and start another (header injection);
  // auth refuses such values, and this keeps any other path from sending one.
  for (const auto& [name, value] : request.headers) {
    static constexpr std::string_view kBreaks("\r\n\0", 3);
    if (value.find_first_of(kBreaks) != std::string::npos) {
      outcome.failure = {TransportFailureKind::Refused, "refusing to send header " + name + ": its value holds a line break"};
      return outcome;
    }
  }
  Impl::Slot slot(*impl_);
  auto session = impl_->acquire();
  bool sent = false;
  try {
    if (!session->connected()) impl_->opened.fetch_add(1);
    Poco::Net::HTTPRequest req(request.method, request.target(), Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(impl_->config.reuseConnections);
    for (const auto& [k, v] : request.headers) req.set(k, v);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
      req.setContentLength(static_cast<std::streamsize>(request.body.size()));
      if (!request.contentType.empty()) req.setContentType(request.contentType);
    }
    std::ostream& os = session->sendRequest(req);
    sent = true;
    os << request.body;
    Poco::Net::HTTPResponse resp;
    std::istream& is = session->receiveResponse(resp);
    HttpResponse out;
    out.status = static_cast<int>(resp.getStatus());
    out.reason = resp.getReason();
    for (const auto& [k, v] : resp) out.headers.emplace_back(k, v);
    // Bounded read: get() waits (readTimeout) for at least one byte, readsome() takes what is
    // already buffered; size and total time are checked after every piece.
    auto deadline = std::chrono::steady_clock::now() + impl_->config.responseDeadline;
    if (limits.deadline) deadline = std::min(deadline, *limits.deadline);
    char buffer[16384];
    for (int c = is.get(); c != std::char_traits<char>::eof(); c = is.get()) {
      out.body.push_back(static_cast<char>(c));
      out.body.append(buffer, static_cast<std::size_t>(is.readsome(buffer, sizeof buffer)));
      if (out.body.size() > impl_->config.maxResponseBytes) {
        outcome.failure = {TransportFailureKind::Lost,
                           "response from " + impl_->host + " exceeds " +
                               std::to_string(impl_->config.maxResponseBytes / (1024 * 1024)) + " MiB; abandoned"};
        return outcome;  // the session is dropped with the unread rest
      }
      if (limits.cancel != nullptr && limits.cancel->load()) {
        outcome.failure = {TransportFailureKind::Lost, "interrupted while reading the response from " + impl_->host};
        return outcome;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        outcome.failure = {TransportFailureKind::Lost,
                           "response from " + impl_->host + " still incomplete after " +
                               std::to_string(impl_->config.responseDeadline.count() / 1000) + " s; abandoned"};
        return outcome;
      }
    }
    outcome.response = std::move(out);
    if (resp.getKeepAlive()) impl_->release(std::move(session));
    return outcome;
  } catch (const Poco::Net::CertificateValidationException& e) {
    outcome.failure = {TransportFailureKind::Tls, "certificate of " + impl_->host + " not trusted: " + e.displayText()};
  } catch (const Poco::Net::SSLException& e) {
    const std::string text = e.displayText();
    const bool certificate = text.find("certificate") != std::string::npos || text.find("verify") != std::string::npos;
    outcome.failure = {certificate ? TransportFailureKind::Tls : (sent ? TransportFailureKind::Lost : TransportFailureKind::NotSent),
                       "tls error with " + impl_->host + ": " + text};
  } catch (const Poco::Net::ConnectionRefusedException& e) {
    outcome.failure = {TransportFailureKind::Unreachable, "connection refused by " + impl_->host + ":" + std::to_string(impl_->port)};
  } catch (const Poco::Net::HostNotFoundException& e) {
    outcome.failure = {TransportFailureKind::Unreachable, "host not found: " + impl_->host};
  } catch (const Poco::Exception& e) {
    outcome.failure = {sent ? TransportFailureKind::Lost : TransportFailureKind::NotSent,
                       "connection to " + impl_->host + " failed: " + e.displayText()};
  } catch (const std::exception& e) {
    outcome.failure = {sent ? TransportFailureKind::Lost : TransportFailureKind::NotSent,
                       "connection to " + impl_->host + " failed: " + e.what()};
  }
  return outcome;
}

}  // namespace cc::providers
