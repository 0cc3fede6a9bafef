#include "providers/provider_support.h"

namespace cc::providers {

nlohmann::json withSecrets(const engine::DesiredResource& desired) {
  nlohmann::json body = desired.fields;
  for (const auto& [path, secret] : desired.secrets) {
    nlohmann::json* node = &body;
    std::size_t start = 0;
    while (true) {
      const auto dot = path.find('.', start);
      const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (dot == std::string::npos) {
        (*node)[part] = secret.revealForRequest();
        break;
      }
      node = &(*node)[part];
      start = dot + 1;
    }
  }
  return body;
}

}  // namespace cc::providers
