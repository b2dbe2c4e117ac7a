// Completion files: cycle::CompletionRecord bound to the record-file reader and writer
// (record_files.hpp), with the same formats, rules and messages as event files.

#include "charter/io/completion_files.hpp"

#include "record_files.hpp"

namespace charter::io {
namespace {

using cycle::CompletionRecord;

// Which obligation and when (required), then for whom, by whom and the record's own reference
// (optional). Messages name a record by its id.
const records::Files<CompletionRecord, CompletionLine, CompletionFileContents>& files() {
  static const records::Files<CompletionRecord, CompletionLine, CompletionFileContents> f(
      "completion", "a completion record", "id",
      {{"cycle", true, &CompletionRecord::cycle}, {"at", true}, {"subject", false, &CompletionRecord::subject},
       {"actor", false, &CompletionRecord::actor}, {"id", false, &CompletionRecord::id}},
      &CompletionLine::record, &CompletionFileContents::records);
  return f;
}

}  // namespace

void read_completions(std::string_view text, EventFormat format, std::string_view source,
                      const calendar::BusinessCalendar& zone,
                      const std::function<void(CompletionLine&&)>& on_record,
                      const std::function<void(EventLineError&&)>& on_error) {
  files().read(text, format, source, zone, on_record, on_error);
}

CompletionFileContents read_completion_text(std::string_view text, EventFormat format, std::string_view source,
                                            const calendar::BusinessCalendar& zone) {
  return files().read_text(text, format, source, zone);
}

CompletionFileContents read_completion_file(const std::string& path, const calendar::BusinessCalendar& zone) {
  return files().read_file(path, zone);
}

std::string write_completions(const std::vector<CompletionRecord>& records, EventFormat format,
                              const calendar::BusinessCalendar& zone) {
  return files().write(records, format, zone);
}

void save_completion_file(const std::string& path, const std::vector<CompletionRecord>& records,
                          const calendar::BusinessCalendar& zone) {
  files().save(path, records, zone);
}

}  // namespace charter::io
