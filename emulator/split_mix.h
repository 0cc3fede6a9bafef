#pragma once
// The SplitMix64 finaliser: turns neighbouring inputs (a seed, a request number, a counter) into
// unrelated 64-bit values, so that faults and ids depend on --seed alone and repeat with it.

#include <cstdint>

namespace cc::emulator {

inline uint64_t splitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace cc::emulator
