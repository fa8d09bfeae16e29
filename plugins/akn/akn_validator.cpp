#include "akn_format.hpp"

namespace resconv::akn {

void AknValidator::do_validate(const InputSource& input, const Options& options, DiagnosticSink& sink) {
  auto max_attributes = limit_option(options, "max-attributes", xml::default_max_attributes, 1,
                                     xml::max_attributes_ceiling, "akn.option");
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
