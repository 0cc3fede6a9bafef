#pragma once
// A small HTTPS client for the emulator's own tests (test code may use Poco directly; the
// product's client lives in providers/ and is tested there).

#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <nlohmann/json.hpp>

#include "support/emulator_process.h"

namespace cc::emulator::test {

/// Standard base64 with padding (request contents, Basic credentials); written here rather than
/// taken from emulator/base64.cc, whose decoder it checks.
inline std::string base64(const std::string& text) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int value = 0, bits = -6;
  for (unsigned char c : text) {
    value = (value << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kAlphabet[(value >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kAlphabet[((value << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

/// One answer; `transportError` is set when no HTTP response arrived (drop, reset).
struct TestResponse {
  int status = 0;
  std::string body;
  nlohmann::json json;
  std::map<std::string, std::string> headers;
  bool transportError = false;
  std::string error;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

/// Keep-alive HTTPS session to one emulator that trusts only the emulator's certificate.
class TestClient {
 public:
  TestClient(int port, std::string caFile, std::string token)
      : port_(port), caFile_(std::move(caFile)), token_(std::move(token)) {
    static const bool sslReady = [] {
      Poco::Net::initializeSSL();
      return true;
    }();
    (void)sslReady;
  }

  explicit TestClient(const test_support::EmulatorProcess& emulator)
      : TestClient(emulator.port(), emulator.caFile(), emulator.token()) {}

  void setToken(std::string token) { token_ = std::move(token); }

  TestResponse get(const std::string& path) { return send("GET", path, ""); }
  TestResponse del(const std::string& path) { return send("DELETE", path, ""); }
  TestResponse post(const std::string& path, const nlohmann::json& body) { return send("POST", path, body.dump()); }
  TestResponse patch(const std::string& path, const nlohmann::json& body) { return send("PATCH", path, body.dump()); }
  TestResponse put(const std::string& path, const nlohmann::json& body) { return send("PUT", path, body.dump()); }

  TestResponse send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& contentType = "application/json",
                    const std::map<std::string, std::string>& headers = {}) {
    TestResponse result;
    try {
      if (!session_) connect();
      Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
      request.setKeepAlive(true);
      if (!token_.empty()) request.set("Authorization", "Bearer " + token_);
      for (const auto& [name, value] : headers) request.set(name, value);
      if (!body.empty()) request.setContentType(contentType);
      if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request.setContentLength(static_cast<std::streamsize>(body.size()));
      }
      session_->sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::istream& in = session_->receiveResponse(response);
      std::ostringstream text;
      Poco::StreamCopier::copyStream(in, text);
      result.status = response.getStatus();
      result.body = text.str();
      for (const auto& [name, value] : response) result.headers[name] = value;
      result.json = nlohmann::json::parse(result.body, nullptr, false);
    } catch (const Poco::Exception& error) {
      result.transportError = true;
      result.error = error.displayText();
      session_.reset();
    } catch (const std::exception& error) {
      result.transportError = true;
      result.error = error.what();
      session_.reset();
    }
    return result;
  }

 private:
  void connect() {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile_, Poco::Net::Context::VERIFY_RELAXED);
    session_ = std::make_unique<Poco::Net::HTTPSClientSession>("127.0.0.1", static_cast<Poco::UInt16>(port_), context);
    session_->setKeepAlive(true);
  }

  int port_;
  std::string caFile_;
  std::string token_;
  std::unique_ptr<Poco::Net::HTTPSClientSession> session_;
};

}  // namespace cc::emulator::test
