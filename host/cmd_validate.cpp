#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "format_detector.hpp"
#include "time_limit.hpp"

#include <iostream>

namespace resconv::host {

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
    std::size_t invalid = 0;
    int failure = exit_ok;
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      const std::string& path = (*inputs)[i];
      // As for convert: a file that keeps a library busy stops the command with
      // input.timeout (exit 3, or 6 when earlier files were checked).
      TimeLimit limit(*timeout, context.printer(), input_display_name(path), inputs->size() - i - 1,
                      i > invalid ? exit_partial : exit_input);
      set_phase(Phase::reading);
      auto input = read_input(path, context.printer(), context.max_input_bytes);
      if (!input) {
        ++invalid;
        failure = exit_input;
        continue;
      }
      const FormatEntry* format = from->empty() ? nullptr : registry.find(*from);
      if (format == nullptr && !from->empty()) {
        context.printer().error("validate.unknown-format", "no format '" + *from + "'");
        exit_code = exit_usage;
        return;
      }
      if (format == nullptr) {
        set_phase(Phase::detecting);
        std::string name = input->path() ? input->path()->filename().string() : std::string();
        format =
            detect_format(registry, {input->head(probe_head_size), name}, context.printer(), input->name())
                .format;
      }
      if (format == nullptr) {
        ++invalid;
        failure = exit_input;
        continue;
      }
      if (!format->descriptor.can_validate) {
        context.printer().error("validate.unsupported",
                                "the '" + format->descriptor.id + "' format has no validator",
                                {input->name()});
        ++invalid;
        failure = exit_usage;
        continue;
      }
      Options validate_options;
      try {
        std::vector<std::pair<std::string, std::string>> given;
        for (const auto& arg : *options) {
          auto eq = arg.find('=');
          if (eq == std::string::npos)
            throw OptionError("option '" + arg + "' is not of the form name=value");
          std::string name = arg.substr(0, eq);
          if (auto dot = name.find('.'); dot != std::string::npos)
            name = name.substr(dot + 1);
          given.emplace_back(name, arg.substr(eq + 1));
        }
        validate_options = Options::parse(format->descriptor.validate_options, given);
      } catch (const OptionError& e) {
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
