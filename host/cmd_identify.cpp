#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "format_detector.hpp"

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
    for (const std::string& path : *inputs) {
      auto input = read_input(path, context.printer(), context.max_input_bytes);
      if (!input) {
        ++failed;
        continue;
      }
      std::string name = input->path() ? input->path()->filename().string() : std::string();
      Detection d = detect_format(context.registry(), {input->head(probe_head_size), name}, context.printer(),
                                  input->name());
      if (d.format == nullptr) {
        ++failed;
      } else {
        // The decision's plugin was refused: say why (detection leaves that to its caller).
        for (const auto& a : d.answers)
          if (a.id == d.format->descriptor.id && a.answer == "not-loaded" &&
              !context.registry().load(*d.format, context.printer()))
            ++failed;
      }
      if (*as_json) {
        nlohmann::ordered_json j;
        j["input"] = input->name();
        j["format"] = d.format ? nlohmann::ordered_json(d.format->descriptor.id) : nlohmann::ordered_json();
        j["reason"] = d.reason;
        nlohmann::ordered_json answers = nlohmann::ordered_json::object();
        for (const auto& a : d.answers)
          answers[a.id] = a.answer;
        j["probes"] = answers;
        std::cout << j.dump() << "\n";
      } else {
        std::cout << input->name() << ": " << (d.format ? d.format->descriptor.id : "unknown") << " ("
                  << d.reason << ")\n";
        for (const auto& a : d.answers)
          std::cout << "  " << a.id << ": " << a.answer << "\n";
      }
    }
    exit_code = failed == 0 ? exit_ok : failed == inputs->size() ? exit_input : exit_partial;
  });
}

} // namespace resconv::host
