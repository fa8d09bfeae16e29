#include "examples.hpp"

#include <fstream>
#include <regex>
#include <sstream>

namespace resconv::test::docs {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos)
    return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

bool is_shell_fence(const std::string& info) {
  return info == "sh" || info == "bash" || info == "shell" || info == "console";
}

} // namespace

std::vector<Example> examples_in_markdown(const std::filesystem::path& file, const std::string& source) {
  std::ifstream in(file);
  std::stringstream all;
  all << in.rdbuf();
  auto lines = lines_of(all.str());
  std::vector<Example> found;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string fence = trim(lines[i]);
    if (!starts_with(fence, "```"))
      continue;
    std::string info = trim(fence.substr(3));
    std::size_t first = i + 1, end = first;
    while (end < lines.size() && !starts_with(trim(lines[end]), "```"))
      ++end;
    i = end; // past the closing fence
    if (is_shell_fence(info) && first < end && starts_with(trim(lines[first]), "#!")) {
      std::string script;
      for (std::size_t k = first; k < end; ++k)
        script += lines[k] + "\n";
      found.push_back({source, static_cast<int>(first + 1), script, Runner::script});
      continue;
    }
    for (std::size_t k = first; k < end; ++k) {
      std::string line = trim(lines[k]);
      int at = static_cast<int>(k + 1);
      if (info == "yaml") {
        if (starts_with(line, "command:"))
          found.push_back({source, at, trim(line.substr(8)), Runner::kubernetes});
        continue;
      }
      bool dollar = starts_with(line, "$ ");
      if (!is_shell_fence(info) && !dollar && !starts_with(line, "resconv "))
        continue;
      if (line.empty() || line[0] == '#')
        continue;
      if (dollar)
        line = trim(line.substr(2));
      while (!line.empty() && line.back() == '\\' && k + 1 < end)
        line = line.substr(0, line.size() - 1) + trim(lines[++k]);
      found.push_back({source, at, line, Runner::shell});
    }
  }
  return found;
}

std::vector<std::string> examples_in_help(const std::string& help) {
  static const std::regex trailing_comment(R"(\s{2,}\([^()]*\)$)");
  std::vector<std::string> found;
  bool in_examples = false;
  for (const auto& line : lines_of(help)) {
    if (line == "Examples:" || line == "Example:") {
      in_examples = true;
      continue;
    }
    if (in_examples && starts_with(line, "  ") && !trim(line).empty())
      found.push_back(trim(std::regex_replace(line, trailing_comment, "")));
    else
      in_examples = false;
  }
  return found;
}

std::vector<std::string> subcommands_in_help(const std::string& help) {
  std::vector<std::string> names;
  bool in_list = false;
  for (const auto& line : lines_of(help)) {
    if (line == "Subcommands:") {
      in_list = true;
      continue;
    }
    if (!in_list)
      continue;
    if (!starts_with(line, "  "))
      break;
    std::string name = trim(line);
    names.push_back(name.substr(0, name.find(' ')));
  }
  return names;
}

} // namespace resconv::test::docs
