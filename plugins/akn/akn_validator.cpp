#include "akn_format.hpp"

namespace resconv::akn {

void AknValidator::do_validate(const InputSource& input, const Options& options, DiagnosticSink& sink) {
  // The descriptor bounds max-attributes; parse_secure refuses a value outside them as akn.option.
  auto max_attributes =
      options.has("max-attributes") ? options.get_int("max-attributes") : xml::default_max_attributes;
  XmlDocPtr doc = parse_secure(input.bytes(), input.name(), xml_max_depth, max_attributes);
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
