#pragma once
// The JSON Schemas of schemas/, compiled in (engine/CMakeLists.txt generates the definitions).

#include <string_view>

namespace cc::engine {

std::string_view manifestSchemaText();       // schemas/manifest.schema.json
std::string_view pipelineSpecSchemaText();   // schemas/pipeline_spec.schema.json
std::string_view connectorSpecSchemaText();  // schemas/connector_spec.schema.json

}  // namespace cc::engine
