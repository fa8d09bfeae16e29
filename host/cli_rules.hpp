#pragma once
// Rules the whole command line follows, applied once to the finished CLI11 definition so
// that no command can forget them.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace resconv::host {

/// Applies the rules to `app` and its commands:
/// - a repeatable option takes one value per occurrence (`--option a=1 in.txt` keeps
///   `in.txt` as the input; `--option a=1 --option b=2` gives two);
/// - every command's help ends with the global options, which go before or after it.
void apply_cli_rules(CLI::App& app);

/// Checks that the first word of the command line that is not an option (or an option's
/// value) names a command of `app`. Returns the message for one that does not:
/// "unknown command 'convrt'; did you mean 'convert'?". Hidden commands are never suggested.
std::optional<std::string> check_command_name(const CLI::App& app, int argc, const char* const* argv);

/// Whether the command line asks for `--diagnostics json`, for problems found before it is
/// parsed (an unknown command): scripts that read JSON lines get one for those too.
bool asks_for_json_diagnostics(int argc, const char* const* argv);

} // namespace resconv::host
