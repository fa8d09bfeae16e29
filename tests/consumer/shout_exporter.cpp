#include "shout_exporter.hpp"

#include <cctype>

void ShoutExporter::do_export(const resconv::model::Document& document, resconv::OutputSink& output,
                              const resconv::Options&, resconv::DiagnosticSink&) {
  std::string title = document.metadata.title.value_or("(untitled)");
  for (char& c : title)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  output.write(title + "\n");
}
