#include "wheel/wheel_name.h"

#include <regex>

namespace cc::wheel {
namespace {

bool isAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string escapeDistributionName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (const char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '_') out.push_back('_');
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return out;
}

std::optional<std::string> distributionNameProblem(std::string_view name) {
  if (name.empty()) return "the distribution name is empty";
  if (!isAsciiAlnum(name.front()) || !isAsciiAlnum(name.back())) {
    return "a distribution name starts and ends with an ASCII letter or digit";
  }
  for (const char c : name) {
    if (!isAsciiAlnum(c) && c != '-' && c != '_' && c != '.') {
      return "a distribution name holds only ASCII letters, digits, '.', '_' and '-'";
    }
  }
  return std::nullopt;
}

std::optional<std::string> versionProblem(std::string_view version) {
  // The normalised form only: accepting "1.0-1" or "v1.0" would need PEP 440's normalisation
  // rules, and the wheel's file name and METADATA must agree on one spelling.
  static const std::regex kNormalised(
      R"(^([0-9]+!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?)"
      R"((\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?(\+[a-z0-9]+(\.[a-z0-9]+)*)?$)");
  if (version.empty()) return "the version is empty";
  if (version.size() > 128 || !std::regex_match(version.begin(), version.end(), kNormalised)) {
    return "a version is a normalised PEP 440 version such as 1.2.0, 0.3rc1, 1.0.post2 or 1.0+local";
  }
  return std::nullopt;
}

std::string distInfoFolder(std::string_view name, std::string_view version) {
  return escapeDistributionName(name) + "-" + std::string(version) + ".dist-info";
}

std::string pureWheelFileName(std::string_view name, std::string_view version) {
  return escapeDistributionName(name) + "-" + std::string(version) + "-py3-none-any.whl";
}

}  // namespace cc::wheel
