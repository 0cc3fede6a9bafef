#pragma once
// Where a connector spec comes from and how it is read: the one resolver behind manifest
// validation (a `spec:` path) and the original tool's connection commands (--spec, a local
// checkout, the repository's raw file). Remote text is fetched through a function the caller
// gives (providers/raw_file_fetch.h over HTTPS); the engine itself sends nothing.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/connector_spec.h"
#include "engine/diagnostic.h"
#include "engine/repo_layout.h"
#include "engine/result.h"

namespace cc::engine {

/// One place to read a connector spec from.
struct SpecLookup {
  enum class Kind { LocalFile, Remote, None };
  Kind kind = Kind::None;
  std::string location;       // path or URL
  bool explicitPath = false;  // the user named this file: no other place is tried after it
};

/// A GitHub repository URL (https, http or git@ form) → its raw.githubusercontent.com base for
/// `branch`; a trailing '/' and then '.git' are removed; any other URL is returned as is.
std::string githubRawUrl(std::string url, const std::string& branch = "master");

/// The original tool's candidates for `source`: an explicit --spec path; else a
/// `sources/<source>/connector_spec.yaml` (or the newer `src/databricks/labs/community_connector/
/// sources/<source>/...`) under `cwd` or `cwd/../..`; else the remote file under the --spec
/// repository URL or the default repository (`defaultRawBase`), at the path of `remoteLayout`.
std::vector<SpecLookup> connectorSpecCandidates(const std::string& specArgument, const std::string& source,
                                                const std::filesystem::path& cwd, const std::string& defaultRawBase,
                                                RepoLayout remoteLayout = RepoLayout::Legacy);

/// Why a candidate gave no spec.
struct SpecProblem {
  enum class Kind {
    Unreadable,   // the file could not be read
    Empty,        // the text is empty or only comments
    Invalid,      // not YAML
    NotASpec,     // YAML, but not a mapping
    FetchFailed,  // the remote text could not be fetched
  };
  Kind kind = Kind::Invalid;
  SpecLookup where;
  Diagnostics diagnostics;  // what went wrong, located in the spec file where possible
};

/// What the candidates gave: the first spec read, and the problems of those tried before it.
struct SpecResolution {
  std::optional<ConnectorSpec> spec;
  std::string from;  // the location `spec` was read from
  std::vector<SpecProblem> problems;
};

/// Fetches the text at a URL; failures carry a one-line summary such as "HTTP Error 404: Not Found".
using SpecFetch = std::function<Result<std::string>(const std::string& url)>;

/// A local spec file a manifest names: an empty file or one that is not a mapping is an
/// error, located in that file.
Result<ConnectorSpec> loadConnectorSpecFile(const std::string& path);

/// Tries the candidates in order until one gives a spec; stops after an explicit path. A
/// remote candidate with no `fetch` is skipped.
SpecResolution resolveConnectorSpec(const std::vector<SpecLookup>& candidates, const SpecFetch& fetch);

}  // namespace cc::engine
