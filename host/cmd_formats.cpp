#include "commands.hpp"
#include "exit_codes.hpp"
#include "resolve_format.hpp"

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

// One format as `formats --json` shows it: the descriptor and "plugin": {library, status,
// version, error, code}. Only `check` loads the plugin (a plugin's code runs as it loads):
// without it the status is whether its library file exists. A warning of a load that
// succeeded (a fallback folder's plugin was used, registry.fallback) goes to `printer`.
nlohmann::ordered_json describe_format(const PluginRegistry& registry, const FormatEntry& entry, bool check,
                                       DiagnosticSink& printer) {
  DiagnosticCollector problems;
  std::shared_ptr<PluginLibrary> library;
  std::string status;
  if (check) {
    library = registry.load(entry, problems);
    status = library ? "ok" : "error";
  } else {
    status = library_file_status(entry, problems);
  }
  if (library) {
    for (const auto& p : problems.diagnostics())
      printer.report(p);
    problems = DiagnosticCollector();
  }
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
  };
  const auto& found = problems.diagnostics();
  auto j = nlohmann::ordered_json::parse(entry.descriptor.to_json());
  j["plugin"] = {{"library", (library ? library->path() : entry.library_path).string()},
                 {"status", status},
                 {"version", library ? nlohmann::ordered_json(library->handshake().plugin_version)
                                     : nlohmann::ordered_json()},
                 {"error", or_null(found.empty() ? "" : found.front().message)},
                 {"code", or_null(found.empty() ? "" : found.front().code)}};
  return j;
}

std::string text_of(const nlohmann::ordered_json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The plugin's status as the table and the one-format view show it.
std::string shown_status(const nlohmann::ordered_json& plugin) {
  if (!plugin["error"].is_null())
    return "error: " + plugin["error"].get<std::string>();
  std::string status = plugin["status"].get<std::string>();
  if (!plugin["version"].is_null())
    status += ", version " + plugin["version"].get<std::string>();
  return status;
}

// "import, export, validate"; the table leaves out `validate` (its column is narrow, and
// `formats ID` says it).
std::string capabilities_of(const nlohmann::ordered_json& j, const char* separator, bool with_validate) {
  std::string caps;
  for (const auto& [name, able] : j["capabilities"].items())
    if (able.get<bool>() && (with_validate || name != "validate"))
      caps += (caps.empty() ? "" : separator) + name;
  return caps;
}

std::string extensions_of(const nlohmann::ordered_json& j) {
  std::string exts;
  for (const auto& e : j["extensions"])
    exts += (exts.empty() ? "." : " .") + e.get<std::string>();
  return exts;
}

// One option in the one-format view: "wrapper (choice: none|publication; default none)",
// then its doc. Rendered from the descriptor's JSON, so every field the SDK writes there is
// shown, `min` and `max` included.
std::string option_text(const nlohmann::ordered_json& spec) {
  std::string line = "    " + spec["name"].get<std::string>() + " (" + spec["type"].get<std::string>();
  if (spec.contains("choices")) {
    std::string choices;
    for (const auto& c : spec["choices"])
      choices += (choices.empty() ? "" : "|") + c.get<std::string>();
    line += ": " + choices;
  }
  const auto& def = spec["default"];
  line += "; default " + (def.is_string() && def.get<std::string>().empty() ? "empty" : text_of(def));
  if (spec.contains("min"))
    line += "; min " + text_of(spec["min"]);
  if (spec.contains("max"))
    line += "; max " + text_of(spec["max"]);
  line += ")\n";
  if (spec.contains("doc") && !spec["doc"].get<std::string>().empty())
    line += "        " + spec["doc"].get<std::string>() + "\n";
  return line;
}

// `formats ID` as text: everything the descriptor says, then the plugin.
std::string format_text(const nlohmann::ordered_json& j) {
  std::string out = j["id"].get<std::string>() + ": " + j["name"].get<std::string>() + "\n";
  if (!j["description"].get<std::string>().empty())
    out += "  " + j["description"].get<std::string>() + "\n";
  std::string caps = capabilities_of(j, ", ", true);
  out += "  capabilities: " + (caps.empty() ? std::string("none") : caps) + "\n";
  std::string exts = extensions_of(j);
  out += "  extensions: " + (exts.empty() ? std::string("none") : exts) + "\n";
  if (!j["mime_type"].get<std::string>().empty())
    out += "  MIME type: " + j["mime_type"].get<std::string>() + "\n";
  for (const auto& m : j["magic"]) {
    out += "  magic: " + m["bytes"].dump() + " at offset " + text_of(m["offset"]);
    if (m.contains("within"))
      out += " (or up to " + text_of(m["within"]) + " bytes later)";
    out += "\n";
  }
  if (j.contains("preserves") && !j["preserves"].empty()) {
    std::string kept;
    for (const auto& p : j["preserves"])
      kept += (kept.empty() ? "" : ", ") + p.get<std::string>();
    out += "  preserves: " + kept + "\n";
  }
  const auto& plugin = j["plugin"];
  out += "  plugin: " + shown_status(plugin) + "\n    " + plugin["library"].get<std::string>() + "\n";
  for (const char* side : {"import", "export", "validate"}) {
    const auto& specs = j["options"][side];
    if (specs.empty())
      continue;
    out += std::string("  ") + side + " options:\n";
    for (const auto& spec : specs)
      out += option_text(spec);
  }
  return out;
}

} // namespace

