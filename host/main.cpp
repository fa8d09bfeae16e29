// resconv: converts official resolutions between PDF, text, Akoma Ntoso, DOCX, JSON and
// Markdown through format plugins. Command reference: docs/cli.md.
#include "cli_rules.hpp"
#include "commands.hpp"
#include "diagnostic_printer.hpp"
#include "exit_codes.hpp"

#include <resconv/sdk/io.hpp>
#include <resconv/sdk/version.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  using namespace resconv::host;
  resconv::remove_temporary_files_on_signal();
  Context context;
  int exit_code = exit_ok;
  // The program's name is fixed: usage lines say `resconv`, not the path it was run by.
  CLI::App app{
      "resconv: convert official resolutions between PDF, text, Akoma Ntoso, DOCX, JSON and Markdown",
      "resconv"};
  app.set_version_flag("--version", version_text,
                       "Print the versions of resconv, its SDK and ABI, and the libraries of its plugins");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--plugin-dir", context.plugin_dirs, "Folder to search for plugins first (repeatable)");
  app.add_option("--diagnostics", context.diagnostics, "How to print problems: text or json (JSON lines)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("-v,--verbose", context.verbose, "Also print notes");
  app.add_flag("-q,--quiet", context.quiet, "Print errors only");
  app.add_flag("--fail-if-warnings", context.fail_if_warnings,
               "Exit 7 when everything was done but something warned (for CI)");
  app.add_option("--max-input-size", context.max_input_bytes,
                 "Refuse inputs larger than this (bytes, or with a suffix: 300K, 64M, 1G; default 256M)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  app.footer("Exit codes: 0 ok, 1 internal error, 2 usage, 3 input, 4 output, 5 plugin, 6 partial,\n"
             "7 warnings (with --fail-if-warnings).\n"
             "Global options go before or after the command.\n"
             "Run `resconv <command> --help` for a command's options.");

  add_convert_command(app, context, exit_code);
  add_formats_command(app, context, exit_code);
  add_plugins_command(app, context, exit_code);
  add_identify_command(app, context, exit_code);
  add_inspect_command(app, context, exit_code);
  add_validate_command(app, context, exit_code);
  add_batch_command(app, context, exit_code);
  add_worker_command(app, context, exit_code);
  add_completion_command(app, context, exit_code);
  add_manpage_command(app, context, exit_code);
  apply_cli_rules(app);

  try {
    if (auto problem = check_command_name(app, argc, argv)) {
      bool json = asks_for_json_diagnostics(argc, argv);
      DiagnosticPrinter printer(json ? DiagnosticPrinter::Style::json : DiagnosticPrinter::Style::text,
                                resconv::Severity::error);
      printer.error("cli.unknown-command", *problem);
      if (!json)
        std::cerr << "Run `resconv --help` for the commands.\n";
      return exit_usage;
    }
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "resconv: internal error: " << e.what() << "\n";
    return exit_internal;
  }
  if (exit_code == exit_ok && context.fail_if_warnings &&
      context.printer().warnings() + context.other_warnings > 0)
    return exit_warnings;
  return exit_code;
}
