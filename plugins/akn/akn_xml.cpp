#include "akn_xml.hpp"

#include "akn_names.hpp"

#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/importer.hpp>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>

#include <cstring>
#include <map>
#include <mutex>

namespace resconv::akn {

namespace {

// Only local files may be loaded (the schema's own import of xml.xsd); a network address
// is refused. Documents never reach this loader: they may not have a DTD.
xmlParserInputPtr local_only_loader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  std::string_view u = url ? url : "";
  if (u.find("://") != std::string_view::npos && u.substr(0, 7) != "file://")
    return nullptr;
  return xmlNoNetExternalEntityLoader(url, id, ctxt);
}

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(local_only_loader);
  });
}

struct Errors {
  std::vector<std::pair<int, std::string>> list;
};

void collect_error(void* data, xmlErrorPtr error) {
  auto* errors = static_cast<Errors*>(data);
  if (error == nullptr || errors->list.size() > 50)
    return;
  std::string message = error->message ? error->message : "unknown error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  errors->list.emplace_back(error->line, message);
}

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* c) const noexcept { xmlFreeParserCtxt(c); }
};

} // namespace

XmlDocPtr parse_secure(std::string_view bytes, const std::string& name, int max_depth,
                       std::int64_t max_attributes) {
  if (max_depth < 1 || max_depth > xml_max_depth)
    throw ConversionError("akn.option", "max-depth must be between 1 and " + std::to_string(xml_max_depth));
  if (max_attributes < 1 || max_attributes > xml::max_attributes_ceiling)
    throw ConversionError("akn.option", "max-attributes must be between 1 and " +
                                            std::to_string(xml::max_attributes_ceiling));
  init_libxml();
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    throw ConversionError("akn.xml", "document too large");
  // Before libxml2: its attribute checks are quadratic in the attributes of one tag.
  const xml::Prescan scan = xml::prescan(bytes, static_cast<std::size_t>(max_attributes));
  if (!scan.unreadable.empty())
    throw ConversionError("akn.xml", scan.unreadable, {name});
  if (scan.doctype)
    throw ConversionError("akn.dtd", "documents with a DOCTYPE are refused (entities are a security risk)",
                          {name});
  if (scan.most_attributes > static_cast<std::size_t>(max_attributes))
    throw ConversionError("akn.too-many-attributes",
                          "a start tag has more than " + std::to_string(max_attributes) +
                              " attributes (option max-attributes: " + std::to_string(max_attributes) + ")",
                          {name, 0, scan.line, -1});
  std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt)
    throw ConversionError("akn.xml", "cannot create an XML parser");
  Errors errors;
  xmlSetStructuredErrorFunc(&errors, collect_error);
  // No network, no entity substitution, no DTD loading, no XInclude; libxml2's default
  // depth (256) and amplification limits stay on (no XML_PARSE_HUGE).
  int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), name.c_str(),
                                  nullptr, options));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc || !ctxt->wellFormed) {
    std::string message = "not well-formed XML";
    int line = 0;
    if (!errors.list.empty()) {
      line = errors.list.front().first;
      message += ": " + errors.list.front().second;
    }
    // An entity bomb may stop the parser before the DOCTYPE check below: same refusal.
    if (bytes.find("<!DOCTYPE") != std::string_view::npos)
      throw ConversionError("akn.dtd", "documents with a DOCTYPE are refused (entities are a security risk)",
                            {name, 0, line, -1});
    if (message.find("Excessive depth") != std::string::npos)
      throw ConversionError("akn.too-deep",
                            "elements nest deeper than " + std::to_string(xml_max_depth) + " levels",
                            {name, 0, line, -1});
    throw ConversionError("akn.xml", message, {name, 0, line, -1});
  }
  if (max_depth < xml_max_depth) {
    if (int depth = xml::element_depth(xmlDocGetRootElement(doc.get())); depth > max_depth)
      throw ConversionError("akn.too-deep",
                            "elements nest " + std::to_string(depth) +
                                " levels deep (option max-depth: " + std::to_string(max_depth) + ")",
                            {name});
  }
  if (xmlGetIntSubset(doc.get()) != nullptr)
    throw ConversionError("akn.dtd", "documents with a DOCTYPE are refused (entities are a security risk)",
                          {name});
  return doc;
}

