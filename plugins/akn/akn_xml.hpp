#pragma once
// libxml2 with the safety catch on: parsing that never touches the network, refuses DTDs
// (so no external entities and no entity expansion bombs) and keeps libxml2's depth limit;
// the schema loaded once per process and per path; small tree helpers.

#include <resconv/sdk/diagnostics.hpp>

#include <libxml/tree.h>
#include <xml_depth.hpp>
#include <xml_prescan.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace resconv::akn {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// libxml2's own ceiling on element nesting (without XML_PARSE_HUGE, which we never set).
inline constexpr int xml_max_depth = xml::max_depth_ceiling;

/// Parses untrusted XML. Throws ConversionError: `akn.xml` (not well-formed, with line; or
/// an encoding the attribute pre-scan cannot follow), `akn.dtd` (a document type
/// declaration), `akn.too-deep` (elements nested deeper than `max_depth`, at most
/// xml_max_depth), `akn.too-many-attributes` (a start tag with more than `max_attributes`
/// attributes, found by a linear pre-scan before libxml2, whose check is quadratic).
XmlDocPtr parse_secure(std::string_view bytes, const std::string& name, int max_depth = xml_max_depth,
                       std::int64_t max_attributes = xml::default_max_attributes);

/// Serialises a document as UTF-8 with an XML declaration. `pretty` indents structural
/// elements (adding whitespace-only text nodes to `doc`), never elements holding text.
std::string serialize(xmlDoc* doc, bool pretty);

/// The schema file to use: `configured` when not empty, else the installed copy
/// (<data>/schemas/akn/akomantoso30.xsd). Empty path when neither exists.
std::filesystem::path schema_path(const std::string& configured);

/// Validates `doc` against the schema at `path` (loaded once per process, thread-safe).
/// Reports each violation as `akn.schema` with its line; returns the number of errors.
/// Throws ConversionError `akn.no-schema` when the schema cannot be loaded.
int validate_schema(xmlDoc* doc, const std::filesystem::path& path, DiagnosticSink& sink,
                    const std::string& file);

// ---- tree helpers ----

/// The element's local name ("" for non-elements).
std::string_view name_of(const xmlNode* node) noexcept;
/// The attribute's value, or "" when absent.
std::string attr(const xmlNode* node, const char* name);
bool has_attr(const xmlNode* node, const char* name);
/// Element children, in order.
std::vector<xmlNode*> elements(const xmlNode* node);
/// The first element child with this local name, or nullptr.
xmlNode* child(const xmlNode* node, std::string_view name);
/// All text below `node`, concatenated.
std::string text_of(const xmlNode* node);
/// True when the namespace is Akoma Ntoso 3.0 (final or draft WD17).
bool is_akn_namespace(const xmlNode* node) noexcept;

inline constexpr const char* akn_namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
inline constexpr const char* akn_draft_namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17";
inline constexpr const char* resconv_namespace = "https://resconv.org/ns/akn-proprietary/1";

} // namespace resconv::akn
