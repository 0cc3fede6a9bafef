// Where the wheels come from (documented in docs/user-guide.md, "upload"):
//   connector: <checkout>/src/databricks/labs/community_connector/sources/<src>, or the
//              older layout's <checkout>/sources/<src>; packaged as
//              databricks/labs/community_connector/sources/<src>.
//   framework: <checkout>/src/databricks/labs/community_connector without its sources/ folder
//              (each connector wheel carries its own), packaged under the same path.
// Names and versions come from the pyproject.toml beside them when it has them.
#include "cli/original/package_upload.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/original/output.h"
#include "providers/workspace_api.h"
#include "wheel/connector_wheel.h"
#include "wheel/wheel_builder.h"
#include "wheel/wheel_reader.h"

namespace cc::cli {
namespace {

namespace fs = std::filesystem;
using Wheels = engine::Result<std::vector<LocalWheel>>;

constexpr const char* kPackageRoot = wheel::kConnectorPackageRoot;
constexpr const char* kCheckoutFix =
    "pass --source-dir with a checkout of https://github.com/databrickslabs/lakeflow-community-connectors, "
    "or --wheel with a built wheel";

engine::Result<LocalWheel> fail(const std::string& what, const std::string& where, const std::string& fix) {
  return engine::Result<LocalWheel>::failure(what, engine::SourceRange{where}, fix);
}

// A checkout has the package folder (today's layout) or a sources/ folder (the older one).
bool isCheckout(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "src" / kPackageRoot, ec) || fs::is_directory(dir / "sources", ec);
}

engine::Result<fs::path> findCheckout(const std::optional<fs::path>& given) {
  std::error_code ec;
  if (given) {
    if (!fs::is_directory(*given, ec))
      return engine::Result<fs::path>::failure("source directory not found", engine::SourceRange{given->string()},
                                               kCheckoutFix);
    return *given;
  }
  const fs::path cwd = fs::current_path(ec);
  for (fs::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
    if (isCheckout(dir)) return dir;
    if (dir == dir.root_path()) break;
  }
  return engine::Result<fs::path>::failure("no checkout of the connectors repository in this directory or above",
                                           engine::SourceRange{cwd.string()}, kCheckoutFix);
}

// `key = "value"` from a pyproject.toml, when the file and the key are there.
std::optional<std::string> pyprojectValue(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  const std::regex line("^\\s*" + key + "\\s*=\\s*\"([^\"]*)\"\\s*$");
  std::smatch m;
  for (std::string text; std::getline(in, text);)
    if (std::regex_match(text, m, line)) return m[1].str();
  return std::nullopt;
}

bool isIdentifier(const std::string& s) { return std::regex_match(s, std::regex("[A-Za-z_][A-Za-z0-9_]*")); }

Wheels invalidSourceName(const std::string& name) {
  return Wheels::failure("invalid source name '" + name + "'", engine::SourceRange{"SOURCE_NAME"},
                         "a source name is a Python identifier: letters, digits and '_' (e.g. github)");
}

// The package folder a wheel must hold, with its trailing '/'.
std::string connectorFolder(const std::string& source) { return std::string(kPackageRoot) + "/sources/" + source + "/"; }
std::string frameworkFolder() { return std::string(kPackageRoot) + "/interface/"; }

engine::Result<LocalWheel> readWheelFile(const std::string& path, const std::string& mustHold, const char* option) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return fail("wheel file not found", path, std::string("give an existing .whl file to ") + option);
  auto read = wheel::readWheelFile(path);
  if (!read) return read.diagnostics();
  if (!mustHold.empty() && !wheel::holdsFolder(read->entries, mustHold))
    return fail("the wheel holds no " + mustHold + " package", path,
                std::string("give ") + option + " the wheel built for this package");
  return LocalWheel{fs::path(path).filename().string(), std::move(read->bytes), path};
}

// Builds one wheel with wheel/, checks it, and writes a copy to --keep-wheel's folder.
engine::Result<LocalWheel> buildOne(wheel::WheelInput input, const std::string& mustHold, const WheelChoice& choice,
                                    std::ostream& out) {
  out << "Building " << input.distribution << " from " << input.sourceDir.string() << "\n";
  auto built = wheel::buildWheel(input);
  if (!built) return built.diagnostics();
  if (!wheel::holdsFolder(built->entries, mustHold))
    return fail("the built wheel holds no " + mustHold + " package", input.sourceDir.string(),
                "check that the folder holds Python files");
  out << kCheckMark << "Built " << built->fileName << "\n";
  if (choice.keepDir) {
    std::error_code ec;
    fs::create_directories(*choice.keepDir, ec);
    auto kept = wheel::writeWheel(*built, *choice.keepDir);
    if (!kept) return kept.diagnostics();
    out << kCheckMark << "Kept " << kept->string() << "\n";
  }
  return LocalWheel{built->fileName, std::move(built->bytes), input.sourceDir.string()};
}