namespace {

// Elements whose content is text: indentation inside them would change the text.
bool holds_text(std::string_view n) {
  if (is_inline_element(n))
    return true;
  static constexpr std::string_view blocks[] = {
      "p", "num", "heading", "subheading", "authorialNote", "listIntroduction", "listWrapUp"};
  for (auto name : blocks)
    if (n == name)
      return true;
  return false;
}

// Adds line breaks and two-space indents between the children of structural elements only
// (libxml2's own formatter also indents inside <p> when it holds no text node of its own).
void indent(xmlNode* node, int level) {
  if (holds_text(name_of(node)))
    return;
  bool has_elements = false;
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
      return;
    has_elements = has_elements || c->type == XML_ELEMENT_NODE;
  }
  if (!has_elements)
    return;
  std::string inner = "\n" + std::string(static_cast<std::size_t>(level + 1) * 2, ' ');
  std::string outer = "\n" + std::string(static_cast<std::size_t>(level) * 2, ' ');
  std::vector<xmlNode*> children;
  for (xmlNode* c = node->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      children.push_back(c);
  for (xmlNode* c : children) {
    xmlAddPrevSibling(c, xmlNewText(reinterpret_cast<const xmlChar*>(inner.c_str())));
    indent(c, level + 1);
  }
  xmlAddChild(node, xmlNewText(reinterpret_cast<const xmlChar*>(outer.c_str())));
}

} // namespace

std::string serialize(xmlDoc* doc, bool pretty) {
  if (pretty)
    if (xmlNode* root = xmlDocGetRootElement(doc))
      indent(root, 0);
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 0);
  std::string out(reinterpret_cast<char*>(buffer), static_cast<std::size_t>(size));
  xmlFree(buffer);
  if (!out.empty() && out.back() != '\n')
    out += '\n';
  return out;
}

std::filesystem::path schema_path(const std::string& configured) {
  if (!configured.empty())
    return configured;
  auto installed = data_directory() / "schemas" / "akn" / "akomantoso30.xsd";
  std::error_code ec;
  return std::filesystem::exists(installed, ec) ? installed : std::filesystem::path();
}

namespace {

struct SchemaFree {
  void operator()(xmlSchema* s) const noexcept { xmlSchemaFree(s); }
};

// Parsing the 500 KB schema takes time: once per path and process.
xmlSchema* load_schema(const std::filesystem::path& path) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<xmlSchema, SchemaFree>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(path.string());
  if (it != cache.end())
    return it->second.get();
  init_libxml();
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec))
    throw ConversionError("akn.no-schema", "Akoma Ntoso schema not found" +
                                               (path.empty() ? std::string() : " at " + path.string()) +
                                               "; run scripts/fetch-schemas.sh or pass --option schema=PATH");
  Errors errors;
  xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(path.c_str());
  xmlSchemaSetParserStructuredErrors(pctxt, collect_error, &errors);
  xmlSchema* schema = xmlSchemaParse(pctxt);
  xmlSchemaFreeParserCtxt(pctxt);
  if (schema == nullptr)
    throw ConversionError("akn.no-schema",
                          "cannot load the schema " + path.string() +
                              (errors.list.empty() ? std::string() : ": " + errors.list.front().second));
  return cache.emplace(path.string(), std::unique_ptr<xmlSchema, SchemaFree>(schema)).first->second.get();
}

} // namespace

int validate_schema(xmlDoc* doc, const std::filesystem::path& path, DiagnosticSink& sink,
                    const std::string& file) {
  xmlSchema* schema = load_schema(path);
  Errors errors;
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(vctxt, collect_error, &errors);
  int result = xmlSchemaValidateDoc(vctxt, doc);
  xmlSchemaFreeValidCtxt(vctxt);
  for (const auto& [line, message] : errors.list)
    sink.error("akn.schema", message, {file, 0, line, -1});
  if (result != 0 && errors.list.empty())
    sink.error("akn.schema", "the document is not valid against the Akoma Ntoso schema", {file});
  return result == 0 ? 0 : std::max<int>(1, static_cast<int>(errors.list.size()));
}

std::string_view name_of(const xmlNode* node) noexcept {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr)
    return {};
  return reinterpret_cast<const char*>(node->name);
}

std::string attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr)
    return {};
  std::string out(reinterpret_cast<char*>(value));
  xmlFree(value);
  return out;
}

bool has_attr(const xmlNode* node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::vector<xmlNode*> elements(const xmlNode* node) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = node ? node->children : nullptr; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      out.push_back(c);
  return out;
}

xmlNode* child(const xmlNode* node, std::string_view name) {
  for (xmlNode* c = node ? node->children : nullptr; c != nullptr; c = c->next)
    if (name_of(c) == name)
      return c;
  return nullptr;
}

std::string text_of(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr)
    return {};
  std::string out(reinterpret_cast<char*>(content));
  xmlFree(content);
  return out;
}

bool is_akn_namespace(const xmlNode* node) noexcept {
  if (node == nullptr || node->ns == nullptr || node->ns->href == nullptr)
    return false;
  const char* href = reinterpret_cast<const char*>(node->ns->href);
  return std::strcmp(href, akn_namespace) == 0 || std::strcmp(href, akn_draft_namespace) == 0;
}

} // namespace resconv::akn
