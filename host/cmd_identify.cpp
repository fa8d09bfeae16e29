#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "resolve_format.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace resconv::host {

void add_identify_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand("identify", "Show which format each input is detected as, and why");
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto as_json = std::make_shared<bool>(false);
  cmd->add_option("inputs", *inputs, "Input files, or - for standard input")->required();
  cmd->add_flag("--json", *as_json, "Print one JSON object per input, one per line");
  cmd->callback([&context, &exit_code, inputs, as_json] {
    std::size_t failed = 0;
    const PluginRegistry& registry = context.registry();
    for (const std::string& path : *inputs) {
      auto [input, resolved] = resolve_format(registry, path, context.max_input_bytes,
                                              {"identify", "", FormatUse::importing}, context.printer());
      if (!input) {
        ++failed;
        continue;
      }
      if (!resolved) {
        ++failed;
      } else {
        // The decision's plugin was refused: say why (detection leaves that to its caller).
        for (const auto& a : resolved.detection->answers)
          if (a.id == resolved.format->descriptor.id && a.answer == "not-loaded" &&
              !registry.load(*resolved.format, context.printer()))
            ++failed;
      }
      const std::vector<ProbeAnswer> no_answers;
      const auto& answers = resolved.detection ? resolved.detection->answers : no_answers;
      const FormatEntry* format = resolved.format;
      if (*as_json) {
        nlohmann::ordered_json j;
        j["input"] = input->name();
        j["format"] = format ? nlohmann::ordered_json(format->descriptor.id) : nlohmann::ordered_json();
        j["reason"] = resolved.reason;
        nlohmann::ordered_json probes = nlohmann::ordered_json::object();
        for (const auto& a : answers)
          probes[a.id] = a.answer;
        j["probes"] = probes;
        std::cout << j.dump() << "\n";
      } else {
        std::cout << input->name() << ": " << (format ? format->descriptor.id : "unknown") << " ("
                  << resolved.reason << ")\n";
        for (const auto& a : answers)
          std::cout << "  " << a.id << ": " << a.answer << "\n";
      }
    }
    exit_code = failed == 0 ? exit_ok : failed == inputs->size() ? exit_input : exit_partial;
  });
}

} // namespace resconv::host
