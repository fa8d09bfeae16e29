#pragma once
// Each command registers itself on the CLI11 app; its callback stores the exit code.

#include "context.hpp"
#include "version_info.hpp"

#include <CLI/CLI.hpp>

namespace resconv::host {

void add_convert_command(CLI::App& app, Context& context, int& exit_code);
void add_formats_command(CLI::App& app, Context& context, int& exit_code);
void add_plugins_command(CLI::App& app, Context& context, int& exit_code);
void add_identify_command(CLI::App& app, Context& context, int& exit_code);
void add_inspect_command(CLI::App& app, Context& context, int& exit_code);
void add_validate_command(CLI::App& app, Context& context, int& exit_code);
void add_batch_command(CLI::App& app, Context& context, int& exit_code);
void add_worker_command(CLI::App& app, Context& context, int& exit_code);
/// `resconv completion bash|zsh|fish`: a completion script made from the definition of `app`.
void add_completion_command(CLI::App& app, Context& context, int& exit_code);
/// `resconv manpage` (hidden): the resconv(1) man page in roff, from the same definition.
void add_manpage_command(CLI::App& app, Context& context, int& exit_code);

} // namespace resconv::host
