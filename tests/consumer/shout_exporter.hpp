#pragma once
#include <resconv/sdk/exporter.hpp>

class ShoutExporter final : public resconv::Exporter {
protected:
  void do_export(const resconv::model::Document& document, resconv::OutputSink& output,
                 const resconv::Options& options, resconv::DiagnosticSink& sink) override;
};
