#include "json_format.hpp"

#include <resconv/sdk/model/json.hpp>

namespace resconv::json_format {

Probe JsonImporter::do_probe(const ProbeInput& input) const {
  std::string_view head = input.head;
  std::size_t i = head.find_first_not_of(" \t\r\n");
  if (head.substr(0, 3) == "\xEF\xBB\xBF")
    i = head.find_first_not_of(" \t\r\n", 3);
  if (i == std::string_view::npos || head[i] != '{')
    return Probe::no;
  // The contract's version key sits near the top of every document we write.
  return head.find("\"resconv\"") != std::string_view::npos ? Probe::yes : Probe::unknown;
}

model::Document JsonImporter::do_import(const InputSource& input, const Options& options, DiagnosticSink&) {
  std::int64_t max_depth =
      limit_option(options, "max-depth", model::json_default_max_depth, 1, 1000, "json.option");
  try {
    return model::from_json(input.bytes(), static_cast<int>(max_depth));
  } catch (const model::JsonTooDeep& e) {
    throw ConversionError("json.too-deep", std::string(e.what()) + " (option max-depth)");
  } catch (const model::JsonError& e) {
    throw ConversionError("json.invalid", std::string("not a resconv JSON document: ") + e.what());
  }
}

} // namespace resconv::json_format
