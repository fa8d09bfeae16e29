#include "json_format.hpp"

#include <resconv/sdk/model/json.hpp>

namespace resconv::json_format {

void JsonExporter::do_export(const model::Document& document, OutputSink& output, const Options& options,
                             DiagnosticSink&) {
  // The descriptor bounds indent (-1 to 16); Options::parse has checked it.
  std::int64_t indent = options.has("indent") ? options.get_int("indent") : 2;
  output.write(model::to_json(document, static_cast<int>(indent)));
}

} // namespace resconv::json_format
