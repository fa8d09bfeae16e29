#pragma once
// The akn format: AKN4UN export and import (formats/akn/spec.md), schema and profile checks.

#include "akn_xml.hpp"

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/validator.hpp>

#include <string>

namespace resconv::akn {

struct WriteOptions {
  bool publication_wrapper = false; ///< Wrap in documentCollection name="publication".
  std::string markup_date;          ///< FRBRManifestation date; empty: the adoption date.
};

/// Builds the AKN document for a model. Deterministic: equal models and options give equal
/// trees (eIds, order), and no clock is read unless markup_date asks for "today".
XmlDocPtr write_akn(const model::Document& document, const WriteOptions& options);

/// Reads an AKN document (final or WD17 namespace; AKN4UN or foreign) into the model.
/// Reports what it skipped (akn.unmapped) and throws ConversionError when the document is
/// not Akoma Ntoso at all (akn.not-akn).
model::Document read_akn(xmlDoc* doc, DiagnosticSink& sink, const std::string& file);

/// The metadata a reader gets from one document element (a statement, or a
/// documentCollection read as a collection), for the writer's read-back: what it does not
/// give back as the model holds it, the writer keeps in meta/proprietary (resconv:metadata),
/// so that every model imports back with its metadata exactly.
model::Metadata read_akn_metadata(xmlNode* document);

/// AKN4UN rules the schema cannot express: FRBR IRIs consistent with FRBRnumber/FRBRdate
/// (akn.frbr), every refersTo and local href resolved (akn.unresolved), eIds unique and
/// well-formed (akn.eid), text conservation (akn.text-conservation). Returns the number of
/// errors reported.
int check_rules(xmlDoc* doc, DiagnosticSink& sink, const std::string& file);

/// The words of an element's text in document order, tags stripped (meta left out).
std::vector<std::string> content_words(xmlDoc* doc);
/// The words a model must show in its AKN, in order: preface fields, formula, paragraphs
/// with each footnote's text at its first call, closing, annexes, uncalled footnotes.
std::vector<std::string> model_words(const model::Document& document);

class AknImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput& input) const override;
  model::Document do_import(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

class AknExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

class AknValidator final : public Validator {
protected:
  void do_validate(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

} // namespace resconv::akn
