// libFuzzer target: the pdf importer (fuzz/README.md).
#include "fuzz_importer.hpp"

#include <pdf_format.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static resconv::pdf::PdfImporter importer;
  static const resconv::Options options = resconv::fuzz::default_import_options("pdf");
  resconv::fuzz::run_importer(importer, options, data, size);
  return 0;
}
