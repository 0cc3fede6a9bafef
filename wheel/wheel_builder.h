#pragma once
// Builds a pure-Python wheel (py3-none-any) from a local source folder, reproducibly: the same
// files, names and version give the same bytes on any machine, at any time, so that a plan can
// compare wheels by content digest and skip uploading one that did not change.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.h"
#include "wheel/source_tree.h"

namespace cc::wheel {

/// A file the wheel holds beyond the source folder's (e.g. an `__init__.py` of a parent package).
struct ExtraFile {
  std::string path;  // '/'-separated, relative to the wheel's root
  std::string content;
};

struct WheelInput {
  std::filesystem::path sourceDir;  // the import package's folder, e.g. sources/github/
  std::string distribution;         // core-metadata Name, e.g. "lakeflow-connector-github"
  std::string version;              // normalised PEP 440, e.g. "0.1.0"
  /// Where the folder's files go inside the wheel, '/'-separated: "sample_connector" or
  /// "databricks/labs/community_connector/sources/github". Each part a Python identifier.
  std::string packagePath;
  std::string summary;  // optional one-line Summary
  std::vector<ExtraFile> extraFiles;
  /// Sub-folders of `sourceDir` ('/'-separated, relative) left out with all they hold: the
  /// framework wheel leaves out `sources`, which the connector wheels carry one by one.
  std::vector<std::string> excludedFolders;
  SourceLimits limits;
  /// Every entry's time stamp, in seconds since 1970 (UTC). When absent: SOURCE_DATE_EPOCH
  /// from the environment if set, else 1980-01-01, the earliest a zip entry can carry.
  std::optional<std::int64_t> timestamp;
};

struct BuiltWheel {
  std::string fileName;              // "{name}-{version}-py3-none-any.whl"
  std::string bytes;                 // the zip archive
  std::string sha256;                // lower-case hex SHA-256 of `bytes`
  /// The files it holds, in the order written (RECORD last). Poco adds an entry per folder and
  /// lists its central directory by name; both are as fixed as the rest.
  std::vector<std::string> entries;
};

/// The wheel of `input`, or located errors (an invalid name, version or package path; a
/// refused or oversized source folder; a clash between an extra file and a source file).
engine::Result<BuiltWheel> buildWheel(const WheelInput& input);

/// Writes `wheel` as `directory`/`wheel.fileName` (through a temporary file renamed into
/// place, so a reader never sees half a wheel); returns the path written.
engine::Result<std::filesystem::path> writeWheel(const BuiltWheel& wheel,
                                                 const std::filesystem::path& directory);

}  // namespace cc::wheel
