// libFuzzer target: the docx importer (fuzz/README.md).
#include "fuzz_importer.hpp"

#include <docx_format.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static resconv::docx::DocxImporter importer;
  static const resconv::Options options = resconv::fuzz::default_import_options("docx");
  resconv::fuzz::run_importer(importer, options, data, size);
  return 0;
}
