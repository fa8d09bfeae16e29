#include "cli_reference.hpp"

#include <algorithm>

namespace resconv::host {

namespace {

// CLI11 has no notion of what a value means; these are the options whose values are not
// files (the default for a TEXT value) or are format ids. A new option that takes a file
// needs no entry; one that takes a folder, a format or free text does.
struct KindRule {
  const char* long_name;
  ValueKind kind;
};
constexpr KindRule kind_rules[] = {
    {"to", ValueKind::export_format},     {"from", ValueKind::import_format},
    {"plugin-dir", ValueKind::directory}, {"output-dir", ValueKind::directory},
    {"option", ValueKind::text},          {"shard", ValueKind::text},
    {"include", ValueKind::text},         {"exclude", ValueKind::text},
};

// CLI11 describes an IsMember check as "{a,b,c}" in the option's type name
// ("TEXT:{text,json}"); these are the choices.
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> choices;
  auto open = type_name.find('{');
  auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos)
    return choices;
  std::string list = type_name.substr(open + 1, close - open - 1);
  for (std::size_t at = 0; at <= list.size();) {
    auto comma = std::min(list.find(',', at), list.size());
    std::string item = list.substr(at, comma - at);
    if (!item.empty() && item.find(' ') == std::string::npos)
      choices.push_back(item);
    at = comma + 1;
  }
  return choices;
}

ValueKind kind_of(const CLI::Option& opt, const std::vector<std::string>& choices) {
  if (opt.get_items_expected_max() == 0)
    return ValueKind::none;
  if (!choices.empty())
    return ValueKind::choice;
  for (const auto& name : opt.get_lnames())
    for (const KindRule& rule : kind_rules)
      if (name == rule.long_name)
        return rule.kind;
  return opt.get_type_name().rfind("TEXT", 0) == 0 ? ValueKind::file : ValueKind::text;
}

std::string value_name_of(const CLI::Option& opt, ValueKind kind) {
  switch (kind) {
  case ValueKind::none:
    return "";
  case ValueKind::import_format:
  case ValueKind::export_format:
  case ValueKind::any_format:
    return "FORMAT";
  case ValueKind::file:
    return "FILE";
  case ValueKind::directory:
    return "DIR";
  case ValueKind::choice:
  case ValueKind::text:
    break;
  }
  // "UINT:SIZE [b, kb...]" -> "UINT"; "TEXT:{text,json}" -> "TEXT"
  std::string type = opt.get_type_name();
  return type.substr(0, type.find_first_of(": "));
}

OptionReference describe_option(const CLI::Option& opt) {
  OptionReference ref;
  for (const auto& s : opt.get_snames())
    ref.short_names.push_back("-" + s);
  for (const auto& l : opt.get_lnames())
    ref.long_names.push_back("--" + l);
  ref.description = opt.get_description();
  ref.choices = choices_of(opt.get_type_name());
  ref.kind = kind_of(opt, ref.choices);
  ref.value_name = value_name_of(opt, ref.kind);
  ref.required = opt.get_required();
  ref.repeatable = opt.get_items_expected_max() > 1;
  return ref;
}

void describe_options(const CLI::App& app, std::vector<OptionReference>& options,
                      std::vector<ArgumentReference>* arguments, bool with_help) {
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) // hidden
      continue;
    if (!with_help && opt == app.get_help_ptr())
      continue;
    if (opt->get_positional()) {
      if (arguments != nullptr) {
        ArgumentReference arg;
        arg.name = opt->get_name();
        arg.description = opt->get_description();
        arg.choices = choices_of(opt->get_type_name());
        // A command's argument is a file, unless CLI11 knows its choices or it is named as a
        // format id ("id", as `formats ID` names it).
        arg.kind = !arg.choices.empty() ? ValueKind::choice
                   : arg.name == "id"   ? ValueKind::any_format
                                        : ValueKind::file;
        arg.required = opt->get_required();
        arg.many = opt->get_items_expected_max() > 1;
        arguments->push_back(std::move(arg));
      }
      continue;
    }
    options.push_back(describe_option(*opt));
  }
}

} // namespace

std::vector<std::string> OptionReference::names() const {
  std::vector<std::string> all = short_names;
  all.insert(all.end(), long_names.begin(), long_names.end());
  return all;
}

const CommandReference* CliReference::find(const std::string& name) const {
  for (const auto& c : commands)
    if (c.name == name)
      return &c;
  return nullptr;
}

CliReference describe_cli(const CLI::App& app) {
  CliReference ref;
  ref.program = app.get_name();
  ref.description = app.get_description();
  describe_options(app, ref.global_options, nullptr, true);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) // hidden, such as `worker`
      continue;
    CommandReference command;
    command.name = sub->get_name();
    command.description = sub->get_description();
    describe_options(*sub, command.options, &command.arguments, false);
    ref.commands.push_back(std::move(command));
  }
  return ref;
}

} // namespace resconv::host
