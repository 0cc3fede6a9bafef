// Emulator throughput over loopback TLS: N keep-alive clients (default 8) each send a mix of
// reads (SCIM Me, connection GET, pipelines list) for a fixed time; prints requests/s and
// latency percentiles. Usage: cc_emulator_bench [seconds=5] [clients=8]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>
#include <vector>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include "support/emulator_process.h"

namespace {

using Clock = std::chrono::steady_clock;

int send(Poco::Net::HTTPSClientSession& session, const std::string& method, const std::string& path,
         const std::string& token, const std::string& body) {
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setKeepAlive(true);
  request.set("Authorization", "Bearer " + token);
  if (!body.empty()) {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::ostringstream sink;
  Poco::StreamCopier::copyStream(in, sink);
  return response.getStatus();
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 5;
  const int clients = argc > 2 ? std::atoi(argv[2]) : 8;
  Poco::Net::initializeSSL();
  cc::test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  if (!emulator.ok()) {
    std::fprintf(stderr, "error: %s\n", emulator.error().c_str());
    return 1;
  }
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", "", emulator.caFile(), Poco::Net::Context::VERIFY_RELAXED);
  {
    Poco::Net::HTTPSClientSession setup("127.0.0.1", static_cast<Poco::UInt16>(emulator.port()), context);
    send(setup, "POST", "/api/2.1/unity-catalog/connections", emulator.token(),
         R"({"name":"bench","connection_type":"GENERIC_LAKEFLOW_CONNECT","options":{"sourceName":"github"}})");
    send(setup, "POST", "/api/2.0/pipelines", emulator.token(), R"({"name":"bench_pipeline"})");
  }
  const char* paths[] = {"/api/2.0/preview/scim/v2/Me", "/api/2.1/unity-catalog/connections/bench",
                         "/api/2.0/pipelines?filter=name+LIKE+%27bench_pipeline%27"};
  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  std::atomic<int> failures{0};
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(emulator.port()), context);
      session.setKeepAlive(true);
      for (size_t i = 0; Clock::now() < deadline; ++i) {
        const auto t0 = Clock::now();
        int status = 0;
        try {
          status = send(session, "GET", paths[i % 3], emulator.token(), "");
        } catch (const Poco::Exception&) {
          session.reset();
        }
        if (status != 200) ++failures;
        latencies[static_cast<size_t>(c)].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::vector<double> all;
  for (const auto& list : latencies) all.insert(all.end(), list.begin(), list.end());
  std::sort(all.begin(), all.end());
  auto percentile = [&all](double p) { return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))]; };
  std::printf("clients=%d seconds=%.1f requests=%zu failures=%d\n", clients, elapsed, all.size(), failures.load());
  std::printf("throughput=%.0f req/s  p50=%.2f ms  p99=%.2f ms  max=%.2f ms\n", all.size() / elapsed,
              percentile(0.50), percentile(0.99), all.empty() ? 0.0 : all.back());
  return failures.load() == 0 ? 0 : 1;
}
