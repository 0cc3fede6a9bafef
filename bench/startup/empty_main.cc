// The floor of bench/startup: a program that does nothing, built twice — linked like
// community-connector (same libraries, same link options) and against the C++ runtime only —
// so that the loader's share of the tool's start-up can be told from the tool's own.
int main() { return 0; }
