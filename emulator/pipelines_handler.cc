// Pipelines: create (dry_run, duplicate names), get with spec defaults, list (filter, paging,
// no spec), PUT as whole replacement, delete, updates, events.
#include <algorithm>

#include "emulator/handlers.h"
#include "emulator/ingestion_definition.h"
#include "emulator/page_token.h"
#include "emulator/pipeline_filters.h"
#include "emulator/pipeline_lifecycle.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

const char* const kRequestOnly[] = {"allow_duplicate_names", "dry_run", "expected_last_modified", "run_as", "parameters"};
const char* const kLibraryKinds[] = {"notebook", "file", "glob", "whl", "jar", "maven"};

HttpResponse pipelineNotFound(const std::string& id) {
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "The specified pipeline " + id + " was not found.");
}

HttpResponse duplicateName(const std::string& name) {
  return errorResponse(409, "RESOURCE_CONFLICT",
                       "The pipeline name '" + name + "' is already used by another pipeline. This check can be "
                       "skipped by setting allow_duplicate_names = true in the request.");
}

// `environment`: pip requirement lines (volume and workspace paths allowed) and a version.
std::string environmentProblem(const nlohmann::json& body) {
  if (!body.contains("environment")) return "";
  const nlohmann::json& environment = body["environment"];
  if (!environment.is_object()) return "environment must be an object";
  if (environment.contains("dependencies")) {
    if (!environment["dependencies"].is_array()) return "environment.dependencies must be a list of strings";
    for (const auto& dependency : environment["dependencies"]) {
      if (!dependency.is_string()) return "environment.dependencies must be a list of strings";
    }
  }
  if (environment.contains("environment_version") && !environment["environment_version"].is_string()) {
    return "environment.environment_version must be a string";
  }
  return "";
}

// Checks the settings rules the emulator enforces; returns a message or "".
std::string specProblem(const nlohmann::json& body) {
  if (!body.contains("name") || !body["name"].is_string() || body["name"].get<std::string>().empty()) {
    return "Missing required field: name";
  }
  if (body.contains("schema") && body.contains("target")) return "Only one of schema and target may be set";
  if (body.contains("target") && body["target"].is_string() && body["target"].get<std::string>().find('.') != std::string::npos) {
    return "target must be a single schema name, not '" + body["target"].get<std::string>() + "'";
  }
  for (const char* flag : {"continuous", "development", "serverless", "photon", "allow_duplicate_names", "dry_run"}) {
    if (body.contains(flag) && !body[flag].is_boolean()) return std::string(flag) + " must be a boolean";
  }
  if (body.contains("libraries")) {
    if (!body["libraries"].is_array()) return "libraries must be a list";
    for (const auto& library : body["libraries"]) {
      int kinds = 0;
      for (const char* kind : kLibraryKinds) kinds += library.is_object() && library.contains(kind);
      if (kinds != 1 || library.size() != 1) {
        return "each library must set exactly one of notebook, file, glob, whl, jar, maven";
      }
    }
  }
  for (const char* map : {"configuration", "tags"}) {
    if (!body.contains(map)) continue;
    if (!body[map].is_object()) return std::string(map) + " must be a map of strings";
    for (const auto& [key, value] : body[map].items()) {
      if (!value.is_string()) return std::string(map) + "." + key + " must be a string";
    }
  }
  if (body.contains("tags") && body["tags"].size() > 25) return "a pipeline may have at most 25 tags";
  if (std::string problem = environmentProblem(body); !problem.empty()) return problem;
  return ingestionDefinitionProblem(body);
}

// The stored spec as GET returns it: request-only fields dropped, server defaults filled.
nlohmann::json effectiveSpec(const nlohmann::json& body, const std::string& id) {
  nlohmann::json spec = body;
  for (const char* field : kRequestOnly) spec.erase(field);
  if (!id.empty()) spec["id"] = id;
  if (!spec.contains("edition")) spec["edition"] = "ADVANCED";
  if (!spec.contains("channel")) spec["channel"] = "CURRENT";
  if (!spec.contains("catalog") && !spec.contains("storage") && !id.empty()) spec["storage"] = "dbfs:/pipelines/" + id;
  return spec;
}

bool nameTaken(WorkspaceState& state, const std::string& name, const std::string& exceptId) {
  for (const auto& [id, pipeline] : state.data().pipelines) {
    if (id != exceptId && pipeline.spec.value("name", "") == name) return true;
  }
  return false;
}

