#include "akn_format.hpp"
#include "akn_names.hpp"

#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

namespace resconv::akn {

void AknExporter::do_export(const model::Document& document, OutputSink& output, const Options& options,
                            DiagnosticSink& sink) {
  WriteOptions write;
  write.publication_wrapper = options.has("wrapper") && options.get_string("wrapper") == "publication";
  write.markup_date = options.has("markup-date") ? options.get_string("markup-date") : "";
  if (!write.markup_date.empty() && write.markup_date != "today" && !model::is_iso_date(write.markup_date))
    throw ConversionError("akn.option",
                          "markup-date must be YYYY-MM-DD or today, not '" + write.markup_date + "'");
  try {
    // Reports a language without a data file (language.unknown); the writer then words the
    // preface in the language the text reads as.
    recognize::document_language(document, &sink, output.name());
  } catch (const language::LanguageError&) {
    // No language data at all: the preface carries the fields without wording.
  }
  bool pretty = !options.has("pretty") || options.get_bool("pretty");
  XmlDocPtr doc = write_akn(document, write);
  std::string xml = serialize(doc.get(), pretty);

  // With `check`, the output is validated against the official schema before it is
  // written: an invalid output is a bug, and then it never reaches the user's disk. The
  // tests and the fuzzers hold the writer to the schema; see formats/akn/spec.md.
  bool check = options.has("check") && options.get_bool("check");
  if (check) {
    auto schema = schema_path(options.has("schema") ? options.get_string("schema") : "");
    if (schema.empty()) {
      sink.warning("akn.unchecked",
                   "no Akoma Ntoso schema installed: output not validated (run scripts/fetch-schemas.sh)",
                   {output.name()});
    } else {
      XmlDocPtr reread = parse_secure(xml, output.name());
      DiagnosticCollector problems;
      if (validate_schema(reread.get(), schema, problems, output.name()) > 0) {
        for (const auto& d : problems.diagnostics())
          sink.report(d);
        throw ConversionError("akn.schema",
                              "the AKN output is not valid against the schema; nothing written");
      }
    }
  }
  output.write(xml);
}

} // namespace resconv::akn
