#include "cli_rules.hpp"

#include "suggest.hpp"

#include <algorithm>
#include <vector>

namespace resconv::host {

namespace {

// CLI11 marks options filled into a container with an unlimited item count; anything from
// this bound up is such an option (CLI11 uses the same test for "unlimited").
constexpr int unlimited_items = CLI::detail::expected_max_vector_size / 16;

std::string global_options_text(CLI::App& app) {
  std::string text = "Global options (before or after the command):\n";
  for (const CLI::Option* opt : app.get_options()) {
    if (opt == app.get_help_ptr() || opt == app.get_version_ptr() || opt->get_positional())
      continue;
    std::string left = "  " + opt->get_name(false, true);
    if (opt->get_items_expected_max() > 0) { // "UINT:SIZE [b, kb...]" -> "UINT"
      std::string type = opt->get_type_name();
      left += " " + type.substr(0, type.find_first_of(": "));
    }
    // The column the descriptions start at: the one CLI11's own option list uses.
    constexpr std::size_t description_column = 30;
    left.resize(std::max(left.size() + 1, description_column), ' ');
    text += left + opt->get_description() + "\n";
  }
  return text;
}

} // namespace

void apply_cli_rules(CLI::App& app) {
  std::vector<CLI::App*> apps{&app};
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    apps.push_back(sub);
  for (CLI::App* a : apps)
    for (CLI::Option* opt : a->get_options())
      if (!opt->get_positional() && opt->get_items_expected_max() >= unlimited_items)
        opt->allow_extra_args(false);
  std::string globals = global_options_text(app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group().empty()) // hidden
      continue;
    std::string footer = sub->get_footer();
    sub->footer(footer.empty() ? globals : footer + "\n\n" + globals);
  }
}

std::optional<std::string> check_command_name(const CLI::App& app, int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--")
      return std::nullopt;
    if (arg.size() > 1 && arg[0] == '-') {
      // A global option: skip its value when it takes one and was not given as --name=value.
      if (arg.find('=') != std::string::npos)
        continue;
      std::string name = arg.substr(arg.find_first_not_of('-'));
      const CLI::Option* opt = app.get_option_no_throw(arg.rfind("--", 0) == 0 ? "--" + name : "-" + name);
      if (opt != nullptr && opt->get_items_expected_max() > 0)
        ++i;
      continue;
    }
    if (!app.get_subcommands([&](const CLI::App* s) { return s->check_name(arg); }).empty())
      return std::nullopt;
    std::vector<std::string> commands; // hidden ones (worker) are never suggested
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
      commands.push_back(sub->get_name());
    std::string message = "unknown command '" + arg + "'";
    if (auto nearest = nearest_word(arg, commands))
      message += "; did you mean '" + *nearest + "'?";
    return message;
  }
  return std::nullopt;
}

bool asks_for_json_diagnostics(int argc, const char* const* argv) {
  bool json = false; // the last one given wins, as it does when CLI11 parses it
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--")
      break;
    if (arg == "--diagnostics" && i + 1 < argc)
      json = std::string(argv[++i]) == "json";
    else if (arg.rfind("--diagnostics=", 0) == 0)
      json = arg.substr(14) == "json";
  }
  return json;
}

} // namespace resconv::host
