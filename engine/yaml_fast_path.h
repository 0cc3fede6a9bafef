#pragma once

#include <string_view>

namespace YAML {
class EventHandler;
}

namespace cc::engine {

/// Parses `text` with a hand-written parser for the subset of YAML that manifests use (block
/// mappings and sequences, single-line flow collections, single-line plain and quoted scalars,
/// comments) and delivers to `handler` exactly the events yaml-cpp's Parser would deliver for its
/// first document: same kinds, order, marks, tags, anchors and values.
///
/// Returns true when the whole text was one document in that subset and every event, from
/// OnDocumentStart to OnDocumentEnd, was delivered. Returns false ("not handled") for anything
/// else, including every syntax error; events may already have been delivered by then, so the
/// caller discards the handler and parses the text again with yaml-cpp. Exceptions thrown by the
/// handler propagate unchanged.
bool parseYamlFastPath(std::string_view text, YAML::EventHandler& handler);

}  // namespace cc::engine
