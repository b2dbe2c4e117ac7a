// Event files: workflow events bound to the record-file reader and writer (record_files.hpp).

#include "charter/io/event_files.hpp"

#include "charter/io/atomic_file.hpp"
#include "record_files.hpp"

namespace charter::io {
namespace {

using workflow::Event;

const records::Form<Event>& event_form() {
  static const records::Form<Event> form{
      records::Schema("event", "an event",
                      {{"case", true}, {"at", true}, {"event", true}, {"actor", true}}, "case"),
      {&Event::case_id, nullptr, &Event::name, &Event::actor}};
  return form;
}

}  // namespace

std::string describe(const EventLineError& error, std::string_view source) {
  return std::string(source) + ":" + std::to_string(error.line) + ":" +
         std::to_string(error.column) + ": " + error.message;
}

EventFormat event_format_of(const std::string& path) {
  return records::format_of(path, event_form().schema);
}

void read_events(std::string_view text, EventFormat format, std::string_view source,
                 const calendar::BusinessCalendar& zone,
                 const std::function<void(EventLine&&)>& on_event,
                 const std::function<void(EventLineError&&)>& on_error) {
  records::read_lines(text, format, source, zone, event_form(), &EventLine::event, on_event,
                      on_error);
}

EventFileContents read_event_text(std::string_view text, EventFormat format,
                                  std::string_view source, const calendar::BusinessCalendar& zone) {
  EventFileContents out;
  read_events(text, format, source, zone, records::append_to(out.events),
              records::append_to(out.errors));
  return out;
}

EventFileContents read_event_file(const std::string& path, const calendar::BusinessCalendar& zone) {
  const EventFormat format = event_format_of(path);
  return read_event_text(read_file(path, kMaxEventFileBytes), format, path, zone);
}

std::string write_events(const std::vector<Event>& events, EventFormat format,
                         const calendar::BusinessCalendar& zone) {
  return records::write_all(events, format, zone, event_form());
}

void save_event_file(const std::string& path, const std::vector<Event>& events,
                     const calendar::BusinessCalendar& zone) {
  write_file_atomically(path, write_events(events, event_format_of(path), zone));
}

}  // namespace charter::io
