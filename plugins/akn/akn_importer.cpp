#include "akn_format.hpp"
#include "akn_xml.hpp"

namespace resconv::akn {

namespace {

// The head of a UTF-16 document (byte order mark, or the "<?" of its declaration) as the
// ASCII it starts with, so the probe reads UTF-16 Akoma Ntoso as it reads UTF-8; other
// characters become '?'. Empty when the head is not UTF-16.
std::string utf16_head(std::string_view head) {
  bool little = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 4) == std::string_view("<\0?\0", 4);
  bool big = head.substr(0, 2) == "\xFE\xFF" || head.substr(0, 4) == std::string_view("\0<\0?", 4);
  if (!little && !big)
    return {};
  std::string out;
  for (std::size_t i = head[0] == '<' || head[1] == '<' ? 0 : 2; i + 1 < head.size(); i += 2) {
    auto low = static_cast<unsigned char>(head[little ? i : i + 1]);
    auto high = static_cast<unsigned char>(head[little ? i + 1 : i]);
    out += high == 0 && low < 0x80 ? static_cast<char>(low) : '?';
  }
  return out;
}

} // namespace

Probe AknImporter::do_probe(const ProbeInput& input) const {
  const std::string wide = utf16_head(input.head);
  std::string_view head = wide.empty() ? input.head : std::string_view(wide);
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
  // The descriptor bounds both limits; parse_secure refuses a value outside them as akn.option.
  auto max_depth = options.has("max-depth") ? options.get_int("max-depth") : xml_max_depth;
  auto max_attributes =
      options.has("max-attributes") ? options.get_int("max-attributes") : xml::default_max_attributes;
  XmlDocPtr doc = parse_secure(input.bytes(), input.name(), static_cast<int>(max_depth), max_attributes);
  return read_akn(doc.get(), sink, input.name());
}

} // namespace resconv::akn