std::string runAsUser(const Pipeline& pipeline) {
  if (pipeline.runAs.is_object()) {
    if (pipeline.runAs.contains("user_name")) return pipeline.runAs["user_name"];
    if (pipeline.runAs.contains("service_principal_name")) return pipeline.runAs["service_principal_name"];
  }
  return pipeline.creator;
}

nlohmann::json stateInfo(const Pipeline& pipeline) {
  nlohmann::json info = {{"pipeline_id", pipeline.id},
                         {"name", pipeline.spec.value("name", "")},
                         {"state", pipelineState(pipeline)},
                         {"health", "HEALTHY"},
                         {"creator_user_name", pipeline.creator},
                         {"run_as_user_name", runAsUser(pipeline)}};
  nlohmann::json latest = latestUpdates(pipeline);
  if (!latest.empty()) info["latest_updates"] = latest;
  return info;
}

HttpResponse createPipeline(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  if (std::string problem = specProblem(*body); !problem.empty()) return invalidParameter(problem);
  const std::string name = (*body)["name"];
  auto lock = state.lock();
  if (auto problem = ingestionConnectionProblem(*body, state)) return *problem;
  if (!body->value("allow_duplicate_names", false) && nameTaken(state, name, "")) return duplicateName(name);
  if (body->value("dry_run", false)) {
    nlohmann::json settings = effectiveSpec(*body, "");
    fillIngestionSourceType(settings, state);
    return jsonResponse(200, {{"effective_settings", settings}});
  }
  Pipeline pipeline;
  pipeline.id = state.newUuid();
  pipeline.spec = effectiveSpec(*body, pipeline.id);
  fillIngestionSourceType(pipeline.spec, state);
  pipeline.creator = request.caller;
  pipeline.runAs = body->value("run_as", nlohmann::json());
  pipeline.parameters = body->value("parameters", nlohmann::json());
  pipeline.lastModified = state.nowMs();
  const std::string id = pipeline.id;
  state.data().pipelines[id] = std::move(pipeline);
  state.commit();
  return jsonResponse(200, {{"pipeline_id", id}});
}

Pipeline* findPipeline(HttpRequest& request, WorkspaceState& state) {
  auto it = state.data().pipelines.find(request.params["pipeline_id"]);
  return it == state.data().pipelines.end() ? nullptr : &it->second;
}

HttpResponse getPipeline(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(request.params["pipeline_id"]);
  if (advance(state, *pipeline, /*poll=*/true)) state.commit();
  nlohmann::json body = stateInfo(*pipeline);
  body["spec"] = pipeline->spec;
  body["last_modified"] = pipeline->lastModified;
  if (!pipeline->runAs.is_null()) body["run_as"] = pipeline->runAs;
  if (!pipeline->parameters.is_null()) body["parameters"] = pipeline->parameters;
  return jsonResponse(200, body);
}

