#pragma once
// The wheel of one connector's source folder as today's repository packages it, shared by the
// manifest's `packages: - build:` and the original commands (upload, publish, managed
// create_pipeline and update_pipeline), so that both build the same bytes from the same folder.

#include <filesystem>
#include <string>

#include "wheel/wheel_builder.h"

namespace cc::wheel {

/// The import package every connector lives under in today's repository.
inline constexpr const char* kConnectorPackageRoot = "databricks/labs/community_connector";

/// The files of `sourceDir` under <kConnectorPackageRoot>/sources/<source>, named
/// lakeflow-community-connector-<source, '_' as '-'> at `version`, its tests/ folder left out
/// (a connector's tests are not part of it at run time).
WheelInput connectorWheelInput(const std::filesystem::path& sourceDir, const std::string& source,
                               const std::string& version);

}  // namespace cc::wheel
