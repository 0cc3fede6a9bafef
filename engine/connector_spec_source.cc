#include "engine/connector_spec_source.h"

#include <nlohmann/json.hpp>

#include "engine/manifest_loader.h"

namespace cc::engine {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isFile(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

// The spec a text holds, or the problem (Empty for an empty or comment-only text).
std::optional<SpecProblem> parseSpecText(const std::string& text, const SpecLookup& where,
                                         std::optional<ConnectorSpec>& spec) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return SpecProblem{SpecProblem::Kind::Empty, where, {}};
  LoaderLimits limits;
  limits.requireMapping = false;
  auto yaml = loadYaml(text, where.location, limits);
  if (!yaml) return SpecProblem{SpecProblem::Kind::Invalid, where, yaml.diagnostics()};
  if (yaml->document.is_null()) return SpecProblem{SpecProblem::Kind::Empty, where, {}};
  auto parsed = parseConnectorSpec(yaml->document);
  if (!parsed) {
    Diagnostics d;
    d.error(parsed.diagnostics().items().front().summary, yaml->sources.find(""));
    return SpecProblem{SpecProblem::Kind::NotASpec, where, d};
  }
  spec = std::move(parsed).value();
  return std::nullopt;
}

// The text of one candidate, or the problem reading it.
std::optional<SpecProblem> readCandidate(const SpecLookup& c, const SpecFetch& fetch, std::string& text) {
  if (c.kind == SpecLookup::Kind::LocalFile) {
    auto read = readSourceText(c.location);
    if (!read) return SpecProblem{SpecProblem::Kind::Unreadable, c, read.diagnostics()};
    text = std::move(read).value();
    return std::nullopt;
  }
  auto body = fetch(c.location);
  if (!body) return SpecProblem{SpecProblem::Kind::FetchFailed, c, body.diagnostics()};
  text = std::move(body).value();
  return std::nullopt;
}

}  // namespace

std::string githubRawUrl(std::string url, const std::string& branch) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (endsWith(url, ".git")) url.resize(url.size() - 4);
  if (url.find("github.com") == std::string::npos) return url;
  for (const std::string prefix : {"https://github.com/", "http://github.com/", "git@github.com:"}) {
    if (url.rfind(prefix, 0) == 0) return "https://raw.githubusercontent.com/" + url.substr(prefix.size()) + "/" + branch;
  }
  return url;
}

std::vector<SpecLookup> connectorSpecCandidates(const std::string& specArgument, const std::string& source,
                                                const std::filesystem::path& cwd, const std::string& defaultRawBase,
                                                RepoLayout remoteLayout) {
  using Kind = SpecLookup::Kind;
  const bool isUrl = specArgument.rfind("http://", 0) == 0 || specArgument.rfind("https://", 0) == 0;
  const bool isSsh = specArgument.rfind("git@", 0) == 0;
  if (!specArgument.empty() && !isUrl && !isSsh) return {{Kind::LocalFile, specArgument, true}};
  const std::string relative = "sources/" + source + "/connector_spec.yaml";
  if (specArgument.empty()) {
    // A checkout of the connectors repository: its root or tools/community_connector in it,
    // in the base layout and in the newer src/ layout.
    for (const auto& root : {cwd, cwd / ".." / ".."}) {
      for (const std::string prefix : {"", "src/databricks/labs/community_connector/"}) {
        const auto p = root / (prefix + relative);
        if (isFile(p)) return {{Kind::LocalFile, p.lexically_normal().string(), false}};
      }
    }
  }
  std::string base = specArgument.empty() ? defaultRawBase : githubRawUrl(specArgument);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return {{Kind::Remote, base + "/" + layoutSpecPath(remoteLayout, source), false}};
}

Result<ConnectorSpec> loadConnectorSpecFile(const std::string& path) {
  SpecResolution r = resolveConnectorSpec({{SpecLookup::Kind::LocalFile, path, true}}, nullptr);
  if (r.spec) return std::move(*r.spec);
  const SpecProblem& p = r.problems.front();
  if (p.kind == SpecProblem::Kind::Unreadable || p.kind == SpecProblem::Kind::Invalid) return p.diagnostics;
  std::optional<SourceRange> at = SourceRange{path, 1, 1};
  if (!p.diagnostics.empty()) at = p.diagnostics.items().front().range;
  return Result<ConnectorSpec>::failure("connector spec '" + path + "' must be a mapping with a 'connection' key", at);
}

SpecResolution resolveConnectorSpec(const std::vector<SpecLookup>& candidates, const SpecFetch& fetch) {
  SpecResolution out;
  for (const SpecLookup& c : candidates) {
    if (c.kind == SpecLookup::Kind::None || (c.kind == SpecLookup::Kind::Remote && !fetch)) continue;
    std::string text;
    auto problem = readCandidate(c, fetch, text);
    if (!problem) problem = parseSpecText(text, c, out.spec);
    if (!problem) {
      out.from = c.location;
      return out;
    }
    out.problems.push_back(std::move(*problem));
    if (c.explicitPath) break;
  }
  return out;
}

}  // namespace cc::engine
