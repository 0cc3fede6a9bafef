#pragma once
// Case folding for names the API compares case-insensitively (header names, connection names,
// Git providers, filter keywords). Only A-Z and a-z change, so UTF-8 names pass through intact.

#include <string>

namespace cc::emulator {

std::string lowerAscii(std::string text);

std::string upperAscii(std::string text);

}  // namespace cc::emulator
