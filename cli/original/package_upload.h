#pragma once
// The wheels of a community connector and their way into a Unity Catalog volume, shared by
// `upload`, `publish` and (for the lead) `create_pipeline -p` / managed pipelines:
//   1. resolveWheels: the framework wheel and the connector wheel, each either given as a file
//      (checked: it exists, is a zip, holds the right package) or built by wheel/ from a
//      checkout of the connectors repository. No Python, no `python -m build`.
//   2. uploadWheels: ensure the volume, ensure its sub-directory, PUT each file.
// The same checkout gives create_pipeline -u the connector's own files (readLocalConnectorFiles).
// Errors are one message each: what went wrong, where, and how to fix it.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/result.h"
#include "engine/volume_path.h"

namespace cc::providers {
class WorkspaceApi;
}

namespace cc::cli {

/// A wheel in memory, ready to upload.
struct LocalWheel {
  std::string fileName;  // "<dist>-<version>-py3-none-any.whl"
  std::string bytes;
  std::string origin;    // the file given, or the folder it was built from (for messages)
};

/// What the command line said about the wheels of `sourceName`.
struct WheelChoice {
  std::string sourceName;
  std::optional<std::string> connectorWheel;  // --wheel FILE: used instead of building
  std::optional<std::string> frameworkWheel;  // --framework-wheel FILE
  bool skipFramework = false;                 // --skip-framework
  /// --source-dir: a checkout of lakeflow-community-connectors. Without it the current
  /// directory and its parents are searched for one.
  std::optional<std::filesystem::path> sourceDir;
  std::optional<std::filesystem::path> keepDir;  // --keep-wheel DIR: built wheels written there too
};

/// The wheels to upload, framework first (unless skipped), then the connector. Built wheels are
/// reproducible: the same checkout gives the same bytes. Progress lines go to `out`.
engine::Result<std::vector<LocalWheel>> resolveWheels(const WheelChoice& choice, std::ostream& out);

/// Reads given wheel files (publish -p, create_pipeline -p) in order, each checked to exist and
/// to be a zip archive; the packages they hold are not checked (any wheel may be a dependency).
engine::Result<std::vector<LocalWheel>> readGivenWheels(const std::vector<std::string>& paths);

/// Ensures `volume` exists (GET, and POST a MANAGED volume when missing), creates its sub-path
/// (PUT fs/directories) when it has one, then uploads each wheel with PUT fs/files
/// ?overwrite=true, in order. Overwriting is what the original does for these imperative
/// commands: the user asked for this upload now, so an older file of the same name is replaced
/// without an ownership check. Returns the /Volumes paths written; prints each to `out`.
engine::Result<std::vector<std::string>> uploadWheels(providers::WorkspaceApi& api, const engine::VolumePath& volume,
                                                      const std::vector<LocalWheel>& wheels, std::ostream& out);

/// A file of a connector's source folder as create_pipeline -u uploads it.
struct LocalSourceFile {
  std::string name;  // the file name, without folders
  std::string content;
};

/// create_pipeline -u: the folder of `sourceName` in the checkout `sourceDir`, else the one
/// around the current directory (found as the wheels' checkout is), and its top-level *.py
/// files sorted by name, then README.md and connector_spec.yaml when present. Errors: a source
/// name that is no identifier, no checkout, no such source, a file that cannot be read, none
/// of these files.
engine::Result<std::vector<LocalSourceFile>> readLocalConnectorFiles(
    const std::string& sourceName, const std::optional<std::filesystem::path>& sourceDir = std::nullopt);

/// The one-line text of the first error of `r` with its location and fix, for "Error: ...".
std::string firstErrorLine(const engine::Diagnostics& diagnostics);

}  // namespace cc::cli
