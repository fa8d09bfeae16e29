// Hostile-input rows: docx. See hostile_cases.hpp.
#include "../plugins/docx/zip_patch.hpp"
#include "hostile_cases.hpp"

namespace resconv::test {

namespace {

const std::string doc_start = "<?xml version=\"1.0\"?><w:document " + w_ns + "><w:body>";
const std::string doc_end = "</w:body></w:document>";

std::string paragraphs(const std::string& props, int n) {
  std::string p = "<w:p><w:pPr>" + props + "</w:pPr><w:r><w:t>Decides to remain seized;</w:t></w:r></w:p>";
  std::string out = "<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>";
  for (int i = 0; i < n; ++i)
    out += p;
  return out;
}

// A list of one level: start, format; used by paragraphs at level `ilvl`.
std::string list_docx(const std::string& start, const std::string& format, const std::string& ilvl, int n) {
  std::string numbering = "<?xml version=\"1.0\"?><w:numbering " + w_ns +
                          "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"" +
                          start + "\"/><w:numFmt w:val=\"" + format +
                          "\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
                          "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
  return docx_with_document(
      doc_start + paragraphs("<w:numPr><w:ilvl w:val=\"" + ilvl + "\"/><w:numId w:val=\"1\"/></w:numPr>", n) +
          doc_end,
      {{"word/numbering.xml", numbering}});
}

} // namespace

std::vector<Case> hostile_cases_docx(const TempDir& dir) {
  (void)dir;
  std::string many;
  for (int i = 0; i < 100000; ++i)
    many += " w:a" + std::to_string(i) + "=\"v\"";
  const std::string good = docx_with_document(doc_start + paragraphs("", 2) + doc_end);
  return {
      // F12: libxml2's attribute checks are quadratic (100,000 on one tag: 107 s).
      {"attributes.docx",
       docx_with_document(doc_start + "<w:p" + many + "><w:r><w:t>x</w:t></w:r></w:p>" + doc_end),
       "docx.too-many-attributes"},
      // F13: a level of 2e9 looped up to it (30 s a paragraph); read as level 8, with a warning.
      {"ilvl.docx", list_docx("1", "decimal", "2000000000", 50), "docx.numbering", {}, 0},
      // F14: Roman numbers from 2e9 (2 million 'm' each: 1.6 GiB); written in decimal.
      {"roman.docx", list_docx("2000000000", "lowerRoman", "0", 200), "docx.numbering", {}, 0},
      // F16: a start beyond 64 bits (atoi: undefined); read as the largest start.
      {"start.docx", list_docx("99999999999999999999", "decimal", "0", 3), "docx.numbering", {}, 0},
      // F30: an encrypted entry; (LZMA: docx.zip, its message is tested in docx_plugin_tests).
      {"encrypted.docx",
       patch_zip_entry(good, "word/document.xml", zip_flags,
                       [](std::uint16_t v) { return static_cast<std::uint16_t>(v | 1); }),
       "docx.encrypted"},
      {"lzma.docx",
       patch_zip_entry(good, "word/document.xml", zip_method,
                       [](std::uint16_t) { return std::uint16_t{14}; }),
       "docx.zip"},
      // F35: two entries named word/document.xml.
      {"duplicate.docx",
       rename_in_zip(docx_with_document(doc_start + paragraphs("", 1) + doc_end,
                                        {{"word/documenX.xml", doc_start + paragraphs("", 2) + doc_end}}),
                     "word/documenX.xml", "word/document.xml"),
       "docx.zip"},
  };
}

} // namespace resconv::test
