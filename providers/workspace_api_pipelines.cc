// WorkspaceApi: pipelines, their updates and events.
#include "providers/workspace_api.h"

#include "engine/run_state.h"

namespace cc::providers {
namespace {

PipelineSummary summaryFrom(const nlohmann::json& j) {
  PipelineSummary s;
  s.pipelineId = j.value("pipeline_id", "");
  s.name = j.value("name", "");
  return s;
}

}  // namespace

std::string exactNameLikeFilter(const std::string& name) {
  std::string pattern;
  for (char c : name) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    if (c == '\'') pattern += '\'';
    pattern += c;
  }
  return "name LIKE '" + pattern + "'";
}

ApiResult<std::string> WorkspaceApi::createPipeline(const nlohmann::json& body) {
  const std::string name = body.value("name", "");
  for (int attempt = 1;; ++attempt) {
    auto r = call({"POST", "/api/2.0/pipelines", {}, body, RetrySafety::NotIdempotent});
    if (r) {
      const std::string id = r->value("pipeline_id", "");
      if (id.empty()) return localError(ApiErrorKind::Decode, "create pipeline returned no pipeline_id", "POST", "/api/2.0/pipelines");
      return id;
    }
    if (!r.error().outcomeUnknown() || name.empty() || attempt >= kCreateTries) return r.error();
    auto found = findPipelinesByName(name);
    if (!found) return found.error();
    if (found->size() == 1) return found->front().pipelineId;
  }
}

ApiResult<nlohmann::json> WorkspaceApi::getPipeline(const std::string& pipelineId) {
  return call({"GET", "/api/2.0/pipelines/" + pipelineId, {}, {}, {}});
}

ApiStatus WorkspaceApi::editPipeline(const std::string& pipelineId, const nlohmann::json& body) {
  auto r = call({"PUT", "/api/2.0/pipelines/" + pipelineId, {}, body, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiStatus WorkspaceApi::deletePipeline(const std::string& pipelineId) {
  auto r = call({"DELETE", "/api/2.0/pipelines/" + pipelineId, {}, {}, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiResult<std::vector<PipelineSummary>> WorkspaceApi::listPipelines(const std::string& filter, int pageSize) {
  ApiCall c{"GET", "/api/2.0/pipelines", {{"max_results", std::to_string(pageSize)}}, {}, {}};
  if (!filter.empty()) c.query.emplace_back("filter", filter);
  auto items = paged(c, "page_token", "statuses");
  if (!items) return items.error();
  std::vector<PipelineSummary> out;
  for (const auto& j : items.value()) out.push_back(summaryFrom(j));
  return out;
}

ApiResult<std::vector<PipelineSummary>> WorkspaceApi::findPipelinesByName(const std::string& name) {
  const auto exact = [&](std::vector<PipelineSummary> all) {
    std::vector<PipelineSummary> out;
    for (auto& s : all)
      if (s.name == name) out.push_back(std::move(s));
    return out;
  };
  auto escaped = listPipelines(exactNameLikeFilter(name));
  if (!escaped) return escaped.error();
  auto matches = exact(std::move(escaped.value()));
  if (!matches.empty() || name.find_first_of("_%\\") == std::string::npos) return matches;
  // A server that does not honour `\` escapes matches nothing; the raw pattern is a superset
  // (its wildcards only widen the match) and the exact filter above keeps it correct.
  std::string raw;
  for (char c : name) raw += c == '\'' ? std::string("''") : std::string(1, c);
  auto wide = listPipelines("name LIKE '" + raw + "'");
  if (!wide) return wide.error();
  return exact(std::move(wide.value()));
}

ApiResult<std::string> WorkspaceApi::startUpdate(const std::string& pipelineId, const nlohmann::json& body) {
  for (int attempt = 1;; ++attempt) {
    auto r = call({"POST", "/api/2.0/pipelines/" + pipelineId + "/updates", {}, body, RetrySafety::NotIdempotent});
    if (r) return r->value("update_id", "");
    if (!r.error().outcomeUnknown() || attempt >= kCreateTries) return r.error();
    // If an update is active now, it is the one we started: a second start would fail anyway.
    auto p = getPipeline(pipelineId);
    if (!p) return p.error();
    const auto& updates = p->value("latest_updates", nlohmann::json::array());
    const bool active = !updates.empty() && !engine::isTerminal(engine::parseRunState(updates[0].value("state", "")));
    if (active) return updates[0].value("update_id", "");
  }
}

ApiResult<nlohmann::json> WorkspaceApi::getUpdate(const std::string& pipelineId, const std::string& updateId) {
  auto r = call({"GET", "/api/2.0/pipelines/" + pipelineId + "/updates/" + updateId, {}, {}, {}});
  if (!r) return r;
  if (r->contains("update")) return (*r)["update"];
  return r;
}

ApiResult<std::vector<nlohmann::json>> WorkspaceApi::listUpdates(const std::string& pipelineId, int maxResults) {
  auto r = call({"GET", "/api/2.0/pipelines/" + pipelineId + "/updates", {{"max_results", std::to_string(maxResults)}}, {}, {}});
  if (!r) return r.error();
  std::vector<nlohmann::json> out;
  if (r->contains("updates") && (*r)["updates"].is_array())
    for (const auto& u : (*r)["updates"]) out.push_back(u);
  return out;
}

ApiResult<std::vector<nlohmann::json>> WorkspaceApi::listEvents(const std::string& pipelineId, const std::string& filter,
                                                                int maxResults, int maxPages) {
  ApiCall c{"GET", "/api/2.0/pipelines/" + pipelineId + "/events", {{"max_results", std::to_string(maxResults)}}, {}, {}};
  if (!filter.empty()) c.query.emplace_back("filter", filter);
  return paged(c, "page_token", "events", maxPages);
}

ApiStatus WorkspaceApi::stopPipeline(const std::string& pipelineId) {
  auto r = call({"POST", "/api/2.0/pipelines/" + pipelineId + "/stop", {}, {}, RetrySafety::Idempotent});
  if (!r) return r.error();
  return apiOk();
}

}  // namespace cc::providers
