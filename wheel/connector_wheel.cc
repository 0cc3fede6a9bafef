#include "wheel/connector_wheel.h"

#include <algorithm>

namespace cc::wheel {

WheelInput connectorWheelInput(const std::filesystem::path& sourceDir, const std::string& source,
                               const std::string& version) {
  WheelInput input;
  input.sourceDir = sourceDir;
  std::string dashed = source;
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  input.distribution = "lakeflow-community-connector-" + dashed;
  input.version = version;
  input.packagePath = std::string(kConnectorPackageRoot) + "/sources/" + source;
  input.excludedFolders = {"tests"};
  return input;
}

}  // namespace cc::wheel
