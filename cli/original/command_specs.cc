// Option names and short forms are the original tool's; the help
// sentences are ours.
#include "cli/original/command_specs.h"

namespace cc::cli {
namespace {

ClickOption text(std::vector<std::string> names, std::string dest, std::string help, bool required = false) {
  ClickOption o;
  o.names = std::move(names);
  o.dest = std::move(dest);
  o.help = std::move(help);
  o.required = required;
  return o;
}

ClickOption flag(std::vector<std::string> names, std::string dest, std::string help) {
  ClickOption o = text(std::move(names), std::move(dest), std::move(help));
  o.flag = true;
  return o;
}

ClickOption pathOption(std::vector<std::string> names, std::string dest, std::string help, std::string metavar) {
  ClickOption o = text(std::move(names), std::move(dest), std::move(help));
  o.metavar = std::move(metavar);
  return o;
}

// --format json: the result as one JSON object on stdout, the progress lines on stderr.
ClickOption formatOption() {
  ClickOption format = text({"--format"}, "format", "Output format: json prints the result as one JSON object.");
  format.choices = {"text", "json"};
  return format;
}

ClickCommand createPipelineCommand() {
  ClickCommand create;
  create.name = "create_pipeline";
  create.summary = "Create a community connector pipeline.";
  create.paragraphs = {
      "Clones the connectors repository into the workspace as a Git folder, writes ingest.py "
      "and creates a pipeline that runs it. SOURCE_NAME is the connector source (e.g. github); "
      "PIPELINE_NAME names the pipeline and its workspace folder.",
      "Give --connection-name to start from the example tables (edit ingest.py before running), "
      "or --pipeline-spec with the tables to ingest."};
  create.arguments = {"SOURCE_NAME", "PIPELINE_NAME"};
  create.options = {
      text({"-n", "--connection-name"}, "connection_name", "Unity Catalog connection to read from."),
      text({"-ps", "--pipeline-spec"}, "pipeline_spec",
           "Pipeline spec: a JSON string or a .yaml/.yml/.json file with connection_name and objects."),
      text({"-r", "--repo-url"}, "repo_url", "Git repository to clone (overrides the config)."),
      text({"-c", "--catalog"}, "catalog", "Target catalog (overrides the config)."),
      text({"-t", "--target", "--schema"}, "target",
           "Target schema (seed generation: `target`, default the source name; current: `schema`, default "
           "the config's pipeline.schema)."),
      text({"-f", "--config"}, "config",
           "YAML file layered over the bundled default_config.yaml; its `generation:` picks seed or current "
           "(COMMUNITY_CONNECTOR_GENERATION wins)."),
  };
  create.options.back().pathMustExist = true;
  create.options.back().metavar = "PATH";
  create.options.push_back(flag({"--use-workspace-pipeline"}, "use_workspace_pipeline",
                                "Git folder + ingest.py pipeline (the seed's only kind; in the current generation "
                                "the alternative to a managed pipeline)."));
  create.options.push_back(pathOption({"-p", "--package"}, "package",
                                      "Managed pipelines: a wheel to install (repeatable); without it the connector "
                                      "and framework wheels are built from the checkout around the current directory.",
                                      "FILE"));
  create.options.push_back(flag({"-u", "--use-local-source"}, "use_local_source",
                                "Workspace pipelines: after the clone, upload the connector's *.py, README.md and "
                                "connector_spec.yaml from the checkout around the current directory."));
  create.options.push_back(text({"-v", "--volume-path"}, "volume_path",
                                "Managed pipelines: the volume folder for the wheels (default: "
                                "the community_connector volume of the catalog and schema, folder packages)."));
  create.options.push_back(formatOption());
  create.examples = {"community-connector create_pipeline github github_ingest -n github_conn",
                     "community-connector create_pipeline github gh -ps spec.yaml -c main -t raw",
                     "community-connector create_pipeline github gh -n github_conn --format json",
                     "community-connector create_pipeline github gh -ps spec.yaml -p gh.whl"};
  return create;
}

ClickCommand runPipelineCommand() {
  ClickCommand run;
  run.name = "run_pipeline";
  run.summary = "Run a community connector pipeline.";
  run.paragraphs = {"Starts an update of the pipeline named PIPELINE_NAME."};
  run.arguments = {"PIPELINE_NAME"};
  run.options = {flag({"--full-refresh"}, "full_refresh", "Reset all tables and ingest them from the start."),
                 flag({"--wait"}, "wait", "Follow the update until it ends; exit 1 if it fails."), formatOption()};
  run.examples = {"community-connector run_pipeline github_ingest",
                  "community-connector run_pipeline github_ingest --full-refresh --wait"};
  return run;
}

ClickCommand showPipelineCommand() {
  ClickCommand show;
  show.name = "show_pipeline";
  show.summary = "Show status of a community connector pipeline.";
  show.arguments = {"PIPELINE_NAME"};
  show.options = {formatOption()};
  show.examples = {"community-connector show_pipeline github_ingest",
                   "community-connector show_pipeline github_ingest --format json"};
  return show;
}

// create_connection or update_connection.
ClickCommand connectionCommand(const std::string& verb) {
  ClickCommand conn;
  conn.name = verb + "_connection";
  conn.summary = verb == "create" ? "Create a UC connection for community connectors."
                                  : "Update a UC connection for community connectors.";
  conn.paragraphs = {
      "Options are checked against the connector's connector_spec.yaml when one is found, and "
      "externalOptionsAllowList and sourceName are added." +
      std::string(verb == "update" ? " Every option must be given again: the update replaces them all." : "")};
  conn.arguments = {"SOURCE_NAME", "CONNECTION_NAME"};
  conn.options = {
      text({"-o", "--options"}, "options", "Connection options as a JSON object.", true),
      text({"-s", "--spec"}, "spec", "connector_spec.yaml: a local path or a GitHub repository URL."),
      text({"--auth-type"}, "auth_type",
           "static, m2m, u2m or u2m_per_user. An OAuth mode makes a COMMUNITY connection with the spec's "
           "OAuth settings; u2m opens the authorization in a browser."),
      text({"--redirect-port"}, "redirect_port", "Loopback port of the u2m redirect (default: a free port)."),
      formatOption(),
  };
  conn.options[3].metavar = "[static|m2m|u2m|u2m_per_user]";
  conn.options[4].metavar = "INTEGER";
  conn.examples = {"community-connector " + conn.name + " github gh_conn -o '{\"token\": \"...\"}'",
                   "community-connector " + conn.name + " github gh_conn -o \"$OPTS\" -s spec.yaml",
                   "community-connector " + conn.name + " zoho_crm zc -o \"$OPTS\" --auth-type u2m"};
  return conn;
}

ClickCommand updatePipelineCommand() {
  ClickCommand update;
  update.name = "update_pipeline";
  update.summary = "Update the tables of a community connector pipeline.";
  update.paragraphs = {
      "Managed pipelines (the current generation's default): reads the pipeline, lays the new "
      "ingestion definition, catalog and schema over its settings and writes them back; its wheels "
      "stay unless -s rebuilds them or -p gives others.",
      "Workspace pipelines (the seed generation, or --use-workspace-pipeline): rewrites the "
      "pipeline's ingest.py with the new spec. Either way, run the pipeline to apply it.",
      "Today's original tool has it (the seed had none): its options and requests follow it."};
  update.arguments = {"PIPELINE_NAME"};
  update.options = {
      text({"-ps", "--pipeline-spec"}, "pipeline_spec", "Pipeline spec: a JSON string or a .yaml/.yml/.json file.",
           true),
      text({"-s", "--source-name"}, "source_name",
           "Managed pipelines: rebuild this connector's wheels from the checkout around the current directory."),
      text({"-n", "--connection-name"}, "connection_name",
           "Managed pipelines: Unity Catalog connection (default: the spec's, else the pipeline's)."),
      text({"-c", "--catalog"}, "catalog", "Managed pipelines: target catalog (default: the pipeline's)."),
      text({"-t", "--target", "--schema"}, "target", "Managed pipelines: target schema (default: the pipeline's)."),
      text({"-v", "--volume-path"}, "volume_path",
           "Managed pipelines: the volume folder for rebuilt or given wheels (default: the community_connector "
           "volume of the catalog and schema, folder packages)."),
      pathOption({"-p", "--package"}, "package",
                 "Managed pipelines: a wheel to install instead of the current ones (repeatable).", "FILE"),
      flag({"--use-workspace-pipeline"}, "use_workspace_pipeline",
           "The pipeline is a Git folder + ingest.py pipeline (in the current generation)."),
      text({"-f", "--config"}, "config",
           "YAML file whose `generation:` picks seed or current (COMMUNITY_CONNECTOR_GENERATION wins)."),
  };
  update.options.back().pathMustExist = true;
  update.options.back().metavar = "PATH";
  update.options.push_back(formatOption());
  update.examples = {"community-connector update_pipeline gh_ingest -ps spec.yaml",
                     "community-connector update_pipeline gh_ingest -ps spec.yaml --format json",
                     "community-connector update_pipeline gh_ingest -ps spec.yaml -s github",
                     "community-connector update_pipeline gh_ingest -ps spec.yaml -p gh.whl"};
  return update;
}

// delete_pipeline or delete_connection (`what`: "pipeline" or "connection").
ClickCommand deleteCommand(const std::string& what, const std::string& summary, const std::string& argument,
                           const std::string& example) {
  ClickCommand del;
  del.name = "delete_" + what;
  del.summary = summary;
  del.paragraphs = {"Not in the original tool: added by community-connector. A " + what +
                    " no deployment manages is deleted only after a yes, or with --force."};
  if (what == "connection")
    del.paragraphs.push_back("A connection that pipelines use (their ingest.py or ingestion_definition names it) is "
                             "deleted only after a yes, or with --force: the pipelines are named first.");
  del.arguments = {argument};
  del.options = {flag({"--force"}, "force",
                      what == "connection" ? "Delete it even if pipelines use it or no deployment of this tool manages it, "
                                             "without asking."
                                           : "Delete it even if no deployment of this tool manages it, without asking."),
                 formatOption()};
  del.examples = {"community-connector " + del.name + " " + example, "community-connector " + del.name + " " + example +
                  " --force --format json"};
  return del;
}

ClickCommand uploadCommand() {
  ClickCommand upload;
  upload.name = "upload";
  upload.summary = "Upload a connector's wheels to a Unity Catalog volume.";
  upload.paragraphs = {
      "Builds the framework wheel and the connector wheel of SOURCE_NAME from a checkout of the "
      "connectors repository (no Python needed) or takes the wheels given, creates the volume and "
      "its sub-folder when missing, and uploads both, replacing files of the same name."};
  upload.arguments = {"SOURCE_NAME"};
  upload.options = {
      pathOption({"-v", "--volume-path"}, "volume_path", "Destination: /Volumes/<catalog>/<schema>/<volume>[/<folder>].",
                 "PATH"),
      pathOption({"--wheel"}, "wheel", "A built connector wheel to upload instead of building one.", "FILE"),
      pathOption({"--framework-wheel"}, "framework_wheel", "A built framework wheel to upload instead of building one.",
                 "FILE"),
      flag({"--skip-framework"}, "skip_framework", "Upload the connector wheel only."),
      pathOption({"--source-dir"}, "source_dir",
                 "Checkout of lakeflow-community-connectors to build from (default: this directory or a parent).",
                 "DIR"),
      pathOption({"--keep-wheel"}, "keep_wheel", "Also write the built wheels into this folder.", "DIR"),
      formatOption(),
  };
  upload.options[0].required = true;
  upload.examples = {"community-connector upload github -v /Volumes/main/raw/wheels",
                     "community-connector upload github -v /Volumes/main/raw/w --source-dir ~/lcc",
                     "community-connector upload github -v /Volumes/c/s/v --skip-framework"};
  return upload;
}

// The -d/-s options publish and unpublish share: they name the manifest file.
std::vector<ClickOption> publishedNameOptions() {
  return {text({"-d", "--display-name"}, "display_name",
               "Name shown in the workspace (default: the spec's display_name, else SOURCE): letters, digits, "
               "spaces, '_' and '-'."),
          text({"-s", "--spec"}, "spec", "connector_spec.yaml: a local path or a GitHub repository URL.")};
}

ClickCommand publishCommand() {
  ClickCommand publish;
  publish.name = "publish";
  publish.summary = "Publish a connector to your workspace folder.";
  publish.paragraphs = {
      "Writes /Users/<you>/.community-connectors/<display name>.connector.json with the connector's spec "
      "and the volume paths of its wheels (built from a checkout, or given with -p, and uploaded first)."};
  publish.arguments = {"SOURCE"};
  publish.options = publishedNameOptions();
  publish.options.push_back(
      pathOption({"-p", "--package"}, "package", "A wheel to upload as a dependency (repeatable).", "FILE"));
  publish.options.push_back(pathOption({"-v", "--volume-path"}, "volume_path",
                                       "Where the wheels go (default: /Volumes/<catalog>/<schema>/community_connector/packages).",
                                       "PATH"));
  publish.options.push_back(text({"-c", "--catalog"}, "catalog", "Catalog of the default volume (default: main)."));
  publish.options.push_back(text({"-t", "--schema"}, "schema", "Schema of the default volume (default: default)."));
  publish.options.push_back(flag({"--overwrite"}, "overwrite", "Replace a connector published under the same name."));
  publish.options.push_back(formatOption());
  publish.examples = {"community-connector publish github",
                      "community-connector publish github -d 'GitHub Team' -p gh.whl --overwrite",
                      "community-connector publish github -c main -t raw --format json"};
  return publish;
}

ClickCommand unpublishCommand() {
  ClickCommand unpublish;
  unpublish.name = "unpublish";
  unpublish.summary = "Remove a published connector from your workspace folder.";
  unpublish.paragraphs = {"Deletes /Users/<you>/.community-connectors/<display name>.connector.json after a yes "
                          "(or with -y). Uploaded wheels stay."};
  unpublish.arguments = {"SOURCE"};
  unpublish.options = publishedNameOptions();
  unpublish.options.push_back(flag({"-y", "--yes"}, "yes", "Delete without asking."));
  unpublish.options.push_back(formatOption());
  unpublish.examples = {"community-connector unpublish github", "community-connector unpublish github -d 'GitHub Team' -y"};
  return unpublish;
}

std::vector<ClickCommand> build() {
  return {createPipelineCommand(),
          runPipelineCommand(),
          showPipelineCommand(),
          connectionCommand("create"),
          connectionCommand("update"),
          updatePipelineCommand(),
          deleteCommand("pipeline", "Delete a community connector pipeline.", "PIPELINE_NAME", "github_ingest"),
          deleteCommand("connection", "Delete a UC connection.", "CONNECTION_NAME", "github_conn"),
          uploadCommand(),
          publishCommand(),
          unpublishCommand()};
}

}  // namespace

const std::vector<ClickCommand>& originalCommands() {
  static const std::vector<ClickCommand> all = build();
  return all;
}

const ClickCommand* originalCommand(const std::string& name) {
  for (const auto& c : originalCommands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace cc::cli
