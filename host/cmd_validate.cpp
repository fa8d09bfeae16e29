#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "resolve_format.hpp"
#include "time_limit.hpp"

#include <algorithm>
#include <iostream>

namespace resconv::host {

namespace {

// One `--option` of validate: "akn.schema=x.xsd" -> {akn, schema, x.xsd}.
struct ValidateOption {
  std::string format; ///< Empty when the name is bare.
  std::string name;
  std::string value;
};

bool declares(const FormatDescriptor& format, const std::string& name) {
  const auto& specs = format.validate_options;
  return std::any_of(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
}

// Checks every `--option` once, before any file is read, against the formats that may
// validate the inputs (`scope`: the --from format, or every format with a validator): its
// form, its name (a `format.` prefix names a format of the scope that declares it; a bare
// name is declared by one of them at least) and its value for each format that takes it.
// Throws OptionError with the reason (a usage error).
std::vector<ValidateOption> check_options(const OptionArgs& args,
                                          const std::vector<const FormatEntry*>& scope) {
  std::vector<ValidateOption> checked;
  for (const std::string& arg : args) {
    auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0)
      throw OptionError("option '" + arg + "' is not of the form name=value");
    ValidateOption option{"", arg.substr(0, eq), arg.substr(eq + 1)};
    if (auto dot = option.name.find('.'); dot != std::string::npos) {
      option.format = option.name.substr(0, dot);
      option.name = option.name.substr(dot + 1);
    }
    std::size_t takers = 0;
    std::string known;
    for (const FormatEntry* f : scope) {
      for (const auto& spec : f->descriptor.validate_options)
        known += (known.empty() ? "" : ", ") + f->descriptor.id + "." + spec.name;
      if ((option.format.empty() || option.format == f->descriptor.id) &&
          declares(f->descriptor, option.name)) {
        Options::parse(f->descriptor.validate_options, {{option.name, option.value}});
        ++takers;
      }
    }
    if (takers == 0)
      throw OptionError(
          "unknown validation option '" + arg.substr(0, eq) + "'" +
          (known.empty() ? std::string(" (no validator takes options)") : " (known: " + known + ")"));
    checked.push_back(std::move(option));
  }
  return checked;
}

// The options of `format`'s validator: the checked ones that apply to it, defaults for the rest.
Options options_for(const FormatDescriptor& format, const std::vector<ValidateOption>& options) {
  std::vector<std::pair<std::string, std::string>> given;
  for (const auto& o : options)
    if ((o.format.empty() || o.format == format.id) && declares(format, o.name))
      given.emplace_back(o.name, o.value);
  return Options::parse(format.validate_options, given);
}

} // namespace

void add_validate_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd =
      app.add_subcommand("validate", "Check documents against their format's schema and profile rules");
  cmd->footer("Example:\n  resconv validate out/A_RES_57_263.xml --option schema=/path/akomantoso30.xsd");
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto from = std::make_shared<std::string>();
  auto options = std::make_shared<OptionArgs>();
  cmd->add_option("inputs", *inputs, "Files to check, or - for standard input")->required();
  cmd->add_option("-f,--from", *from, "Format id (default: detected)");
  cmd->add_option("--option", *options, "A validation option, [format.]name=value; repeatable");
  auto timeout = std::make_shared<double>();
  add_timeout_option(*cmd, *timeout);
  cmd->callback([&context, &exit_code, inputs, from, options, timeout] {
    const PluginRegistry& registry = context.registry();
    // Usage mistakes stop the command before any file is read: an unknown --from, a bad option.
    std::vector<const FormatEntry*> scope;
    if (!from->empty()) {
      const FormatEntry* given =
          find_format(registry, *from, FormatUse::validating, "validate", context.printer());
      if (given == nullptr) {
        exit_code = exit_usage;
        return;
      }
      scope.push_back(given);
    } else {
      for (const FormatEntry& f : registry.formats())
        if (f.descriptor.can_validate)
          scope.push_back(&f);
    }
    std::vector<ValidateOption> checked;
    try {
      checked = check_options(*options, scope);
    } catch (const OptionError& e) {
      context.printer().error("validate.option", e.what());
      exit_code = exit_usage;
      return;
    }
    std::size_t invalid = 0;
    int failure = exit_ok;
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      const std::string& path = (*inputs)[i];
      // As for convert: a file that keeps a library busy stops the command with
      // input.timeout (exit 3, or 6 when earlier files were checked).
      TimeLimit limit(*timeout, context.printer(), input_display_name(path), inputs->size() - i - 1,
                      i > invalid ? exit_partial : exit_input);
      auto [input, resolved] = resolve_format(registry, path, context.max_input_bytes,
                                              {"validate", *from, FormatUse::validating}, context.printer());
      if (!input || !resolved) {
        // Unreadable, empty or undetected (exit 3), or in a format without a validator (2).
        ++invalid;
        failure = resolved.code;
        continue;
      }
      const FormatEntry* format = resolved.format;
      Options validate_options;
      try {
        validate_options = options_for(format->descriptor, checked);
      } catch (const OptionError& e) { // checked above; kept for safety
        context.printer().error("validate.option", e.what());
        exit_code = exit_usage;
        return;
      }
      auto library = registry.load(*format, context.printer());
      auto validator = library ? library->make_validator(context.printer()) : nullptr;
      if (!validator) {
        exit_code = exit_plugin;
        return;
      }
      FileNameSink named(context.printer(), input->name());
      set_phase(Phase::validating);
      bool valid = validator->run(*input, validate_options, named);
      std::cout << input->name() << ": " << (valid ? "valid" : "invalid") << " (" << format->descriptor.id
                << ")\n";
      if (!valid) {
        ++invalid;
        failure = exit_input;
      }
    }
    exit_code = invalid == 0 ? exit_ok : invalid == inputs->size() ? failure : exit_partial;
  });
}

} // namespace resconv::host
