#include "cli/exit_without_free.h"

#include <vector>

namespace cc::cli {
namespace {

bool exitWithoutFree = false;
// Never destroyed, so that what it points to stays reachable until the process ends.
std::vector<KeptValue*>* keptValues = nullptr;

}  // namespace

void setExitWithoutFree(bool on) { exitWithoutFree = on; }
bool exitWithoutFreeEnabled() { return exitWithoutFree; }

void keepForever(KeptValue* value) {
  if (keptValues == nullptr) keptValues = new std::vector<KeptValue*>;
  keptValues->push_back(value);
}

}  // namespace cc::cli
