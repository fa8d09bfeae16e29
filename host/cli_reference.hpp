#pragma once
// A neutral description of the command line, read from the finished CLI11 definition: the
// commands, their options and arguments, help texts, whether an option takes a value and
// what kind. The shell completion scripts and the man page are generated from it, so they
// can never list an option the program does not have.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace resconv::host {

/// What a value is, for completion: what a shell should offer after the option.
enum class ValueKind {
  none,          ///< A flag: takes no value.
  choice,        ///< One of `choices` (from a CLI11 IsMember check).
  import_format, ///< A format id that can be imported (--from).
  export_format, ///< A format id that can be exported (--to).
  any_format,    ///< Any format id (`formats ID`).
  file,          ///< A path to a file.
  directory,     ///< A path to a folder.
  text,          ///< Anything else (numbers, globs, name=value): nothing to offer.
};

struct OptionReference {
  std::vector<std::string> long_names;  ///< With their dashes: "--to".
  std::vector<std::string> short_names; ///< "-t".
  std::string value_name;               ///< "FORMAT", "FILE", "N" ... empty for a flag.
  std::string description;
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices; ///< For ValueKind::choice.
  bool required = false;
  bool repeatable = false;
  /// All names, short first: "-t", "--to".
  std::vector<std::string> names() const;
};

struct ArgumentReference {
  std::string name; ///< "inputs"
  std::string description;
  ValueKind kind = ValueKind::file; ///< file, or choice.
  std::vector<std::string> choices;
  bool required = false;
  bool many = false; ///< Takes several words.
};

struct CommandReference {
  std::string name;
  std::string description;
  std::vector<OptionReference> options; ///< Without --help, which every command has.
  std::vector<ArgumentReference> arguments;
};

struct CliReference {
  std::string program;                         ///< "resconv"
  std::string description;                     ///< The program's one-line description.
  std::vector<OptionReference> global_options; ///< Including --help and --version.
  std::vector<CommandReference> commands;      ///< Visible commands only, in definition order.
  const CommandReference* find(const std::string& name) const;
};

/// Describes `app`, which must be complete (every command registered). Hidden commands
/// (those in the empty group, such as `worker`) and hidden options are left out.
CliReference describe_cli(const CLI::App& app);

} // namespace resconv::host
