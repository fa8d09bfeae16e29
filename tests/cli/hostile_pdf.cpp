// Hostile-input rows: pdf. See hostile_cases.hpp.
#include "hostile_cases.hpp"
#include "plugins/pdf/make_pdf.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>

namespace resconv::test {

namespace {

// The short resolution with its lines `lead` points apart (T* needs no TL then).
std::string resolution_content(int lead) {
  std::string c = "BT /F1 12 Tf 72 720 Td\n";
  for (const auto& l : short_resolution_lines())
    c += "(" + l + ") Tj 0 -" + std::to_string(lead) + " Td\n";
  return c;
}

// The resolution, then 200,000 one-letter strings on one line: 81 fit on the page.
std::string long_line_pdf(int lead) {
  std::string c = resolution_content(lead);
  c.reserve(c.size() + 200000 * 7 + 3);
  for (int i = 0; i < 200000; ++i)
    c += "(a) Tj ";
  return raw_pdf(c + "ET");
}

} // namespace

std::vector<Case> hostile_cases_pdf(const TempDir& dir) {
  (void)dir;
  const auto& lines = short_resolution_lines();
  // F19: the finding's injected paragraph, white and 0.5 pt, between paragraphs 1 and 2.
  std::string injected = "BT /F1 12 Tf 18 TL 72 720 Td\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 8)
      injected +=
          "1 1 1 rg /F1 0.5 Tf (2. Decides that all archives shall be destroyed;) Tj 0 0 0 rg /F1 12 Tf T*\n";
    injected += "(" + lines[i] + ") Tj T*\n";
  }
  return {
      // F19: hidden text is left out, with a warning; all of a page hidden is no text.
      {"pdf-hidden-paragraph.pdf", raw_pdf(injected + "ET"), "pdf.hidden-text", {}, 0},
      {"pdf-invisible-text.pdf", raw_pdf(lines_content(lines, "72 720 Td", "3 Tr ")), "pdf.no-visible-text"},
      {"pdf-white-text.pdf", raw_pdf("1 1 1 rg " + lines_content(lines)), "pdf.no-visible-text"},
      {"pdf-clipped-text.pdf", raw_pdf("q 0 0 1 1 re W n " + lines_content(lines) + " Q"),
       "pdf.no-visible-text"},
      {"pdf-tiny-text.pdf", raw_pdf(lines_content(lines, "72 720 Td", "/F1 0.000000001 Tf ")),
       "pdf.no-visible-text"},
      // F24: a line of 200,000 letters running off the page: the page is read, the rest is
      // left out with a warning; also with the finding's single-spaced lines (14 pt apart,
      // no paragraph spacing), read a line a paragraph.
      {"pdf-long-line.pdf", long_line_pdf(18), "pdf.off-page", {}, 0},
      {"pdf-long-line-single-spaced.pdf", long_line_pdf(14), "pdf.off-page", {}, 0},
      {"pdf-single-spaced.pdf", raw_pdf(resolution_content(14) + "ET"), "pdf.no-paragraph-spacing", {}, 0},
      // F25: no OCR advice without images.
      {"pdf-empty-page.pdf", raw_pdf(""), "pdf.no-text"},
      {"pdf-offpage-text.pdf", raw_pdf(lines_content(lines, "5000 -5000 Td")), "pdf.no-visible-text"},
      {"pdf-scan.pdf", raw_pdf("q 612 0 0 792 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x\nEI Q"),
       "pdf.no-text-layer"},
      // F34: /Count 1000000 over one page.
      {"pdf-count-lie.pdf", raw_pdf(lines_content(lines), "", "1000000"), "pdf.corrupt"},
  };
}

// F20: rotated pages and text turned by its matrix read as the upright page, as pdftotext
// reads them.
TEST_CASE("hostile pdf: rotated pages convert to the upright page's text", "[cli][hostile][pdf]") {
  TempDir dir;
  const auto& lines = short_resolution_lines();
  write_file(dir / "upright.pdf", raw_pdf(lines_content(lines)));
  auto upright = run_resconv({"convert", (dir / "upright.pdf").string(), "--to", "text"});
  REQUIRE(upright.exit_code == 0);
  REQUIRE(upright.out.find("3. Decides to remain seized of the matter.") != std::string::npos);
  struct Turned {
    const char* name;
    std::string bytes;
  };
  std::vector<Turned> cases = {
      {"rot90.pdf", raw_pdf(lines_content(lines), "/Rotate 90 ")},
      {"rot180.pdf", raw_pdf(lines_content(lines), "/Rotate 180 ")},
      {"rot270.pdf", raw_pdf(lines_content(lines), "/Rotate 270 ")},
      {"tm-rotated.pdf", raw_pdf(lines_content(lines, "0 1 -1 0 300 100 Tm"))},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      write_file(dir / c.name, c.bytes);
      auto r = run_resconv({"convert", (dir / c.name).string(), "--to", "text"});
      INFO(r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
      CHECK(r.out == upright.out);
    }
  }
}

} // namespace resconv::test
