// create_connection / update_connection / delete_connection: a one-connection desired state,
// planned and applied by the engine.
#include <atomic>
#include <iostream>
#include <optional>

#include "cli/command_support.h"
#include "cli/original/command_set.h"
#include "cli/original/connection_auth.h"
#include "cli/original/connection_options.h"
#include "cli/original/generation.h"
#include "cli/original/inputs.h"
#include "cli/original/output.h"
#include "cli/original/registry.h"
#include "cli/original/session.h"
#include "cli/original/spec_loader.h"
#include "engine/executor.h"
#include "engine/model.h"
#include "engine/planner.h"

namespace cc::cli {
namespace {

constexpr const char* kComment = "created by lakeflow community-connector CLI tool";

// The manifest of one connection. Every option the user gave is a secret: the plan, --debug
// and error messages show it as (sensitive).
engine::Manifest connectionManifest(const std::string& name, const std::string& source,
                                    const nlohmann::ordered_json& options, bool withComment, const char* type) {
  engine::Manifest m;
  m.file = "<command line>";
  nlohmann::json conn = {{"source", source}, {"options", nlohmann::json::object()}, {"type", type}};
  if (withComment) conn["comment"] = kComment;
  for (const auto& item : options.items()) {
    const std::string key = item.key();
    const std::string value = item.value().get<std::string>();
    if (key == "externalOptionsAllowList" || key == "sourceName") {
      conn["options"][key] = value;
      continue;
    }
    conn["options"][key] = "(sensitive)";
    m.secrets[nlohmann::json::json_pointer("/connections/" + name + "/options/" + key).to_string()] =
        engine::Secret(value, "-o " + key);
  }
  m.document = {{"version", 1}, {"connections", {{name, conn}}}};
  return m;
}

// "pipeline a" or "pipelines a, b".
std::string pipelinesNamed(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return (names.size() == 1 ? "pipeline " : "pipelines ") + list;
}

// Deleting a connection breaks the pipelines that read through it, so they are named first: at
// a terminal the user decides, elsewhere only --force deletes. nullopt: go on (`confirmed` set
// when the user said yes); otherwise the exit code.
std::optional<int> checkConnectionUsers(const OriginalContext& ctx, OriginalSession& session, const std::string& name,
                                        bool& confirmed) {
  if (ctx.args.flag("force")) return std::nullopt;
  auto users = session.pipelinesUsingConnection(name);
  if (!users)
    return ctx.fail("Failed to delete connection: " + originalApiMessage(users.diagnostics().items().front(), true));
  if (users->empty()) return std::nullopt;
  ctx.result["used_by"] = *users;
  if (!ctx.console.interactive)
    return ctx.fail("connection " + name + " is used by " + pipelinesNamed(*users) + "; pass --force to delete it anyway");
  ctx.console.out << "Delete connection " << name << " used by " << pipelinesNamed(*users) << "? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y" && answer != "yes"))
    return ctx.fail("nothing was deleted");
  confirmed = true;
  return std::nullopt;
}

// What a connection is made of besides its options: the auth mode, the connection type and (in
// the current generation, where the mode may come from it) the connector spec.
struct ConnectionBasis {
  engine::ConnectionAuthMode mode = engine::ConnectionAuthMode::Static;
  const char* type = engine::kLakeflowConnectionType;
  bool current = false;
  std::optional<engine::ConnectorSpec> spec;
};

// The seed: --auth-type or static, COMMUNITY only for an OAuth mode. Today's: the spec first
// (a remote one that cannot be fetched is an error), then --auth-type > its oauth.flow >
// static, always COMMUNITY. Prints the command's opening lines.
std::optional<ConnectionBasis> connectionBasis(const OriginalContext& ctx, bool create, const std::string& source,
                                               const std::string& name, int& exitCode) {
  ConnectionBasis basis;
  auto generation = originalGeneration();
  if (!generation) {
    exitCode = ctx.fail(generation.diagnostics().items().front().summary);
    return std::nullopt;
  }
  basis.current = *generation == Generation::Current;
  if (basis.current) {
    auto spec = loadCurrentConnectorSpec(ctx.args.value("spec").value_or(""), source, ctx.console.err);
    if (!spec) {
      exitCode = ctx.fail(spec.diagnostics().items().front().summary);
      return std::nullopt;
    }
    basis.spec = std::move(spec).value();
  }
  const auto mode = connectionAuthMode(ctx, exitCode, basis.spec ? &basis.spec->oauth : nullptr);
  if (!mode) return std::nullopt;
  basis.mode = *mode;
  if (basis.current || basis.mode != engine::ConnectionAuthMode::Static) basis.type = engine::kCommunityConnectionType;
  auto& out = ctx.console.out;
  out << (create ? "Creating" : "Updating") << " connection for source: " << source << "\n";
  out << "Connection name: " << name << "\n";
  if (create) out << "Connection type: " << basis.type << "\n";
  if (basis.current || ctx.args.value("auth_type")) out << "Auth type: " << engine::authModeName(basis.mode) << "\n";
  out.flush();
  return basis;
}

}  // namespace

