#include "akn_format.hpp"
#include "akn_xml.hpp"

namespace resconv::akn {

Probe AknImporter::do_probe(const ProbeInput& input) const {
  std::string_view head = input.head;
  std::size_t first = head.find_first_not_of(" \t\r\n");
  if (head.substr(0, 3) == "\xEF\xBB\xBF")
    first = head.find_first_not_of(" \t\r\n", 3);
  if (first == std::string_view::npos || head[first] != '<')
    return Probe::no;
  if (head.find("<akomaNtoso") != std::string_view::npos &&
      head.find("docs.oasis-open.org/legaldocml/ns/akn/3.0") != std::string_view::npos)
    return Probe::yes;
  // Some other XML: maybe AKN with a prefix, maybe not.
  return head.find("akomaNtoso") != std::string_view::npos ? Probe::unknown : Probe::no;
}

model::Document AknImporter::do_import(const InputSource& input, const Options& options,
                                       DiagnosticSink& sink) {
  auto max_depth = limit_option(options, "max-depth", xml_max_depth, 1, xml_max_depth, "akn.option");
  XmlDocPtr doc = parse_secure(input.bytes(), input.name(), static_cast<int>(max_depth));
  return read_akn(doc.get(), sink, input.name());
}

} // namespace resconv::akn