// The connector's folder: today's layout, else the older one.
engine::Result<fs::path> connectorSourceDir(const fs::path& checkout, const std::string& source) {
  std::error_code ec;
  const fs::path today = checkout / "src" / kPackageRoot / "sources" / source;
  if (fs::is_directory(today, ec)) return today;
  if (fs::is_directory(checkout / "sources" / source, ec)) return checkout / "sources" / source;
  return engine::Result<fs::path>::failure("connector source '" + source + "' not found in the checkout",
                                           engine::SourceRange{today.string()},
                                           "check the source name, or " + std::string(kCheckoutFix));
}

engine::Result<fs::path> frameworkSourceDir(const fs::path& checkout) {
  const fs::path dir = checkout / "src" / kPackageRoot;
  std::error_code ec;
  if (fs::is_directory(dir / "interface", ec)) return dir;
  return engine::Result<fs::path>::failure(
      "no framework package (" + std::string(kPackageRoot) + "/interface) in the checkout", engine::SourceRange{dir.string()},
      "use a checkout of today's repository layout, give --framework-wheel, or pass --skip-framework");
}

engine::Result<LocalWheel> buildConnector(const fs::path& checkout, const fs::path& dir, const WheelChoice& choice,
                                          std::ostream& out) {
  const std::string version = pyprojectValue(dir / "pyproject.toml", "version")
                                .value_or(pyprojectValue(checkout / "pyproject.toml", "version").value_or("0.1.0"));
  wheel::WheelInput input = wheel::connectorWheelInput(dir, choice.sourceName, version);
  if (auto name = pyprojectValue(dir / "pyproject.toml", "name")) input.distribution = *name;
  return buildOne(std::move(input), connectorFolder(choice.sourceName), choice, out);
}

engine::Result<LocalWheel> buildFramework(const fs::path& checkout, const fs::path& dir, const WheelChoice& choice,
                                          std::ostream& out) {
  wheel::WheelInput input;
  input.sourceDir = dir;
  input.distribution = pyprojectValue(checkout / "pyproject.toml", "name").value_or("lakeflow-community-connectors");
  input.version = pyprojectValue(checkout / "pyproject.toml", "version").value_or("0.1.0");
  input.packagePath = kPackageRoot;
  input.excludedFolders = {"sources"};
  std::ifstream init(dir / "sources" / "__init__.py", std::ios::binary);
  if (init) {  // the sources package itself belongs to the framework
    std::ostringstream text;
    text << init.rdbuf();
    input.extraFiles.push_back({std::string(kPackageRoot) + "/sources/__init__.py", text.str()});
  }
  return buildOne(std::move(input), frameworkFolder(), choice, out);
}

// Builds the wheels not given, after finding both folders, so that a missing one fails before
// anything is built.
Wheels buildMissing(const WheelChoice& choice, bool framework, bool connector, std::ostream& out) {
  auto checkout = findCheckout(choice.sourceDir);
  if (!checkout) return checkout.diagnostics();
  std::optional<engine::Result<fs::path>> frameworkDir, connectorDir;
  if (framework) frameworkDir = frameworkSourceDir(*checkout);
  if (connector) connectorDir = connectorSourceDir(*checkout, choice.sourceName);
  for (const auto* dir : {&frameworkDir, &connectorDir})
    if (*dir && !**dir) return (*dir)->diagnostics();
  std::vector<LocalWheel> built;
  for (const auto* dir : {&frameworkDir, &connectorDir}) {
    if (!*dir) continue;
    auto w = dir == &frameworkDir ? buildFramework(*checkout, ***dir, choice, out)
                                  : buildConnector(*checkout, ***dir, choice, out);
    if (!w) return w.diagnostics();
    built.push_back(std::move(w).value());
  }
  return built;
}

}  // namespace

