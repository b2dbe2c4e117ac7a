// Tracker's event-file ingestion: io::read_events feeds the same path as ingest().

#include <algorithm>
#include <cctype>

#include "charter/io/event_files.hpp"
#include "charter/workflow/tracker.hpp"
#include "tracker_impl.hpp"

namespace charter::workflow {

namespace {

io::EventFormat format_named(std::string_view name) {
  std::string f(name);
  std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (f == "csv") return io::EventFormat::csv;
  if (f == "jsonl" || f == "ndjson") return io::EventFormat::jsonl;
  throw std::invalid_argument("unknown event format '" + std::string(name) + "' (known: csv, jsonl)");
}

}  // namespace

IngestReport Tracker::Impl::ingest_contents(const io::EventFileContents& contents, std::string_view source) {
  IngestReport report;
  const auto& events = contents.events;
  ingest_pipelined(events.size(), [&](std::size_t i) { return std::make_pair(&events[i].event, events[i].line); }, report);
  // Unreadable lines join the refused events, everything in file order (a line is one or the
  // other).
  for (const auto& x : contents.errors) report.rejected.push_back({x.line, "", "", "format", io::describe(x, source)});
  std::stable_sort(report.rejected.begin(), report.rejected.end(),
                   [](const Rejection& a, const Rejection& b) { return a.line < b.line; });
  return report;
}

IngestReport Tracker::ingest_text(std::string_view text, std::string_view format, std::string_view source) {
  const auto contents = io::read_event_text(text, format_named(format), source, definition().calendar());
  return impl_->ingest_contents(contents, source);
}

IngestReport Tracker::ingest_file(const std::string& path) {
  const auto contents = io::read_event_file(path, definition().calendar());
  return impl_->ingest_contents(contents, path);
}

}  // namespace charter::workflow
