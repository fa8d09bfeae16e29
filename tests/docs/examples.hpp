#pragma once
// The documented examples: found in the Markdown documents and in the "Examples:" footers of
// `resconv <command> --help`, so the test can run each one as written.

#include <filesystem>
#include <string>
#include <vector>

namespace resconv::test::docs {

/// How an example is run.
enum class Runner {
  shell,      ///< one command line, run by `bash -c`
  script,     ///< a whole script (a Slurm job script), run by bash once per array task
  kubernetes, ///< a container `command:` array, run once per completion index
};

struct Example {
  std::string source; ///< "README.md", "docs/batch.md", "resconv batch --help"
  int line = 0;       ///< line in the source (0 for --help footers)
  std::string text;   ///< the command (continuation lines joined), the script, or the JSON array
  Runner runner = Runner::shell;
};

/// The examples of one Markdown file: the lines of ```sh blocks (a block starting with `#!`
/// is one script), the `command:` line of ```yaml blocks, and in other fences the lines that
/// start with `$ ` or `resconv `.
std::vector<Example> examples_in_markdown(const std::filesystem::path& file, const std::string& source);

/// The lines under "Examples:" (or "Example:") in a --help text, without their indent and
/// without a trailing "(comment)" set off by two spaces.
std::vector<std::string> examples_in_help(const std::string& help);

/// The subcommand names listed under "Subcommands:" in the program's --help.
std::vector<std::string> subcommands_in_help(const std::string& help);

} // namespace resconv::test::docs
