// Event files: workflow events bound to the record-file reader and writer (record_files.hpp).

#include "charter/io/event_files.hpp"

#include "record_files.hpp"

namespace charter::io {
namespace {

using workflow::Event;

// Four required columns; messages name an event by its case.
const records::Files<Event, EventLine, EventFileContents>& files() {
  static const records::Files<Event, EventLine, EventFileContents> f(
      "event", "an event", "case",
      {{"case", true, &Event::case_id}, {"at", true}, {"event", true, &Event::name},
       {"actor", true, &Event::actor}},
      &EventLine::event, &EventFileContents::events);
  return f;
}

}  // namespace

std::string describe(const EventLineError& error, std::string_view source) {
  return std::string(source) + ":" + std::to_string(error.line) + ":" +
         std::to_string(error.column) + ": " + error.message;
}

EventFormat event_format_of(const std::string& path) { return files().format_of(path); }

void read_events(std::string_view text, EventFormat format, std::string_view source,
                 const calendar::BusinessCalendar& zone,
                 const std::function<void(EventLine&&)>& on_event,
                 const std::function<void(EventLineError&&)>& on_error) {
  files().read(text, format, source, zone, on_event, on_error);
}

EventFileContents read_event_text(std::string_view text, EventFormat format,
                                  std::string_view source, const calendar::BusinessCalendar& zone) {
  return files().read_text(text, format, source, zone);
}

EventFileContents read_event_file(const std::string& path, const calendar::BusinessCalendar& zone) {
  return files().read_file(path, zone);
}

std::string write_events(const std::vector<Event>& events, EventFormat format,
                         const calendar::BusinessCalendar& zone) {
  return files().write(events, format, zone);
}

void save_event_file(const std::string& path, const std::vector<Event>& events,
                     const calendar::BusinessCalendar& zone) {
  files().save(path, events, zone);
}

}  // namespace charter::io
