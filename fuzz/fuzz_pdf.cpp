// libFuzzer target: the pdf importer, and the AKN export of what it imports (fuzz/README.md).
#include "akn_export_check.hpp"
#include "fuzz_importer.hpp"

#include <pdf_format.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static resconv::pdf::PdfImporter importer;
  static const resconv::Options options = resconv::fuzz::default_import_options("pdf");
  resconv::fuzz::run_importer(importer, options, data, size, resconv::fuzz::akn_export_check);
  return 0;
}
