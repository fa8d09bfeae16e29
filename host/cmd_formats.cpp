#include "commands.hpp"
#include "exit_codes.hpp"

#include <nlohmann/json.hpp>

#include <resconv/sdk/version.hpp>

#include <iostream>

namespace resconv::host {

namespace {

// What can be said of a plugin without loading it (its code would run): "found" when its
// library file is there, else "missing" with the plugin.missing diagnostic in `problems`.
std::string library_file_status(const FormatEntry& entry, DiagnosticSink& problems) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(entry.library_path, ec))
    return "found";
  problems.error("plugin.missing", "plugin library not found", {entry.library_path.string()});
  return "missing";
}

} // namespace

void add_formats_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd =
      app.add_subcommand("formats", "List the formats, their capabilities, options and plugin status");
  auto as_json = std::make_shared<bool>(false);
  auto check = std::make_shared<bool>(false);
  cmd->add_flag("--json", *as_json, "Print one JSON document instead of a table");
  cmd->add_flag("--check", *check,
                "Load each plugin and check its handshake (runs the plugins' load-time code); without it "
                "only the descriptors are read");
  cmd->callback([&context, &exit_code, as_json, check] {
    const PluginRegistry& registry = context.registry();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    std::string table;
    for (const FormatEntry& entry : registry.formats()) {
      // Only --check loads (a plugin's code runs as it loads): the listing itself comes from
      // the descriptors, and the plugin's status is then whether its library file exists.
      DiagnosticCollector problems;
      std::shared_ptr<PluginLibrary> library;
      std::string status;
      if (*check) {
        library = registry.load(entry, problems);
        status = library ? "ok" : "error";
      } else {
        status = library_file_status(entry, problems);
      }
      if (library) {
        // Loaded, maybe from a fallback folder (registry.fallback): a warning, not the status.
        for (const auto& p : problems.diagnostics())
          context.printer().report(p);
        problems = DiagnosticCollector();
      }
      std::string problem = problems.diagnostics().empty() ? "" : problems.diagnostics().front().message;
      std::string code = problems.diagnostics().empty() ? "" : problems.diagnostics().front().code;
      const FormatDescriptor& d = entry.descriptor;
      if (*as_json) {
        auto j = nlohmann::ordered_json::parse(d.to_json());
        j["plugin"] = {
            {"library", (library ? library->path() : entry.library_path).string()},
            {"status", status},
            {"version", library ? nlohmann::ordered_json(library->handshake().plugin_version)
                                : nlohmann::ordered_json()},
            {"error", problem.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(problem)},
            {"code", code.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(code)}};
        list.push_back(std::move(j));
        continue;
      }
      std::string caps = std::string(d.can_import ? "import" : "") +
                         (d.can_import && d.can_export ? "+" : "") + (d.can_export ? "export" : "");
      std::string exts;
      for (const auto& e : d.extensions)
        exts += (exts.empty() ? "." : " .") + e;
      char line[512];
      std::string shown_status = problem.empty() ? status : "error: " + problem;
      std::snprintf(line, sizeof line, "%-8s %-14s %-22s %-16s %s\n", d.id.c_str(), caps.c_str(),
                    d.name.c_str(), exts.c_str(), shown_status.c_str());
      table += line;
      for (const auto& [side, specs] :
           {std::pair{"import", &d.import_options}, std::pair{"export", &d.export_options}})
        for (const auto& s : *specs) {
          std::snprintf(line, sizeof line, "           %s option %s=%s (%s): %s\n", side, s.name.c_str(),
                        option_value_to_string(s.default_value).c_str(), to_string(s.type), s.doc.c_str());
          table += line;
        }
    }
    if (*as_json)
      std::cout << nlohmann::ordered_json{{"formats", list}}.dump(2) << "\n";
    else
      std::cout << (table.empty() ? "no formats found (check --plugin-dir or RESCONV_PLUGIN_PATH)\n" : table);
    exit_code = registry.formats().empty() ? exit_plugin : exit_ok;
  });
}

void add_plugins_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "plugins", "List the plugin files found: where each is, its version, the SDK and ABI it was built "
                 "for, and whether it loads (and why not)");
  auto as_json = std::make_shared<bool>(false);
  auto check = std::make_shared<bool>(false);
  cmd->add_flag("--json", *as_json, "Print one JSON document instead of text");
  cmd->add_flag("--check", *check,
                "Load each plugin and check its handshake (runs the plugins' load-time code); without it "
                "the plugins are listed from their descriptors, none is loaded");
  cmd->callback([&context, &exit_code, as_json, check] {
    const PluginRegistry& registry = context.registry();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    auto describe = [&](const FormatEntry& entry, const char* role) {
      DiagnosticCollector problems;
      std::shared_ptr<PluginLibrary> library;
      std::string status;
      if (*check) {
        // Each file is checked for itself: a refused one is shown as refused, even when a
        // fallback of the same id would be used in a conversion.
        library = registry.load_library(entry, problems);
        status = library ? "ok" : "refused";
      } else {
        status = library_file_status(entry, problems);
      }
      nlohmann::ordered_json j;
      j["id"] = entry.descriptor.id;
      j["library"] = entry.library_path.string();
      j["descriptor"] = entry.descriptor_path.string();
      j["status"] = status;
      if (role != nullptr)
        j["role"] = role;
      if (library) {
        const HandshakeInfo& hs = library->handshake();
        j["version"] = hs.plugin_version;
        j["sdk_version"] = hs.sdk_version;
        j["abi"] = hs.abi_version;
      }
      if (!problems.diagnostics().empty()) {
        j["code"] = problems.diagnostics().front().code;
        j["error"] = problems.diagnostics().front().message;
      }
      list.push_back(std::move(j));
    };
    for (const FormatEntry& entry : registry.formats()) {
      describe(entry, nullptr);
      for (const FormatEntry& other : registry.shadowed(entry))
        describe(other, "fallback");
    }
    if (*as_json) {
      std::cout << nlohmann::ordered_json{{"host_sdk_version", sdk_version},
                                          {"host_abi", plugin_abi_version},
                                          {"plugins", list}}
                       .dump(2)
                << "\n";
    } else {
      std::cout << "resconv SDK " << sdk_version << ", plugin ABI " << plugin_abi_version << "\n";
      if (!*check)
        std::cout << "(listed from the descriptors, none loaded; --check loads each and checks it)\n";
      for (const auto& j : list) {
        std::cout << j["id"].get<std::string>() << ": " << j["status"].get<std::string>();
        if (j.contains("role"))
          std::cout << " (" << j["role"].get<std::string>() << " if the first one is refused)";
        if (j.contains("version"))
          std::cout << ", version " << j["version"].get<std::string>() << ", built with SDK "
                    << j["sdk_version"].get<std::string>() << " (ABI " << j["abi"].get<unsigned>() << ")";
        std::cout << "\n  " << j["library"].get<std::string>() << "\n";
        if (j.contains("error"))
          std::cout << "  " << j["code"].get<std::string>() << ": " << j["error"].get<std::string>() << "\n";
      }
      if (list.empty())
        std::cout << "no plugins found (check --plugin-dir or RESCONV_PLUGIN_PATH)\n";
    }
    // Like `formats`: a refused plugin is reported, not an error of this command.
    exit_code = registry.formats().empty() ? exit_plugin : exit_ok;
  });
}

} // namespace resconv::host
