#include "wheel/wheel_reader.h"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>

#include <algorithm>
#include <sstream>

#include "engine/manifest_loader.h"

namespace cc::wheel {
namespace {

constexpr const char* kWheelFix = "give a .whl file built by `python -m build` or by this tool";

// Every zip archive starts with "PK" and ends in an end-of-central-directory record, whose
// signature lies within the last 22 + 65535 bytes (the longest comment). Poco trusts both.
bool looksLikeZip(const std::string& bytes) {
  if (bytes.size() < 22 || bytes.compare(0, 2, "PK") != 0) return false;
  const auto end = bytes.rfind(std::string("PK\x05\x06", 4), bytes.size() - 22);
  return end != std::string::npos && bytes.size() - end <= 22 + 65535;
}

engine::Result<std::vector<std::string>> notAWheel(const std::string& why, const std::string& where) {
  return engine::Result<std::vector<std::string>>::failure("not a wheel: " + why, engine::SourceRange{where}, kWheelFix);
}

}  // namespace

engine::Result<std::vector<std::string>> zipEntryNames(const std::string& bytes, const std::string& where) {
  if (!looksLikeZip(bytes)) return notAWheel("the file is not a zip archive", where);
  try {
    std::istringstream in(bytes);
    Poco::Zip::ZipArchive archive(in);
    std::vector<std::string> names;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) names.push_back(it->first);
    if (names.empty()) return notAWheel("the zip archive is empty", where);
    return names;
  } catch (const Poco::Exception& e) {
    return notAWheel("the zip archive cannot be read (" + e.displayText() + ")", where);
  }
}

bool holdsFolder(const std::vector<std::string>& entries, const std::string& folder) {
  return std::any_of(entries.begin(), entries.end(),
                     [&folder](const std::string& e) { return e.size() > folder.size() && e.rfind(folder, 0) == 0; });
}

engine::Result<WheelFile> readWheelFile(const std::filesystem::path& path) {
  std::error_code ec;
  // A regular file only: "-" would be stdin to readSourceText, a device could stream forever.
  if (!std::filesystem::is_regular_file(path, ec))
    return engine::Result<WheelFile>::failure("wheel file not found", engine::SourceRange{path.string()},
                                              "give the path of an existing .whl file");
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxWheelBytes)
    return engine::Result<WheelFile>::failure(
        "wheel file is " + std::to_string(size >> 20) + " MiB, more than the " + std::to_string(kMaxWheelBytes >> 20) +
            " MiB a wheel may have",
        engine::SourceRange{path.string()}, "a connector's wheel is far smaller: check that this is the file you meant");
  auto bytes = engine::readSourceText(path.string(), kMaxWheelBytes);
  if (!bytes) return bytes.diagnostics();
  auto entries = zipEntryNames(*bytes, path.string());
  if (!entries) return entries.diagnostics();
  return WheelFile{std::move(bytes).value(), std::move(entries).value()};
}

}  // namespace cc::wheel
