#pragma once
// The original tool's command-line inputs that are more than a word: the pipeline spec (-ps),
// connection options (-o) and where a connector spec is looked for (-s). Pure functions; error
// texts are the original's (original-tool.md §1.6, §3.4, §4).

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::cli {

/// -ps: a path when it ends in .yaml/.yml/.json (case-sensitive), else an inline JSON string.
/// Errors: `Pipeline spec file not found: <path>`, `Failed to parse pipeline spec file: <e>`,
/// `Invalid JSON for --pipeline-spec: <e>`. The document is not validated here.
engine::Result<nlohmann::json> readPipelineSpecArgument(const std::string& argument);

/// -o: a JSON object, keys kept in the order written. Errors: `Invalid JSON for --options: <e>`,
/// `--options must be a JSON object (key-value pairs)`.
engine::Result<nlohmann::ordered_json> parseConnectionOptions(const std::string& text);

/// UC connection options are strings: non-string values become their JSON text (a number or
/// boolean as written, an object or list as compact JSON). The original sent them typed.
std::string optionValueText(const nlohmann::ordered_json& value);

/// A GitHub repository URL (https, http or git@ form) → its raw.githubusercontent.com base for
/// `branch`; a trailing '/' and then '.git' are removed; any other URL is returned as is.
std::string githubRawUrl(std::string url, const std::string& branch = "master");

/// Where to read a connector spec from, in the order tried.
struct SpecLookup {
  enum class Kind { LocalFile, Remote, None };
  Kind kind = Kind::None;
  std::string location;  // path or URL
  bool explicitPath = false;  // --spec named a local file (unreadable → warning, no fallback)
};

/// The connector spec candidates for `source`: an explicit --spec path; else a
/// `sources/<source>/connector_spec.yaml` (or the newer `src/databricks/labs/community_connector/
/// sources/<source>/...`) under `cwd` or `cwd/../..`; else the remote file under the --spec
/// repository URL or the default repository (`defaultRawBase`).
std::vector<SpecLookup> connectorSpecCandidates(const std::string& specArgument, const std::string& source,
                                                const std::filesystem::path& cwd,
                                                const std::string& defaultRawBase);

}  // namespace cc::cli
