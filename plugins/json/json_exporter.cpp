#include "json_format.hpp"

#include <resconv/sdk/model/json.hpp>

namespace resconv::json_format {

void JsonExporter::do_export(const model::Document& document, OutputSink& output, const Options& options,
                             DiagnosticSink&) {
  std::int64_t indent = options.has("indent") ? options.get_int("indent") : 2;
  if (indent < -1 || indent > 16)
    throw ConversionError("json.option", "indent must be between -1 and 16");
  output.write(model::to_json(document, static_cast<int>(indent)));
}

} // namespace resconv::json_format