HttpResponse listPipelines(HttpRequest& request, WorkspaceState& state) {
  std::string problem;
  const int64_t maxResults = integerQuery(request, "max_results", problem).value_or(25);
  if (!problem.empty()) return invalidParameter(problem);
  if (maxResults > 100) return invalidParameter("max_results must be at most 100, got " + std::to_string(maxResults));
  if (maxResults < 0) return invalidParameter("max_results must not be negative");
  const size_t pageSize = maxResults == 0 ? 25 : static_cast<size_t>(maxResults);
  auto filter = parsePipelineFilter(request.queryValue("filter").value_or(""));
  if (!filter) {
    return invalidParameter("Unsupported filter '" + request.queryValue("filter").value_or("") +
                   "': use name LIKE '<pattern>' or notebook='<path>'");
  }
  std::string orderField = "id";
  bool descending = false;
  if (auto order = request.queryValue("order_by")) {
    const std::string text = *order;
    orderField = text.substr(0, text.find(' '));
    const std::string direction = text.find(' ') == std::string::npos ? "asc" : text.substr(text.find(' ') + 1);
    if ((orderField != "id" && orderField != "name") || (direction != "asc" && direction != "desc")) {
      return invalidParameter("Invalid order_by '" + text + "': use id or name, asc or desc");
    }
    descending = direction == "desc";
  }
  const auto cursor = pageCursorFromQuery(request, "page_token");
  if (!cursor) return invalidParameter("Invalid page_token");
  auto lock = state.lock();
  std::vector<Pipeline*> matching;
  bool changed = false;
  for (auto& [id, pipeline] : state.data().pipelines) {
    changed = advance(state, pipeline, /*poll=*/false) || changed;
    const std::string name = pipeline.spec.value("name", "");
    bool keep = true;
    if (filter->field == PipelineFilter::Field::NameLike) keep = likeMatches(filter->value, name);
    if (filter->field == PipelineFilter::Field::Notebook) {
      keep = false;
      for (const auto& library : pipeline.spec.value("libraries", nlohmann::json::array())) {
        keep = keep || (library.contains("notebook") && library["notebook"].value("path", "") == filter->value);
      }
    }
    if (keep) matching.push_back(&pipeline);
  }
  if (changed) state.commit();
  std::stable_sort(matching.begin(), matching.end(), [&](const Pipeline* a, const Pipeline* b) {
    const std::string ka = orderField == "id" ? a->id : a->spec.value("name", "") + "\n" + a->id;
    const std::string kb = orderField == "id" ? b->id : b->spec.value("name", "") + "\n" + b->id;
    return descending ? kb < ka : ka < kb;
  });
  const size_t end = std::min(matching.size(), cursor->offset + pageSize);
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = cursor->offset; i < end; ++i) items.push_back(stateInfo(*matching[i]));
  nlohmann::json body = nlohmann::json::object();
  if (!items.empty()) body["statuses"] = items;
  if (end < matching.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

HttpResponse editPipeline(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  if (std::string problem = specProblem(*body); !problem.empty()) return invalidParameter(problem);
  const std::string& id = request.params["pipeline_id"];
  if (body->contains("id") && (*body)["id"] != id) return invalidParameter("The id in the body does not match the pipeline " + id);
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(id);
  if (body->contains("expected_last_modified") && (*body)["expected_last_modified"] != pipeline->lastModified) {
    return errorResponse(409, "RESOURCE_CONFLICT",
                         "The pipeline " + id + " was modified since expected_last_modified; read it again and retry");
  }
  if (auto problem = ingestionConnectionProblem(*body, state)) return *problem;
  const std::string name = (*body)["name"];
  if (name != pipeline->spec.value("name", "") && !body->value("allow_duplicate_names", false) &&
      nameTaken(state, name, id)) {
    return duplicateName(name);
  }
  pipeline->spec = effectiveSpec(*body, id);  // PUT replaces the whole spec; omitted fields are dropped
  fillIngestionSourceType(pipeline->spec, state);
  if (body->contains("run_as")) pipeline->runAs = (*body)["run_as"];
  if (body->contains("parameters")) pipeline->parameters = (*body)["parameters"];
  pipeline->lastModified = std::max(state.nowMs(), pipeline->lastModified + 1);
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

HttpResponse removePipeline(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  if (state.data().pipelines.erase(request.params["pipeline_id"]) == 0) {
    return pipelineNotFound(request.params["pipeline_id"]);
  }
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

HttpResponse startUpdateRoute(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  for (const char* flag : {"full_refresh", "validate_only"}) {
    if (body->contains(flag) && !(*body)[flag].is_boolean()) return invalidParameter(std::string(flag) + " must be a boolean");
  }
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(request.params["pipeline_id"]);
  advance(state, *pipeline, /*poll=*/false);
  if (PipelineUpdate* active = activeUpdate(*pipeline)) {
    return errorResponse(409, "RESOURCE_CONFLICT",
                         "An active update " + active->updateId + " already exists for pipeline " + pipeline->id +
                             "; stop it or wait for it to finish");
  }
  const std::string updateId = startUpdate(state, *pipeline, *body).updateId;
  state.commit();
  return jsonResponse(200, {{"update_id", updateId}});
}

HttpResponse getUpdate(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(request.params["pipeline_id"]);
  const std::string& updateId = request.params["update_id"];
  if (advance(state, *pipeline, /*poll=*/true)) state.commit();
  for (const PipelineUpdate& update : pipeline->updates) {
    if (update.updateId == updateId) return jsonResponse(200, {{"update", updateInfo(*pipeline, update, true)}});
  }
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "The specified update " + updateId + " was not found.");
}

HttpResponse listUpdates(HttpRequest& request, WorkspaceState& state) {
  std::string problem;
  const int64_t maxResults = integerQuery(request, "max_results", problem).value_or(25);
  if (!problem.empty() || maxResults < 0) return invalidParameter(problem.empty() ? "max_results must not be negative" : problem);
  const auto cursor = pageCursorFromQuery(request, "page_token");
  if (!cursor) return invalidParameter("Invalid page_token");
  const auto until = request.queryValue("until_update_id");
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(request.params["pipeline_id"]);
  if (advance(state, *pipeline, false)) state.commit();
  std::vector<const PipelineUpdate*> newestFirst;
  for (auto it = pipeline->updates.rbegin(); it != pipeline->updates.rend(); ++it) {
    newestFirst.push_back(&*it);
    if (until && it->updateId == *until) break;
  }
  const size_t page = maxResults == 0 ? 25 : static_cast<size_t>(maxResults);
  const size_t end = std::min(newestFirst.size(), cursor->offset + page);
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = cursor->offset; i < end; ++i) items.push_back(updateInfo(*pipeline, *newestFirst[i], false));
  nlohmann::json body = nlohmann::json::object();
  if (!items.empty()) body["updates"] = items;
  if (end < newestFirst.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

bool eventMatches(const PipelineEvent& event, const std::vector<EventClause>& clauses) {
  for (const EventClause& clause : clauses) {
    if (clause.field == "timestamp") {
      const int64_t bound = parseIsoTimestamp(clause.values.front());
      const int64_t t = event.timestampMs;
      const bool ok = clause.op == ">" ? t > bound : clause.op == ">=" ? t >= bound : clause.op == "<" ? t < bound
                    : clause.op == "<=" ? t <= bound : t == bound;
      if (!ok) return false;
      continue;
    }
    const std::string& actual = clause.field == "level" ? event.level : clause.field == "id" ? event.id : event.updateId;
    if (std::find(clause.values.begin(), clause.values.end(), actual) == clause.values.end()) return false;
  }
  return true;
}

HttpResponse listEvents(HttpRequest& request, WorkspaceState& state) {
  std::string problem;
  const int64_t maxResults = integerQuery(request, "max_results", problem).value_or(25);
  if (!problem.empty() || maxResults < 0) return invalidParameter(problem.empty() ? "max_results must not be negative" : problem);
  auto clauses = parseEventFilter(request.queryValue("filter").value_or(""));
  if (!clauses) return invalidParameter("Unsupported events filter '" + request.queryValue("filter").value_or("") + "'");
  for (const EventClause& clause : *clauses) {
    if (clause.field == "timestamp" && parseIsoTimestamp(clause.values.front()) < 0) {
      return invalidParameter("Invalid timestamp '" + clause.values.front() + "' in filter");
    }
  }
  const std::string order = request.queryValue("order_by").value_or("timestamp desc");
  if (order != "timestamp desc" && order != "timestamp asc") return invalidParameter("Invalid order_by '" + order + "'");
  const auto cursor = pageCursorFromQuery(request, "page_token");
  if (!cursor) return invalidParameter("Invalid page_token");
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(request.params["pipeline_id"]);
  if (advance(state, *pipeline, false)) state.commit();
  std::vector<size_t> matching;
  for (size_t i = 0; i < pipeline->events.size(); ++i) {
    if (eventMatches(pipeline->events[i], *clauses)) matching.push_back(i);
  }
  if (order == "timestamp desc") std::reverse(matching.begin(), matching.end());
  const size_t page = maxResults == 0 ? 25 : static_cast<size_t>(maxResults);
  const size_t end = std::min(matching.size(), cursor->offset + page);
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = cursor->offset; i < end; ++i) items.push_back(eventJson(*pipeline, matching[i]));
  nlohmann::json body = nlohmann::json::object();
  if (!items.empty()) body["events"] = items;
  if (end < matching.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

HttpResponse stopPipeline(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  Pipeline* pipeline = findPipeline(request, state);
  if (pipeline == nullptr) return pipelineNotFound(request.params["pipeline_id"]);
  advance(state, *pipeline, false);
  if (stopUpdate(state, *pipeline)) state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

}  // namespace

void registerPipelinesRoutes(Router& router, WorkspaceState& state) {
  const std::string base = "/api/2.0/pipelines";
  const std::string item = base + "/{pipeline_id}";
  auto add = [&](const char* method, const std::string& pattern, StateHandler fn) {
    router.add(method, pattern, "pipelines", withState(state, fn));
  };
  add("POST", base, createPipeline);
  add("GET", base, listPipelines);
  add("GET", item, getPipeline);
  add("PUT", item, editPipeline);
  add("DELETE", item, removePipeline);
  add("POST", item + "/updates", startUpdateRoute);
  add("GET", item + "/updates", listUpdates);
  add("GET", item + "/updates/{update_id}", getUpdate);
  add("GET", item + "/events", listEvents);
  add("POST", item + "/stop", stopPipeline);
}

}  // namespace cc::emulator
