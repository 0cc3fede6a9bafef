#pragma once
// The names a wheel is known by (binary distribution format, PEP 427 and its successor
// specification): the escaped distribution name and version, the `.dist-info` folder and the
// file name of a pure-Python wheel.

#include <optional>
#include <string>
#include <string_view>

namespace cc::wheel {

/// The distribution name as file names and `.dist-info` folders spell it: each run of '-', '_'
/// and '.' becomes one '_', letters become lower case ("Sample--Connector.x" → "sample_connector_x").
std::string escapeDistributionName(std::string_view name);

/// Why `name` is not a valid core-metadata Name (ASCII letters and digits, with '.', '_' or '-'
/// only between them), or nullopt when it is.
std::optional<std::string> distributionNameProblem(std::string_view name);

/// Why `version` is not a normalised PEP 440 version ("1.2.0", "0.1rc1", "2!1.0.post1.dev3",
/// "1.0+local.7"), or nullopt when it is. Normalised versions contain no '-', so the file name
/// needs no further escaping of them.
std::optional<std::string> versionProblem(std::string_view version);

/// "{escaped name}-{version}.dist-info".
std::string distInfoFolder(std::string_view name, std::string_view version);

/// "{escaped name}-{version}-py3-none-any.whl".
std::string pureWheelFileName(std::string_view name, std::string_view version);

}  // namespace cc::wheel
