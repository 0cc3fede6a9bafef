#include "wheel/wheel_builder.h"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "engine/content_digest.h"
#include "wheel/dist_info.h"
#include "wheel/wheel_name.h"

namespace cc::wheel {
namespace {

namespace fs = std::filesystem;

// A zip entry's time is an MS-DOS date: 1980-01-01 to 2107-12-31, in steps of two seconds.
constexpr std::int64_t kEarliestZipTime = 315'532'800;
constexpr std::int64_t kLatestZipTime = 4'354'819'198;

struct Entry {
  std::string path;
  std::string content;
};

// The one time stamp every entry carries: a file's mtime would make the bytes depend on when
// it was checked out. SOURCE_DATE_EPOCH is the reproducible-builds convention for "this time".
engine::Result<std::int64_t> entryTime(const std::optional<std::int64_t>& given) {
  std::int64_t seconds = kEarliestZipTime;
  if (given) {
    seconds = *given;
  } else if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env != nullptr && *env != '\0') {
    const std::string_view text(env);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return engine::Result<std::int64_t>::failure(
          "SOURCE_DATE_EPOCH is not a whole number of seconds", std::nullopt,
          "it is \"" + std::string(text) + "\"; unset it or give seconds since 1970-01-01 UTC");
    }
  }
  return std::clamp(seconds, kEarliestZipTime, kLatestZipTime);
}

bool isIdentifier(std::string_view part) {
  static const std::regex kIdentifier("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(part.begin(), part.end(), kIdentifier);
}

// A relative '/'-separated path with no empty, "." or ".." part and no character a zip tool
// would read differently; `identifiers` additionally asks every part to be a Python identifier.
bool safeRelativePath(std::string_view path, bool identifiers) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (identifiers && !isIdentifier(part)) return false;
    start = slash + 1;
  }
  return std::none_of(path.begin(), path.end(), [](char c) {
    return c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

engine::Diagnostics inputProblems(const WheelInput& in) {
  engine::Diagnostics d;
  if (auto problem = distributionNameProblem(in.distribution)) d.error("invalid distribution name \"" + in.distribution + "\"", std::nullopt, *problem);
  if (auto problem = versionProblem(in.version)) d.error("invalid version \"" + in.version + "\"", std::nullopt, *problem);
  if (!safeRelativePath(in.packagePath, true)) {
    d.error("invalid package path \"" + in.packagePath + "\"", std::nullopt,
            "'/'-separated Python identifiers, e.g. databricks/labs/community_connector/sources/github");
  }
  if (in.summary.find_first_of("\r\n") != std::string::npos) d.error("the summary must be one line");
  for (const ExtraFile& extra : in.extraFiles) {
    if (!safeRelativePath(extra.path, false) || extra.path.find(".dist-info/") != std::string::npos) {
      d.error("invalid extra file path \"" + extra.path + "\"", std::nullopt,
              "a relative '/'-separated path outside the .dist-info folder");
    }
  }
  return d;
}

// The source files under the package path and the extra files, sorted by path: archive order
// must not depend on the order a file system lists a folder in.
engine::Result<std::vector<Entry>> payload(const WheelInput& in, std::vector<SourceFile> sources) {
  std::vector<Entry> entries;
  entries.reserve(sources.size() + in.extraFiles.size() + 3);
  for (SourceFile& file : sources) {
    const bool excluded = std::any_of(in.excludedFolders.begin(), in.excludedFolders.end(),
                                      [&file](const std::string& f) { return file.relativePath.rfind(f + "/", 0) == 0; });
    if (!excluded) entries.push_back({in.packagePath + "/" + file.relativePath, std::move(file.content)});
  }
  for (const ExtraFile& extra : in.extraFiles) entries.push_back({extra.path, extra.content});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  const auto twin = std::adjacent_find(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path == b.path; });
  if (twin != entries.end()) {
    return engine::Result<std::vector<Entry>>::failure("two files for \"" + twin->path + "\" in the wheel", engine::SourceRange{in.sourceDir.string()},
                                                       "an extra file has the path of a file of the source folder");
  }
  return entries;
}

// METADATA and WHEEL, then RECORD over everything before it: the .dist-info folder goes last,
// as the format recommends, with RECORD its last file.
void appendDistInfo(const WheelInput& in, std::vector<Entry>& entries) {
  const std::string folder = distInfoFolder(in.distribution, in.version);
  entries.push_back({folder + "/METADATA", metadataText(in.distribution, in.version, in.summary)});
  entries.push_back({folder + "/WHEEL", wheelText()});
  std::vector<RecordEntry> records;
  records.reserve(entries.size());
  for (const Entry& e : entries) records.push_back({e.path, recordHash(e.content), e.content.size()});
  entries.push_back({folder + "/RECORD", recordText(records, folder + "/RECORD")});
}

// Poco writes an entry read from a stream with no Unix mode (host MS-DOS, attributes 0) and the
// caller's time stamp, so nothing of the machine or the checkout leaks into the bytes.
std::string zipArchive(const std::vector<Entry>& entries, std::int64_t seconds) {
  std::ostringstream out(std::ios::out | std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  const Poco::DateTime when(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(seconds)));
  for (const Entry& e : entries) {
    std::istringstream in(e.content, std::ios::in | std::ios::binary);
    zip.addFile(in, when, Poco::Path(e.path, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                Poco::Zip::ZipCommon::CL_MAXIMUM);
  }
  zip.close();
  return std::move(out).str();
}

}  // namespace

engine::Result<BuiltWheel> buildWheel(const WheelInput& input) {
  if (engine::Diagnostics problems = inputProblems(input); problems.hasErrors()) return problems;
  auto seconds = entryTime(input.timestamp);
  if (!seconds) return seconds.diagnostics();
  auto sources = readSourceTree(input.sourceDir, input.limits);
  if (!sources) return sources.diagnostics();
  auto entries = payload(input, std::move(sources).value());
  if (!entries) return entries.diagnostics();
  appendDistInfo(input, *entries);
  BuiltWheel wheel;
  wheel.fileName = pureWheelFileName(input.distribution, input.version);
  try {
    wheel.bytes = zipArchive(*entries, *seconds);
  } catch (const Poco::Exception& e) {
    return engine::Result<BuiltWheel>::failure("cannot build the wheel " + wheel.fileName,
                                               engine::SourceRange{input.sourceDir.string()}, e.displayText());
  }
  wheel.sha256 = engine::sha256Hex(wheel.bytes);
  for (const Entry& e : *entries) wheel.entries.push_back(e.path);
  return wheel;
}

engine::Result<fs::path> writeWheel(const BuiltWheel& wheel, const fs::path& directory) {
  using PathResult = engine::Result<fs::path>;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return PathResult::failure("cannot create the folder", engine::SourceRange{directory.string()}, ec.message());
  const fs::path target = directory / wheel.fileName;
  const fs::path partial = directory / (wheel.fileName + ".partial");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(wheel.bytes.data(), static_cast<std::streamsize>(wheel.bytes.size()));
    if (!out.flush()) return PathResult::failure("cannot write the wheel", engine::SourceRange{partial.string()});
  }
  fs::rename(partial, target, ec);
  if (ec) return PathResult::failure("cannot write the wheel", engine::SourceRange{target.string()}, ec.message());
  return target;
}

}  // namespace cc::wheel
