// Hostile-input rows: detection. See hostile_cases.hpp. No row names its format (--from):
// each is about what detection does with the input.
#include "hostile_cases.hpp"

namespace resconv::test {

std::vector<Case> hostile_cases_detection(const TempDir& dir) {
  const std::string good_pdf = read_file(dir / "good.pdf");
  return {
      // F27: text that no probe takes (a NUL) but whose extension names the text format: the
      // text importer says what is wrong, with the offset.
      {"nul-detected.txt", std::string("The General Assembly,\n\n1. Decides\0\0 to remain seized.\n", 54),
       "text.binary"},
      // F26: more junk before %PDF- than PDF readers allow: the magic does not match, the
      // extension hands it to the PDF importer, which says why.
      {"farjunk.pdf", std::string(2048, '\0') + good_pdf, "pdf.not-pdf"},
      // F28: JSON in UTF-16 is recognised as JSON and refused by the JSON importer.
      {"utf16.json", widen("{\"resconv\": 1, \"metadata\": {\"title\": \"x\"}}", 2, true, true),
       "json.encoding"},
  };
}

} // namespace resconv::test
