#include "wheel/dist_info.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <sstream>

namespace cc::wheel {
namespace {

// CSV as Python's csv module reads it: a field with a comma, quote or line break is quoted and
// its quotes doubled. Paths with line breaks are refused earlier; commas and quotes are legal.
std::string csvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string metadataText(std::string_view name, std::string_view version, std::string_view summary) {
  std::string out = "Metadata-Version: 2.1\nName: " + std::string(name) + "\nVersion: " +
                    std::string(version) + "\n";
  if (!summary.empty()) out += "Summary: " + std::string(summary) + "\n";
  return out;
}

std::string wheelText() {
  // No tool version in Generator: upgrading community-connector must not change the bytes of
  // an unchanged connector's wheel, or every plan after an upgrade would upload them all again.
  return "Wheel-Version: 1.0\nGenerator: community-connector\nRoot-Is-Purelib: true\n"
         "Tag: py3-none-any\n";
}

std::string recordHash(std::string_view bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes.data(), bytes.size());
  const Poco::DigestEngine::Digest& digest = sha.digest();
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
  encoder.close();
  return "sha256=" + out.str();
}

std::string recordText(const std::vector<RecordEntry>& entries, std::string_view recordPath) {
  std::string out;
  for (const RecordEntry& e : entries) {
    out += csvField(e.path) + "," + e.hash + "," + std::to_string(e.size) + "\n";
  }
  out += csvField(recordPath) + ",,\n";
  return out;
}

}  // namespace cc::wheel
