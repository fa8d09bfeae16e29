#include "akn_format.hpp"

namespace resconv::akn {

void AknValidator::do_validate(const InputSource& input, const Options& options, DiagnosticSink& sink) {
  XmlDocPtr doc = parse_secure(input.bytes(), input.name());
  auto schema = schema_path(options.has("schema") ? options.get_string("schema") : "");
  if (schema.empty())
    throw ConversionError(
        "akn.no-schema",
        "no Akoma Ntoso schema installed; run scripts/fetch-schemas.sh or pass --option schema=PATH");
  // Schema first; the profile rules after, and only on a schema-valid document.
  if (validate_schema(doc.get(), schema, sink, input.name()) > 0)
    return;
  check_rules(doc.get(), sink, input.name());
}

} // namespace resconv::akn
