// upload, publish, unpublish (today's original, §7.4 and §7.7). They are request sequences the
// user asks for now, not desired state: nothing of theirs goes through the planner. Every input
// (volume path, wheels, display name, spec) is checked before the first request.
#include "cli/command_support.h"
#include "cli/original/command_set.h"
#include "cli/original/output.h"
#include "cli/original/package_upload.h"
#include "cli/original/publish_manifest.h"
#include "cli/original/session.h"
#include "cli/original/spec_loader.h"
#include "providers/workspace_api.h"

namespace cc::cli {
namespace {

constexpr const char* kPublishFolder = ".community-connectors";

std::string apiFailure(const std::string& what, const providers::ApiError& e) { return what + ": " + e.shortLine(); }

WheelChoice wheelChoice(const OriginalContext& ctx, const std::string& source) {
  WheelChoice choice;
  choice.sourceName = source;
  choice.connectorWheel = ctx.args.value("wheel");
  choice.frameworkWheel = ctx.args.value("framework_wheel");
  choice.skipFramework = ctx.args.flag("skip_framework");
  if (auto dir = ctx.args.value("source_dir")) choice.sourceDir = *dir;
  if (auto dir = ctx.args.value("keep_wheel")) choice.keepDir = *dir;
  return choice;
}

engine::Result<std::string> displayNameOf(const OriginalContext& ctx, const std::string& source,
                                          const std::optional<engine::ConnectorSpec>& spec) {
  return publishDisplayName(ctx.args.value("display_name"), spec ? spec->displayName : std::string(), source);
}

/// The session and /Users/<me>/.community-connectors/<display>.connector.json (`me` from GET
/// /Me), for publish and unpublish.
struct PublishTarget {
  std::unique_ptr<OriginalSession> session;
  std::string folder, path;
  bool exists = false;  // read with get-status
};

// nullopt when `target` is ready; otherwise the exit code after the error was printed.
std::optional<int> openPublishTarget(const OriginalContext& ctx, const std::string& verb, const std::string& displayName,
                                     PublishTarget& target) {
  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail("Failed to " + verb + ": " + session.diagnostics().items().front().summary);
  target.session = std::move(session).value();
  auto me = target.session->api().currentUserName();
  if (!me) return ctx.fail(apiFailure("Failed to read the current user", me.error()));
  target.folder = "/Users/" + *me + "/" + kPublishFolder;
  target.path = target.folder + "/" + displayName + ".connector.json";
  auto existing = target.session->api().findStatus(target.path);
  if (!existing) return ctx.fail(apiFailure("Failed to read " + target.path, existing.error()));
  target.exists = existing->has_value();
  return std::nullopt;
}

// publish's wheels: -p files, else built from a checkout when there is one; none is a warning.
engine::Result<std::vector<LocalWheel>> publishWheels(const OriginalContext& ctx, const std::string& source) {
  const auto given = ctx.args.all("package");
  if (!given.empty()) return readGivenWheels(given);
  WheelChoice choice;
  choice.sourceName = source;
  auto built = resolveWheels(choice, ctx.console.out);
  if (built) return built;
  const auto& d = built.diagnostics().items().front();
  if (d.summary.rfind("no checkout", 0) != 0) return built;
  ctx.console.err << kWarningPrefix << "No checkout of the connectors repository here: publishing without "
                  << "dependencies (pass -p WHEEL to add them)\n";
  return std::vector<LocalWheel>{};
}

}  // namespace

int runOriginalUpload(const OriginalContext& ctx) {
  auto& out = ctx.console.out;
  const std::string source = ctx.args.arguments.at(0);
  if (ctx.args.value("framework_wheel") && ctx.args.flag("skip_framework"))
    return ctx.fail("--framework-wheel and --skip-framework exclude each other: drop one of them");
  auto volume = engine::parseVolumePath(ctx.args.value("volume_path").value_or(""));
  if (!volume) return ctx.fail("Invalid --volume-path: " + firstErrorLine(volume.diagnostics()));
  out << "Uploading connector " << source << " to " << volume->path() << "\n";
  auto wheels = resolveWheels(wheelChoice(ctx, source), out);
  if (!wheels) return ctx.fail(firstErrorLine(wheels.diagnostics()));
  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail("Failed to upload: " + session.diagnostics().items().front().summary);
  auto uploaded = uploadWheels((*session)->api(), *volume, *wheels, out);
  if (!uploaded) return ctx.fail(firstErrorLine(uploaded.diagnostics()));
  ctx.result.update({{"action", "uploaded"}, {"source_name", source}, {"volume_path", volume->path()},
                     {"files", *uploaded}});
  out << kCheckMark << "Upload complete!\n";
  return 0;
}

int runOriginalPublish(const OriginalContext& ctx) {
  auto& out = ctx.console.out;
  const std::string source = ctx.args.arguments.at(0);
  const bool overwrite = ctx.args.flag("overwrite");
  out << "Publishing connector: " << source << "\n";
  auto spec = loadOriginalConnectorSpecDocument(ctx.args.value("spec").value_or(""), source, ctx.console.err);
  if (!spec.spec) ctx.console.err << kWarningPrefix << "No connector spec found: publishing it as null\n";
  auto display = displayNameOf(ctx, source, spec.spec);
  if (!display) return ctx.fail(display.diagnostics().items().front().summary);
  out << "Display name: " << *display << "\n";
  auto volume = ctx.args.value("volume_path")
                    ? engine::parseVolumePath(*ctx.args.value("volume_path"))
                    : engine::Result<engine::VolumePath>(engine::defaultPackagesVolume(
                          ctx.args.value("catalog").value_or(""), ctx.args.value("schema").value_or("")));
  if (!volume) return ctx.fail("Invalid --volume-path: " + firstErrorLine(volume.diagnostics()));
  auto wheels = publishWheels(ctx, source);
  if (!wheels) return ctx.fail(firstErrorLine(wheels.diagnostics()));

  PublishTarget target;
  if (auto failed = openPublishTarget(ctx, "publish", *display, target)) return *failed;
  auto& api = target.session->api();
  const std::string& path = target.path;
  // Seen before any upload, so that a refused publish changes nothing.
  if (target.exists && !overwrite) return ctx.fail(path + " already exists; pass --overwrite to replace it");
  std::vector<std::string> dependencies;
  if (!wheels->empty()) {
    auto uploaded = uploadWheels(api, *volume, *wheels, out);
    if (!uploaded) return ctx.fail(firstErrorLine(uploaded.diagnostics()));
    dependencies = *uploaded;
  }
  if (auto made = api.mkdirs(target.folder); !made)
    return ctx.fail(apiFailure("Failed to create " + target.folder, made.error()));
  auto written = api.importFile(path, publishManifestText(source, *display, spec.document, dependencies), "AUTO", "", overwrite);
  if (!written) {
    if (written.error().isAlreadyExists()) return ctx.fail(path + " already exists; pass --overwrite to replace it");
    return ctx.fail(apiFailure("Failed to publish " + path, written.error()));
  }
  ctx.result.update({{"action", "published"}, {"source_name", source}, {"display_name", *display},
                     {"path", path}, {"dependencies", dependencies}});
  out << kCheckMark << "Published " << path << "\n";
  return 0;
}

int runOriginalUnpublish(const OriginalContext& ctx) {
  auto& out = ctx.console.out;
  const std::string source = ctx.args.arguments.at(0);
  auto spec = ctx.args.value("display_name") ? SpecWithDocument{}
                                             : loadOriginalConnectorSpecDocument(ctx.args.value("spec").value_or(""),
                                                                                 source, ctx.console.err);
  auto display = displayNameOf(ctx, source, spec.spec);
  if (!display) return ctx.fail(display.diagnostics().items().front().summary);
  PublishTarget target;
  if (auto failed = openPublishTarget(ctx, "unpublish", *display, target)) return *failed;
  const std::string& path = target.path;
  if (!target.exists) return ctx.fail("Connector '" + *display + "' is not published: " + path + " does not exist");
  if (!ctx.args.flag("yes")) {
    if (!ctx.console.interactive) return ctx.fail("not deleting " + path + " without a yes: pass -y to delete it");
    if (!confirm(ctx.console, "Delete " + path + "?")) return ctx.fail("nothing was deleted");
  }
  if (auto removed = target.session->api().deletePath(path, false); !removed)
    return ctx.fail(apiFailure("Failed to unpublish " + path, removed.error()));
  ctx.result.update({{"action", "unpublished"}, {"source_name", source}, {"display_name", *display}, {"path", path}});
  out << kCheckMark << "Unpublished " << path << "\n";
  return 0;
}

}  // namespace cc::cli
