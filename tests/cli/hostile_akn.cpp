// Hostile-input rows: akn. See hostile_cases.hpp.
#include "hostile_cases.hpp"

namespace resconv::test {

std::vector<Case> hostile_cases_akn(const TempDir& dir) {
  (void)dir;
  std::string many;
  for (int i = 0; i < 100000; ++i)
    many += " a" + std::to_string(i) + "=\"v\"";
  const std::string attributes = "<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\"" + akn_ns +
                                 "\">\n<statement name=\"resolution\"" + many +
                                 "><mainBody><p>Decides.</p></mainBody></statement></akomaNtoso>\n";
  return {
      // F12: libxml2's attribute checks are quadratic (100,000 on one tag: 107 s).
      {"attributes.xml", attributes, "akn.too-many-attributes"},
      // The pre-scan reads UTF-16 as libxml2 does.
      {"attributes-utf16.xml",
       widen(attributes, 2, true, true),
       "akn.too-many-attributes",
       {"--from", "akn"}},
  };
}

} // namespace resconv::test