int runOriginalConnection(const OriginalContext& ctx, bool create) {
  auto& out = ctx.console.out;
  const std::string source = ctx.args.arguments.at(0);
  const std::string name = ctx.args.arguments.at(1);
  int exitCode = 1;
  auto basis = connectionBasis(ctx, create, source, name, exitCode);
  if (!basis) return exitCode;
  const bool oauth = basis->mode != engine::ConnectionAuthMode::Static;
  const char* type = basis->type;

  auto user = parseConnectionOptions(ctx.args.value("options").value_or(""));
  if (!user) return ctx.fail(user.diagnostics().items().front().summary);
  auto spec = basis->current ? basis->spec
                             : loadOriginalConnectorSpec(ctx.args.value("spec").value_or(""), source, ctx.console.err);
  if (oauth)
    if (auto failed = addOAuthOptions(ctx, basis->mode, spec, *user)) return *failed;
  auto prepared = prepareConnectionOptions(source, *user, spec, ctx.global.debug);
  out << prepared.out;
  ctx.console.err << prepared.err;
  if (prepared.error) return ctx.fail(*prepared.error);

  const std::string verb = create ? "create" : "update";
  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail("Failed to " + verb + " connection: " + session.diagnostics().items().front().summary);
  OriginalRegistry registry((*session)->registry());

  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) return ctx.fail(bundled.diagnostics().items().front().summary);
  engine::ModelOptions modelOptions;
  modelOptions.markOwnership = false;
  auto manifest = connectionManifest(name, source, prepared.options, create, type);
  auto state = engine::buildModel(manifest, engine::WorkspaceContext{"", (*session)->host()}, *bundled, modelOptions);
  if (!state) return ctx.fail(state.diagnostics().items().front().summary);
  // The original learnt from a failed request what we learn from the plan: nothing is sent.
  // update_connection always sends its PATCH (secrets cannot be compared), never a replace.
  for (auto& r : state->resources) r.intent = create ? engine::Intent::CreateOnly : engine::Intent::UpdateAlways;
  engine::PlanSettings settings;
  settings.model = modelOptions;
  auto plan = engine::planDesiredState(*state, registry, settings);
  if (!plan) return ctx.fail("Failed to " + verb + " connection: " + originalApiMessage(plan.diagnostics().items().front(), true));
  const engine::ResourceKey key{engine::ResourceKind::Connection, name};
  const engine::PlannedAction* action = plan->find(key);
  if (action == nullptr) return ctx.fail("Failed to " + verb + " connection: the plan has no action for it");
  if (create && action->observed.exists)
    return ctx.fail("Failed to create connection: [RESOURCE_ALREADY_EXISTS] Connection '" + name + "' already exists");
  if (!create && !action->observed.exists)
    return ctx.fail("Failed to update connection: [RESOURCE_DOES_NOT_EXIST] Connection '" + name + "' does not exist.");

  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  auto summary = engine::applyPlan(*plan, registry, sequentialApplySettings(), observer, cancel);
  for (const auto& o : summary.outcomes)
    if (o.error) return ctx.fail("Failed to " + verb + " connection: " + originalApiMessage(*o.error, true));
  if (!summary.ok()) return ctx.fail("Failed to " + verb + " connection: apply did not complete");

  auto written = registry.written(key);
  std::string shownName = name, id = "N/A";
  if (written) {
    if (written->fields.contains("name") && written->fields["name"].is_string()) shownName = written->fields["name"];
    if (!written->remoteId.empty()) id = written->remoteId;
  }
  ctx.result.update({{"action", create ? "created" : "updated"}, {"connection_name", shownName},
                     {"connection_id", id}, {"source_name", source}});
  out << kCheckMark << "Connection " << (create ? "created" : "updated") << "!\n\n";
  out << banner() << "\nConnection Name: " << shownName << "\nConnection ID:   " << id << "\n" << banner() << "\n";
  return 0;
}

int runOriginalDeleteConnection(const OriginalContext& ctx) {
  auto& out = ctx.console.out;
  const std::string name = ctx.args.arguments.at(0);
  out << "Deleting connection: " << name << "\n";
  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail("Failed to delete connection: " + session.diagnostics().items().front().summary);
  OriginalRegistry registry((*session)->registry());
  engine::DesiredState state;
  engine::DesiredResource r;
  r.key = {engine::ResourceKind::Connection, name};
  r.intent = engine::Intent::Delete;  // the user named it: no ownership marker needed
  state.resources.push_back(r);
  engine::PlanSettings settings;
  settings.model.markOwnership = false;
  auto plan = engine::planDesiredState(state, registry, settings);
  if (!plan) return ctx.fail("Failed to delete connection: " + originalApiMessage(plan.diagnostics().items().front(), true));
  const engine::PlannedAction* target = plan->find(r.key);
  if (target == nullptr || !target->observed.exists)
    return ctx.fail("Failed to delete connection: [RESOURCE_DOES_NOT_EXIST] Connection '" + name + "' does not exist.");
  bool confirmed = false;  // a yes to the question about its pipelines answers for both
  if (auto refused = checkConnectionUsers(ctx, **session, name, confirmed)) return *refused;
  if (!confirmed && !confirmUnmanagedDelete(ctx, target->observed)) return 1;
  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  auto summary = engine::applyPlan(*plan, registry, sequentialApplySettings(), observer, cancel);
  for (const auto& o : summary.outcomes)
    if (o.error) return ctx.fail("Failed to delete connection: " + originalApiMessage(*o.error, true));
  ctx.result.update({{"action", "deleted"}, {"connection_name", name}});
  out << kCheckMark << "Connection deleted!\n";
  return 0;
}

}  // namespace cc::cli
