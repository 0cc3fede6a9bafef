#include "cli/original/spec_loader.h"

#include <filesystem>
#include <map>

#include "cli/original/output.h"
#include "engine/connector_spec_source.h"
#include "engine/manifest_loader.h"
#include "providers/raw_file_fetch.h"

namespace cc::cli {
namespace {

// The original's warnings: an explicit file it could not read, a remote file it could not
// fetch or parse. An empty file is "no spec" without a word, as in the original.
void warnAbout(const engine::SpecProblem& p, std::ostream& err) {
  using Kind = engine::SpecProblem::Kind;
  if (p.kind == Kind::Empty) return;
  if (p.where.kind == engine::SpecLookup::Kind::LocalFile) {
    if (p.where.explicitPath) err << kWarningPrefix << "Spec file not found or could not be read: " << p.where.location << "\n";
    return;
  }
  err << kWarningPrefix << "Could not fetch connector spec from: " << p.where.location << " ("
      << (p.diagnostics.empty() ? std::string("unknown error") : p.diagnostics.items().front().summary) << ")\n";
}

}  // namespace

std::optional<engine::ConnectorSpec> loadOriginalConnectorSpec(const std::string& specArgument,
                                                              const std::string& source, std::ostream& err) {
  const auto candidates =
      engine::connectorSpecCandidates(specArgument, source, std::filesystem::current_path(), kDefaultRawBase);
  auto resolved = engine::resolveConnectorSpec(candidates, providers::fetchRawFile);
  for (const auto& p : resolved.problems) warnAbout(p, err);
  return std::move(resolved.spec);
}

engine::Result<std::optional<engine::ConnectorSpec>> loadCurrentConnectorSpec(const std::string& specArgument,
                                                                              const std::string& source,
                                                                              std::ostream& err) {
  using R = engine::Result<std::optional<engine::ConnectorSpec>>;
  const auto candidates = engine::connectorSpecCandidates(specArgument, source, std::filesystem::current_path(),
                                                          kDefaultRawBase, engine::RepoLayout::Src);
  auto resolved = engine::resolveConnectorSpec(candidates, providers::fetchRawFile);
  for (const auto& p : resolved.problems) {
    if (p.where.kind != engine::SpecLookup::Kind::Remote) {
      warnAbout(p, err);
      continue;
    }
    const std::string why = p.diagnostics.empty() ? std::string("empty file") : p.diagnostics.items().front().summary;
    return R::failure("Could not fetch connector spec from: " + p.where.location + " (" + why +
                      "). Pass --spec with a local connector_spec.yaml, or --spec with the URL of a repository "
                      "that holds " + engine::layoutSpecPath(engine::RepoLayout::Src, source));
  }
  return R(std::move(resolved.spec));
}

SpecWithDocument loadOriginalConnectorSpecDocument(const std::string& specArgument, const std::string& source,
                                                   std::ostream& err) {
  const auto candidates =
      engine::connectorSpecCandidates(specArgument, source, std::filesystem::current_path(), kDefaultRawBase);
  std::map<std::string, std::string> fetched;  // the remote text, kept so that it is fetched once
  auto resolved = engine::resolveConnectorSpec(candidates, [&fetched](const std::string& url) {
    auto text = providers::fetchRawFile(url);
    if (text) fetched[url] = *text;
    return text;
  });
  for (const auto& p : resolved.problems) warnAbout(p, err);
  SpecWithDocument out{std::move(resolved.spec), nullptr};
  if (!out.spec) return out;
  engine::Result<std::string> text = fetched.count(resolved.from) ? engine::Result<std::string>(fetched[resolved.from])
                                                                  : engine::readSourceText(resolved.from);
  engine::LoaderLimits limits;
  limits.requireMapping = false;
  auto yaml = text ? engine::loadYaml(*text, resolved.from, limits) : engine::Result<engine::LoadedYaml>(text.diagnostics());
  if (yaml) out.document = std::move(yaml->document);
  return out;
}

}  // namespace cc::cli