// Given files are read and checked before anything is built, so a typo fails at once; a
// checkout is looked for only when a wheel has to be built.
Wheels resolveWheels(const WheelChoice& choice, std::ostream& out) {
  if (!isIdentifier(choice.sourceName)) return invalidSourceName(choice.sourceName);
  const bool wantFramework = !choice.skipFramework;
  std::optional<engine::Result<LocalWheel>> framework, connector;
  if (wantFramework && choice.frameworkWheel)
    framework = readWheelFile(*choice.frameworkWheel, frameworkFolder(), "--framework-wheel");
  if (choice.connectorWheel)
    connector = readWheelFile(*choice.connectorWheel, connectorFolder(choice.sourceName), "--wheel");
  for (const auto* given : {&framework, &connector})
    if (*given && !**given) return (*given)->diagnostics();
  const bool buildFrameworkWheel = wantFramework && !framework, buildConnectorWheel = !connector;
  if (buildFrameworkWheel || buildConnectorWheel) {
    auto built = buildMissing(choice, buildFrameworkWheel, buildConnectorWheel, out);
    if (!built) return built.diagnostics();
    std::size_t next = 0;
    if (buildFrameworkWheel) framework = std::move((*built)[next++]);
    if (buildConnectorWheel) connector = std::move((*built)[next]);
  }
  std::vector<LocalWheel> wheels;
  if (framework) wheels.push_back(std::move(*framework).value());
  wheels.push_back(std::move(*connector).value());
  return wheels;
}

Wheels readGivenWheels(const std::vector<std::string>& paths) {
  std::vector<LocalWheel> wheels;
  for (const auto& p : paths) {
    auto w = readWheelFile(p, "", "-p");
    if (!w) return w.diagnostics();
    wheels.push_back(std::move(w).value());
  }
  return wheels;
}

engine::Result<std::vector<std::string>> uploadWheels(providers::WorkspaceApi& api, const engine::VolumePath& volume,
                                                      const std::vector<LocalWheel>& wheels, std::ostream& out) {
  using R = engine::Result<std::vector<std::string>>;
  auto failed = [](const std::string& what, const providers::ApiError& e) {
    return R::failure(what + ": " + e.shortLine(), std::nullopt, e.hint());
  };
  auto found = api.findVolume(volume.fullName());
  if (!found) return failed("Failed to read volume " + volume.fullName(), found.error());
  if (!found->has_value()) {
    auto created = api.createVolume({{"catalog_name", volume.catalog}, {"schema_name", volume.schema},
                                     {"name", volume.volume}, {"volume_type", "MANAGED"}});
    if (!created) return failed("Failed to create volume " + volume.fullName(), created.error());
    out << kCheckMark << "Created volume " << volume.fullName() << "\n";
  }
  if (!volume.subpath.empty()) {
    auto dir = api.createDirectory(volume.path());
    if (!dir) return failed("Failed to create directory " + volume.path(), dir.error());
  }
  std::vector<std::string> uploaded;
  for (const auto& w : wheels) {
    const std::string target = volume.file(w.fileName);
    auto put = api.uploadFile(target, w.bytes);
    if (!put) return failed("Failed to upload " + target, put.error());
    out << kCheckMark << "Uploaded " << target << "\n";
    uploaded.push_back(target);
  }
  return uploaded;
}

engine::Result<std::vector<LocalSourceFile>> readLocalConnectorFiles(const std::string& sourceName,
                                                                     const std::optional<fs::path>& sourceDir) {
  using R = engine::Result<std::vector<LocalSourceFile>>;
  if (!isIdentifier(sourceName)) return invalidSourceName(sourceName).diagnostics();
  auto checkout = findCheckout(sourceDir);
  if (!checkout) return checkout.diagnostics();
  auto dir = connectorSourceDir(*checkout, sourceName);
  if (!dir) return dir.diagnostics();
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(*dir, ec))
    if (entry.is_regular_file(ec) && entry.path().extension() == ".py") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const char* extra : {"README.md", "connector_spec.yaml"})
    if (fs::is_regular_file(*dir / extra, ec)) names.push_back(extra);
  if (names.empty())
    return R::failure("no *.py, README.md or connector_spec.yaml in the connector folder",
                      engine::SourceRange{dir->string()}, "check the source name and the checkout");
  std::vector<LocalSourceFile> files;
  for (const auto& name : names) {
    std::ifstream in(*dir / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return R::failure("file cannot be read", engine::SourceRange{(*dir / name).string()}, "check its permissions");
    files.push_back({name, text.str()});
  }
  return files;
}

std::string firstErrorLine(const engine::Diagnostics& diagnostics) {
  if (diagnostics.empty()) return "unknown error";
  const engine::Diagnostic& d = diagnostics.items().front();
  std::string line = d.summary;
  if (d.range && !d.range->file.empty()) line += ": " + d.range->toString();
  if (!d.detail.empty()) line += "\n  fix: " + d.detail;
  return line;
}

}  // namespace cc::cli
