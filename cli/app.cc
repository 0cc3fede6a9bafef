// The argument grammar of community-connector (CLI11) and dispatch to the commands.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <vector>

#include "cli/command_help.h"
#include "cli/commands.h"
#include "cli/original/command_specs.h"
#include "cli/exit_code.h"
#include "render/schema_markdown.h"
#include "engine/deployment.h"
#include "cli/version.h"

namespace cc::cli {
namespace {

std::string underscoreSpelling(std::string name) {
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

void addManifestFlags(CLI::App& cmd, ManifestOptions& m) {
  cmd.add_option("-f,--file", m.file, "manifest file ('-' reads stdin)")
      ->default_str("connectors.yaml");
  cmd.add_option("--var", m.vars, "set a manifest variable: NAME=VALUE (repeatable)");
  cmd.add_option("-e,--env", m.environment,
                 "environment of the manifest's `environments:` (the deployment's scope); default: default")
      ->envname("COMMUNITY_CONNECTOR_ENV");
}

// "30s", "5m", "1h", "90" (seconds): Terraform's -lock-timeout spelling, or plain seconds.
std::optional<double> durationSeconds(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double scale = 1;
  std::string number = text;
  switch (text.back()) {
    case 's': number.pop_back(); break;
    case 'm': number.pop_back(); scale = 60; break;
    case 'h': number.pop_back(); scale = 3600; break;
    default: break;
  }
  double value = -1;
  if (number.empty() || !CLI::detail::lexical_cast(number, value) || !(value >= 0) || value > 1e7) return std::nullopt;
  return value * scale;
}

void addMassDeleteFlags(CLI::App& cmd, MassDeleteOptions& m) {
  cmd.add_flag("--allow-mass-delete", m.allow,
               "allow deleting all, or more than half, of the deployment's resources without asking");
  cmd.add_option("--expect-deletes", m.expectDeletes, "refuse unless the plan deletes exactly N resources")
      ->check(CLI::NonNegativeNumber);
}

bool envSet(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

// The arguments in CLI11's order (reversed). Terraform's `plan -out=FILE` / `-out FILE` means
// `--out`: left alone, CLI11 would read it as `-o` with the value "ut=FILE".
std::vector<std::string> commandWords(int argc, const char* const* argv) {
  std::vector<std::string> words;
  bool afterPlan = false;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (afterPlan && (word == "-out" || word.rfind("-out=", 0) == 0)) word = "-" + word;
    afterPlan = afterPlan || word == "plan";
    words.push_back(std::move(word));
  }
  std::reverse(words.begin(), words.end());
  return words;
}

// Everything the grammar fills in; it outlives the parse.
struct ParsedOptions {
  GlobalOptions global;
  ValidateOptions validate;
  PlanOptions plan;
  ApplyOptions apply;
  DestroyOptions destroy;
  ShowOptions show;
  ForceUnlockOptions unlock;
  ImportOptions import;
  AuthDescribeOptions authDescribe;
  std::string completionShell;
  bool schemaMarkdown = false;
  std::string schemaFile;
};

// The subcommands, to ask which one the command line named.
struct Subcommands {
  CLI::App* validate = nullptr;
  CLI::App* plan = nullptr;
  CLI::App* apply = nullptr;
  CLI::App* destroy = nullptr;
  CLI::App* show = nullptr;
  CLI::App* unlock = nullptr;
  CLI::App* import = nullptr;
  CLI::App* schema = nullptr;
  CLI::App* completion = nullptr;
  CLI::App* version = nullptr;
  CLI::App* authDescribe = nullptr;
  std::vector<std::pair<std::string, CLI::App*>> original;  // the original tool's commands, by name
};

// A --retry-timeout / --lock-timeout value in seconds; `error` when it is not a duration (or zero
// where zero is not allowed).
CLI::Validator durationValidator(bool allowZero, std::string error) {
  return CLI::Validator(
      [allowZero, error](std::string& v) {
        auto seconds = durationSeconds(v);
        if (!seconds || (!allowZero && *seconds <= 0)) return error;
        v = std::to_string(*seconds);
        return std::string();
      },
      "DURATION");
}

void addGlobalOptions(CLI::App& app, GlobalOptions& global) {
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string(versionLine()));
  app.add_flag("--debug", global.debug, "log every request and response to stderr (secrets masked)");
  app.add_flag("--no-color", global.noColor, "plain output without ANSI colours (also NO_COLOR)");
  app.add_flag("-q,--quiet", global.quiet, "print only errors and the final summary");
  app.add_option("-p,--profile", global.profile, "~/.databrickscfg profile to use (DATABRICKS_CONFIG_FILE names another file)");
  app.add_option("--host", global.host, "workspace URL, e.g. https://adb-123.azuredatabricks.net");
  app.add_option("--retry-timeout", global.retryTimeoutSeconds,
                 "how long one request may be retried (429, 5xx, lost answers) before it fails: 30s, 5m; default 5m")
      ->transform(durationValidator(false, "must be a duration such as 30s or 5m, or a number of seconds"));
  app.footer(
      "Examples:\n"
      "  community-connector validate -f connectors.yaml\n"
      "  community-connector plan -o plan.json\n"
      "  community-connector apply plan.json\n"
      "\nThe original tool's commands are kept: create_pipeline, run_pipeline, show_pipeline,\n"
      "create_connection, update_connection, update_pipeline, upload, publish, unpublish (run one\n"
      "with --help for its options).\n"
      "delete_pipeline and delete_connection are this tool's additions, in their style.");
}

CLI::App* addValidate(CLI::App& app, ValidateOptions& validate) {
  auto* cmd = app.add_subcommand("validate", "check a manifest offline: schema and semantic rules");
  addManifestFlags(*cmd, validate.manifest);
  cmd->add_flag("--require-env", validate.requireEnv,
                "an unset ${env.NAME} is an error (by default a warning: validate needs no secrets)");
  cmd->add_option("--format", validate.format, "diagnostics format")->check(CLI::IsMember({"text", "json"}));
  return cmd;
}

CLI::App* addPlan(CLI::App& app, PlanOptions& plan) {
  auto* cmd = app.add_subcommand("plan", "compare a manifest with the workspace and show the changes");
  addManifestFlags(*cmd, plan.manifest);
  cmd->add_option("-o,--out", plan.outFile, "save the plan to this file for `apply PLANFILE` (- for standard output)");
  cmd->add_option("--format", plan.format, "output format")->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_flag("--prune", plan.prune, "plan deletion of owned resources the manifest no longer lists");
  cmd->add_flag("--adopt", plan.adopt, "take ownership of same-named resources created elsewhere");
  cmd->add_option("--parallelism", plan.parallelism, "reads of one resource kind in flight at once")
      ->check(CLI::Range(1, 256))->default_str("10");
  cmd->add_flag("--detailed-exitcode", plan.detailedExitcode,
                "exit 0 with no changes, 1 on error, 2 when there are changes");
  cmd->add_flag("--destroy", plan.destroy, "preview what `destroy` would delete (save it with -o, apply it with `apply FILE`)");
  cmd->add_option("--target", plan.targets, "plan only this resource address, e.g. pipeline.NAME (and its dependencies; an environment is -e); repeatable");
  return cmd;
}

// apply's and destroy's: whether to ask, and how many actions at once.
void addActionFlags(CLI::App& cmd, bool& autoApprove, int& parallelism) {
  cmd.add_flag("--auto-approve", autoApprove, "do not ask for confirmation");
  cmd.add_option("--parallelism", parallelism, "actions run at once (and reads of one resource kind while planning)")
      ->check(CLI::Range(1, 256))->default_str("10");
}

// --format text|json of the commands that print a result: json puts one JSON object with a
// format_version on stdout (docs/user-guide.md, "Machine-readable output").
void addResultFormat(CLI::App& cmd, std::string& format, const std::string& json) {
  cmd.add_option("--format", format, "output format; json: " + json)->check(CLI::IsMember({"text", "json"}));
}

CLI::App* addApply(CLI::App& app, ApplyOptions& apply) {
  auto* cmd = app.add_subcommand("apply", "make the workspace match a manifest or a saved plan");
  addManifestFlags(*cmd, apply.manifest);
  cmd->add_option("PLANFILE", apply.planFile, "a plan saved by `plan -o`: applied exactly, or refused if stale");
  addActionFlags(*cmd, apply.autoApprove, apply.parallelism);
  cmd->add_flag("--prune", apply.prune, "delete owned resources the manifest no longer lists");
  cmd->add_flag("--adopt", apply.adopt, "take ownership of same-named resources created elsewhere");
  cmd->add_option("--authorize", apply.authorize,
                  "run the OAuth browser flow for this u2m connection and send its grant (needs a terminal); repeatable");
  cmd->add_option("--target", apply.targets, "apply only this resource address, e.g. pipeline.NAME (and its dependencies; an environment is -e); repeatable");
  cmd->add_option("--lock-timeout", apply.lockTimeoutSeconds, "how long to wait for another apply's lock: 30s, 5m, 1h or seconds")
      ->transform(durationValidator(
          true, "must be a duration such as 30s, 5m or 1h, or a number of seconds (0: fail at once if locked)"))
      ->default_str("0");
  addMassDeleteFlags(*cmd, apply.massDelete);
  cmd->add_option("--wait-timeout", apply.waitTimeoutSeconds,
                  "seconds a run with `wait` is followed before apply fails (the update goes on); 0: no limit")
      ->check(CLI::NonNegativeNumber)
      ->default_str("3600");
  addResultFormat(*cmd, apply.format, "each action's result and a summary on stdout, the plan and progress on stderr");
  return cmd;
}

CLI::App* addDestroy(CLI::App& app, DestroyOptions& destroy) {
  auto* cmd = app.add_subcommand("destroy", "delete every resource the manifest owns");
  addManifestFlags(*cmd, destroy.manifest);
  addActionFlags(*cmd, destroy.autoApprove, destroy.parallelism);
  addMassDeleteFlags(*cmd, destroy.massDelete);
  addResultFormat(*cmd, destroy.format, "each deletion's result and a summary on stdout, the plan and progress on stderr");
  return cmd;
}

CLI::App* addShow(CLI::App& app, ShowOptions& show) {
  auto* cmd = app.add_subcommand("show", "print a plan saved by `plan -o`, without reading the workspace");
  cmd->add_option("PLANFILE", show.planFile, "the saved plan")->required();
  cmd->add_option("--format", show.format, "output format")->check(CLI::IsMember({"text", "json", "markdown"}));
  return cmd;
}

CLI::App* addForceUnlock(CLI::App& app, ForceUnlockOptions& unlock) {
  auto* cmd = app.add_subcommand("force-unlock", "remove the apply lock a crashed apply left in the deployment");
  addManifestFlags(*cmd, unlock.manifest);
  cmd->add_option("LOCK_ID", unlock.lockId, "the lock id the \"locked by\" message shows (needed when a lock is held)");
  cmd->add_flag("-y,--yes", unlock.yes, "do not ask for confirmation");
  return cmd;
}

CLI::App* addImport(CLI::App& app, ImportOptions& import) {
  auto* cmd = app.add_subcommand("import", "write a manifest of the workspace's connections and pipelines");
  cmd->add_option("--source", import.source, "only this connector source");
  cmd->add_flag("--owned-only", import.ownedOnly, "only resources this tool created");
  cmd->add_option("--deployment", import.deployment,
                  "the deployment name the manifest gets (default: the one its resources' markers name)")
      ->check([](const std::string& v) {
        return engine::isDeploymentName(v) ? std::string() : "must be 1-64 letters, digits, '_', '-' or '.'";
      });
  addResultFormat(*cmd, import.format, "the manifest (as YAML text and as JSON), the notes and the counts");
  return cmd;
}

CLI::App* addSchema(CLI::App& app, ParsedOptions& o) {
  auto* cmd = app.add_subcommand("schema", "print the manifest JSON Schema (for editors)");
  cmd->add_flag("--markdown", o.schemaMarkdown, "print the manifest reference in Markdown instead");
  cmd->add_option("--write", o.schemaFile, "write it to this file (e.g. manifest.schema.json beside the manifests)")
      ->expected(0, 1)
      ->default_str("manifest.schema.json");
  return cmd;
}

CLI::App* addCompletion(CLI::App& app, std::string& shell) {
  auto* cmd = app.add_subcommand("completion", "print a shell completion script (bash or zsh)");
  cmd->add_option("SHELL", shell, "bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  return cmd;
}

// Returns `auth describe`, the only command under `auth`.
CLI::App* addAuth(CLI::App& app, AuthDescribeOptions& describe) {
  auto* auth = app.add_subcommand("auth", "show how the tool authenticates to the workspace");
  auto* cmd = auth->add_subcommand("describe", "print host, auth type and where each value came from");
  addManifestFlags(*cmd, describe.manifest);
  addResultFormat(*cmd, describe.format, "the same facts as one object (secrets are never printed)");
  auth->require_subcommand(1);
  return cmd;
}

// The original tool's commands keep their own grammar (e.g. `-ps`), parsed in
// original/commands.cc; CLI11 only hands over the words after the command name.
std::vector<std::pair<std::string, CLI::App*>> addOriginalCommands(CLI::App& app) {
  std::vector<std::pair<std::string, CLI::App*>> commands;
  for (const ClickCommand& command : originalCommands()) {
    const std::string& name = command.name;
    // The delete_* commands are this tool's additions, in the same style.
    const bool original = name.rfind("delete_", 0) != 0;
    auto* sub = app.add_subcommand(name, original ? "the original tool's " + name + " (see --help)"
                                                  : "community-connector's addition, in the original's style (see --help)");
    std::string dashed = name;
    for (char& c : dashed)
      if (c == '_') c = '-';
    if (dashed != name) sub->alias(dashed);
    sub->prefix_command();
    sub->fallthrough(false);
    sub->set_help_flag();
    sub->allow_extras();
    commands.emplace_back(name, sub);
  }
  return commands;
}

// The whole grammar, in the order --help lists it.
Subcommands buildGrammar(CLI::App& app, ParsedOptions& o) {
  Subcommands s;
  addGlobalOptions(app, o.global);
  s.validate = addValidate(app, o.validate);
  s.plan = addPlan(app, o.plan);
  s.apply = addApply(app, o.apply);
  s.destroy = addDestroy(app, o.destroy);
  s.show = addShow(app, o.show);
  s.unlock = addForceUnlock(app, o.unlock);
  s.import = addImport(app, o.import);
  s.schema = addSchema(app, o);
  s.completion = addCompletion(app, o.completionShell);
  s.version = app.add_subcommand("version", "print the version and build information");
  s.authDescribe = addAuth(app, o.authDescribe);
  s.original = addOriginalCommands(app);
  addExampleFooters(app);
  return s;
}

// Parses argv into `app`. An exit code when parsing alone ends the run: --help, --version or a
// usage error.
std::optional<int> parseCommandLine(CLI::App& app, int argc, const char* const* argv, Console& console) {
  std::vector<std::string> words = commandWords(argc, argv);
  try {
    app.parse(words);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, console.out, console.err);
  } catch (const CLI::CallForVersion& e) {
    // Scripts parse the first line; build information only when asked for (--debug).
    console.out << versionLine() << "\n";
    if (std::find(argv + 1, argv + argc, std::string_view("--debug")) != argv + argc) console.out << buildInfo() << "\n";
    return toInt(ExitCode::Ok);
  } catch (const CLI::ParseError& e) {
    console.err << "error: " << e.what() << "\n";
    console.err << "run 'community-connector --help' for usage\n";
    return toInt(ExitCode::Error);
  }
  return std::nullopt;
}

void applyColourSettings(GlobalOptions& global, Console& console) {
  if (envSet("NO_COLOR")) global.noColor = true;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::string_view(term) == "dumb") global.noColor = true;
  if (global.noColor) console.color = false;
}

// The command that talks to a workspace, if the command line names one.
std::optional<WorkspaceCommand> workspaceCommand(const Subcommands& s, const ParsedOptions& o) {
  if (s.plan->parsed()) return o.plan;
  if (s.apply->parsed()) return o.apply;
  if (s.destroy->parsed()) return o.destroy;
  if (s.unlock->parsed()) return o.unlock;
  if (s.import->parsed()) return o.import;
  if (s.authDescribe->parsed()) return o.authDescribe;
  for (const auto& [name, sub] : s.original) {
    if (sub->parsed()) return OriginalCommandOptions{underscoreSpelling(name), sub->remaining()};
  }
  return std::nullopt;
}

// The commands that need no workspace; with no command, the top-level help.
int runOfflineCommand(const CLI::App& app, const Subcommands& s, const ParsedOptions& o, Console& console) {
  if (s.validate->parsed()) return runValidate(o.global, o.validate, console);
  if (s.show->parsed()) return runShow(o.global, o.show, console);
  if (s.schema->parsed()) return o.schemaMarkdown ? runSchemaMarkdown(console) : runSchema(o.global, o.schemaFile, console);
  if (s.version->parsed()) {
    console.out << versionLine() << "\n" << buildInfo() << "\n";
    return toInt(ExitCode::Ok);
  }
  if (s.completion->parsed()) {
    const CompletionModel model = completionModel(app);
    console.out << (o.completionShell == "zsh" ? zshCompletionScript(model) : bashCompletionScript(model));
    return toInt(ExitCode::Ok);
  }
  console.out << app.help();
  return toInt(ExitCode::Ok);
}

}  // namespace

int runCommandLine(int argc, const char* const* argv, Console& console, const WorkspaceRunner& runWorkspace) {
  CLI::App app{"community-connector: declarative set-up of Lakeflow community connectors in "
               "Databricks workspaces",
               "community-connector"};
  ParsedOptions options;
  const Subcommands subcommands = buildGrammar(app, options);
  if (auto exitCode = parseCommandLine(app, argc, argv, console)) return *exitCode;
  applyColourSettings(options.global, console);
  if (auto command = workspaceCommand(subcommands, options)) return runWorkspace(options.global, *command, console);
  return runOfflineCommand(app, subcommands, options, console);
}

}  // namespace cc::cli