void add_formats_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "formats", "List the formats, their capabilities, options and plugin status; with an ID, show one");
  cmd->footer("Examples:\n  resconv formats\n  resconv formats pdf\n  resconv formats akn --json");
  auto id = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  auto check = std::make_shared<bool>(false);
  cmd->add_option("id", *id, "Show only this format, with every option in full");
  cmd->add_flag("--json", *as_json, "Print one JSON document instead of a table");
  cmd->add_flag("--check", *check,
                "Load each plugin and check its handshake (runs the plugins' load-time code); without it "
                "only the descriptors are read");
  cmd->callback([&context, &exit_code, id, as_json, check] {
    const PluginRegistry& registry = context.registry();
    if (!id->empty()) {
      const FormatEntry* entry = find_format(registry, *id, FormatUse::any, "formats", context.printer());
      if (entry == nullptr) {
        // No format at all is the plugins' problem (as for the listing); else a usage error.
        exit_code = registry.formats().empty() ? exit_plugin : exit_usage;
        return;
      }
      auto j = describe_format(registry, *entry, *check, context.printer());
      std::cout << (*as_json ? j.dump(2) + "\n" : format_text(j));
      exit_code = exit_ok;
      return;
    }
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    std::string table;
    for (const FormatEntry& entry : registry.formats()) {
      auto j = describe_format(registry, entry, *check, context.printer());
      if (*as_json) {
        list.push_back(std::move(j));
        continue;
      }
      char line[512];
      std::snprintf(line, sizeof line, "%-8s %-14s %-22s %-16s %s\n", j["id"].get<std::string>().c_str(),
                    capabilities_of(j, "+", false).c_str(), j["name"].get<std::string>().c_str(),
                    extensions_of(j).c_str(), shown_status(j["plugin"]).c_str());
      table += line;
      for (const char* side : {"import", "export"})
        for (const auto& s : j["options"][side]) {
          // Built as a string: a fixed buffer would cut a long doc short.
          std::string type = s["type"].get<std::string>();
          if (s.contains("min"))
            type += ", min " + text_of(s["min"]);
          if (s.contains("max"))
            type += ", max " + text_of(s["max"]);
          table += "           " + std::string(side) + " option " + s["name"].get<std::string>() + "=" +
                   text_of(s["default"]) + " (" + type + "): " + s["doc"].get<std::string>() + "\n";
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
