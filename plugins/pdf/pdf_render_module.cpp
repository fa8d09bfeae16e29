// resconv_pdf_render.so: the PDF exporter's renderer, loaded by the pdf plugin on its
// first export (pdf_plugin.cpp). Both are built together from one tree, so C++ types and
// exceptions may cross between them; nothing else loads this module.
#include "pdf_format.hpp"

extern "C" __attribute__((visibility("default"))) void
resconv_pdf_render(const resconv::model::Document& document, resconv::OutputSink& output,
                   const resconv::Options& options, resconv::DiagnosticSink& sink) {
  resconv::pdf::render_pdf(document, output, options, sink);
}
