// workspace-emulator: not built yet.
#include <iostream>
int main() {
  std::cerr << "error: workspace-emulator is not built yet\n";
  return 1;
}
