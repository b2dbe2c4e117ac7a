// charter.workflow: definitions (read-only tables), events, cases, trackers and what they report.
//
// Datetimes (the policy is casters.hpp's; this is how workflows apply it):
//   - An Event holds `at` exactly as given. What a naive datetime means depends on the calendar,
//     so it is read only where a definition is at hand — Case.apply, Case(...), Tracker.apply,
//     Tracker.ingest — with the definition's default calendar (Definition.calendar): naive is
//     local wall time of its zone, aware is converted with its own utcoffset(). In a dict, `at`
//     may also be event-file text ("2025-09-26 17:00", "...+08:00", "...Z").
//   - Events coming back from C++ (Case.events(), Tracker.events()) are naive local wall time of
//     the definition's zone (fold=1 marks the second occurrence of an ambiguous time).
//   - Results asked "as of" an instant follow as_of's form: naive as_of → naive local wall time
//     of the definition's zone; aware as_of → aware in as_of's tzinfo. A missing instant
//     (not_a_date_time) is None; durations are timedelta.
//   - Tracker.status(as_of) columns are numpy datetime64[us]: local wall time of the
//     definition's zone for a naive as_of, UTC for an aware one; NaT where there is no instant.
//
// Threads: Case methods hold the GIL. A Tracker guards its cases with a reader/writer lock and
// releases the GIL around its long calls (status tables, ingesting text and files); no call
// waits for that lock while holding the GIL. A JournaledTracker is held the same way and shares
// the Tracker's query bindings (def_queries); its journal writes and its replay on open release
// the GIL.
//
// Event files (read_events, write_events, events_to_text) read and write instants with a
// calendar's zone: naive `at` in → local wall time of that zone; events read come back naive
// local wall time of that zone.

#include <pybind11/eval.h>
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iterator>
#include <mutex>
#include <optional>
#include <shared_mutex>

#include "bindings.hpp"
#include "pickling.hpp"
#include "casters.hpp"
#include "columns.hpp"
#include "text_files.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/model/charter.hpp"
#include "charter/io/event_files.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/definition.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/journaled_tracker.hpp"
#include "charter/workflow/status.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::python {

namespace py = pybind11;
namespace wf = charter::workflow;
using boost::posix_time::ptime;
using boost::posix_time::time_duration;
using detail::CalendarIndex;

namespace {

// ---- the result records ----------------------------------------------------------------------

// Plain, read-only Python records: printable, comparable, picklable under every protocol, and
// convertible with _asdict() (pandas.DataFrame([b._asdict() for b in tracker.breaches(t)])).
constexpr const char* kRecords = R"py(
class _Record:
    """A read-only record; its fields are its __slots__, in order."""
    __slots__ = ()
    _short = ()

    def __init__(self, *args, **kwargs):
        names = type(self).__slots__
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} fields, got {len(args)}")
        values = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names or key in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated field {key!r}")
            values[key] = value
        missing = [n for n in names if n not in values]
        if missing:
            raise TypeError(f"{type(self).__name__}: missing {', '.join(missing)}")
        for n in names:
            object.__setattr__(self, n, values[n])

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None

    def __reduce__(self):
        return (type(self), tuple(getattr(self, n) for n in self.__slots__))

    def _asdict(self):
        """The fields as a dict, in order."""
        return {n: getattr(self, n) for n in self.__slots__}

    def __repr__(self):
        shown = self._short or self.__slots__
        return f"{type(self).__name__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + \
            (", ..." if len(shown) < len(self.__slots__) else "") + ")"


class TimerStatus(_Record):
    """One timer cycle as of an instant.

    phase is a TimerPhase; started/stopped/due/warning_at follow as_of's form (None when not set:
    stopped unless stopped, due and warning_at while paused or without a goal); goal_time,
    elapsed and remaining are timedelta on the goal's measure (remaining < 0 once overdue).
    """
    __slots__ = ("timer", "rule", "cycle", "phase", "goal", "started", "stopped", "due",
                 "warning_at", "goal_time", "elapsed", "remaining", "met", "breached", "at_risk")
    _short = ("timer", "cycle", "phase", "due", "met", "breached", "at_risk")


class ChecklistItemStatus(_Record):
    """One checklist item ("checklist.item"): whether it applies to the case and is ticked."""
    __slots__ = ("id", "applies", "ticked")


class ChecklistStatus(_Record):
    """A checklist: complete when every applicable item is ticked."""
    __slots__ = ("id", "complete", "items")
    _short = ("id", "complete")


class RaisedEscalation(_Record):
    """An escalation raised: on "start", "warning" or "breach" of a timer cycle, to a role
    (and the active staff holding it that day)."""
    __slots__ = ("id", "rule", "timer", "cycle", "on", "at", "role", "staff")


class CaseStatus(_Record):
    """A case as it stood at as_of; events after as_of are ignored.

    attributes is {name: value} in definition order; timers lists every cycle in the order they
    started (timer(id) gives the newest cycle of one timer, or None).
    """
    __slots__ = ("case_id", "workflow", "as_of", "state", "open", "opened", "last_event",
                 "events", "attributes", "timers", "checklists", "escalations", "next_event",
                 "responsible")
    _short = ("case_id", "workflow", "as_of", "state", "open", "next_event")

    def timer(self, id):
        """The newest cycle of a timer, or None when it never started."""
        found = None
        for t in self.timers:
            if t.timer == id:
                found = t
        return found


class TimerExplanation(_Record):
    """Why a timer cycle is where it is. str() gives the text, one fact per line.

    pauses is [(begin, end), ...] (end None while paused); skipped is [(begin, end, reason), ...]
    of closed calendar time inside the counted span; status is the TimerStatus.
    """
    __slots__ = ("case_id", "timer", "rule", "cycle", "calendar", "goal", "started", "pauses",
                 "skipped", "status", "text")
    _short = ("case_id", "timer", "cycle", "goal")

    def __str__(self):
        return self.text


class Rejection(_Record):
    """An event a tracker refused, or an item or line it could not read (rule "format").

    line is 1-based: the line of an event file, or the position in an ingested batch.
    """
    __slots__ = ("line", "case_id", "event", "rule", "message")


class IngestReport(_Record):
    """What ingesting gave: how many events were accepted, and every Rejection in order."""
    __slots__ = ("accepted", "rejected")

    def __repr__(self):
        return f"IngestReport(accepted={self.accepted}, rejected={len(self.rejected)})"


class JournalRecovery(_Record):
    """What opening a journal found: records replayed, and bytes of a torn tail (the last
    record cut short by a crash) cut off; 0 when the journal was clean."""
    __slots__ = ("records", "dropped_bytes")


class Breach(_Record):
    """A breached timer cycle; stopped is None while it is still going, overdue the counted
    time past due, escalated_to the role of a breach escalation ("" when none)."""
    __slots__ = ("case_id", "timer", "rule", "cycle", "due", "stopped", "overdue", "escalated_to")


class AtRisk(_Record):
    """A running cycle past its warning instant and not yet breached."""
    __slots__ = ("case_id", "timer", "rule", "cycle", "warning_at", "due", "remaining")


def _status_frame(columns, state_names, utc):
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "Tracker.status_frame needs pandas (apt install python3-pandas, or pip install "
            "pandas); Tracker.status(as_of) gives the same columns as numpy arrays") from e
    data = dict(columns)
    index = pd.Index(data.pop("case_id"), name="case_id", dtype=object)
    data["state"] = pd.Categorical.from_codes(data["state_code"], categories=list(state_names))
    frame = pd.DataFrame(data, index=index)
    if utc:
        for name in list(frame.columns):
            if frame[name].dtype.kind == "M":
                frame[name] = frame[name].dt.tz_localize("UTC")
    return frame


def _cycles_frame(columns, timers, utc):
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "Tracker.cycles_frame needs pandas (apt install python3-pandas, or pip install "
            "pandas); Tracker.cycles(as_of) gives the same columns as numpy arrays") from e
    data = dict(columns)
    data["timer"] = pd.Categorical(data["timer"], categories=list(timers))
    frame = pd.DataFrame(data)
    if utc:
        for name in list(frame.columns):
            if frame[name].dtype.kind == "M":
                frame[name] = frame[name].dt.tz_localize("UTC")
    return frame
)py";

// The record classes, looked up once (references kept for the life of the process).
struct Records {
  py::handle timer_status, checklist_item_status, checklist_status, raised_escalation, case_status,
      timer_explanation, rejection, ingest_report, journal_recovery, breach, at_risk, status_frame,
      cycles_frame;
};

Records& records() {
  static Records r;
  return r;
}

// ---- small helpers ---------------------------------------------------------------------------

std::string type_name(py::handle h) {
  return py::str(py::type::handle_of(h).attr("__name__")).cast<std::string>();
}


const CalendarIndex& zone_of(const wf::Definition& d) { return d.calendar().index(); }

PyInstant naive_form() {
  PyInstant p;
  p.tzinfo = py::none();
  return p;
}

py::object instant_or_none(const ptime& t, const PyInstant& like, const CalendarIndex& x) {
  if (t.is_special()) return py::none();
  return write_instant(detail::to_micros(t), like, x);
}

py::object duration_or_none(const time_duration& d) {
  if (d.is_special()) return py::none();
  return py::cast(d);
}

ptime read_as_of(py::handle as_of, const wf::Definition& d, PyInstant& form) {
  form = read_instant(as_of, zone_of(d), "as_of");
  return detail::from_micros(form.utc);
}

py::list strings(const std::vector<std::string>& v) {
  py::list out;
  for (const auto& s : v) out.append(s);
  return out;
}

py::dict conditions_to_py(const std::vector<wf::Condition>& when) {
  py::dict out;
  for (const auto& c : when) out[py::str(c.attribute)] = strings(c.values);
  return out;
}

py::dict trigger_to_py(const wf::Trigger& t) {
  py::dict out;
  out["events"] = strings(t.events);
  out["states"] = strings(t.states);
  return out;
}

py::dict goal_to_py(const wf::Goal& g) {
  py::dict out, rules;
  for (const auto& [value, rule] : g.rules) rules[py::str(value)] = rule.text();
  out["by"] = g.attribute;
  out["rules"] = rules;
  out["field"] = g.field;
  return out;
}

const char* on_name(wf::EscalationSpec::On on) {
  switch (on) {
    case wf::EscalationSpec::On::start: return "start";
    case wf::EscalationSpec::On::warning: return "warning";
    case wf::EscalationSpec::On::breach: return "breach";
  }
  return "breach";
}

// ---- events ----------------------------------------------------------------------------------

/// charter.workflow.Event: the Python value, holding `at` exactly as given.
struct PyEvent {
  std::string case_id;
  py::object at;
  std::string name;
  std::string actor;
  py::dict fields;  ///< str → str, insertion-ordered
};

std::string str_of(py::handle h, const std::string& what) {
  if (!py::isinstance<py::str>(h)) {
    throw py::type_error(what + " must be a str, not " + type_name(h));
  }
  return h.cast<std::string>();
}

bool is_mapping(py::handle h) {
  if (py::isinstance<py::dict>(h)) return true;
  static PyObject* mapping = [] {
    return py::object(py::module_::import("collections.abc").attr("Mapping")).release().ptr();
  }();
  return PyObject_IsInstance(h.ptr(), mapping) == 1;
}

// A checked copy of an event's fields: a mapping of str to str (None: no fields).
py::dict checked_fields(py::handle fields) {
  py::dict out;
  if (fields.is_none()) return out;
  if (!is_mapping(fields)) {
    throw py::type_error("fields must be a dict of str to str, not " + type_name(fields));
  }
  for (py::handle key : fields) {
    const std::string name = str_of(key, "a field name");
    py::object value = fields[key];
    if (!py::isinstance<py::str>(value)) {
      throw py::type_error("field '" + name + "' must be a str, not " + type_name(value) +
                           " (numbers and instants are written as text, e.g. str(3) or "
                           "\"2025-09-29 10:00\")");
    }
    out[key] = value;
  }
  return out;
}

std::vector<wf::Field> fields_to_cpp(const py::dict& fields) {
  std::vector<wf::Field> out;
  out.reserve(fields.size());
  for (auto [k, v] : fields) out.push_back({k.cast<std::string>(), v.cast<std::string>()});
  return out;
}

py::object require_datetime(py::handle at) {
  ensure_datetime_api();
  if (!PyDateTime_Check(at.ptr())) {
    throw py::type_error("at must be a datetime.datetime, not " + type_name(at));
  }
  return py::reinterpret_borrow<py::object>(at);
}

// `at` as UTC: a datetime by the policy above, or (from a dict) event-file text.
ptime instant_of(py::handle at, const CalendarIndex& x) {
  if (py::isinstance<py::str>(at)) {
    const calendar::OffsetDateTime t = calendar::parse_offset_date_time(at.cast<std::string>());
    if (t.offset_minutes) return t.utc();
    return detail::from_micros(x.local_to_utc(detail::to_micros(t.wall, "at")));
  }
  return detail::from_micros(read_instant(require_datetime(at), x, "at").utc);
}

constexpr const char* kEventKeys = "case, at, event, actor, fields";

wf::Event event_from_mapping(py::handle m, const CalendarIndex& x, const std::string* implied_case) {
  py::object case_id, at, name, actor, fields = py::none();
  for (py::handle key : m) {
    const std::string k = py::isinstance<py::str>(key) ? key.cast<std::string>() : std::string("?");
    py::object value = m[key];
    if (k == "case") case_id = value;
    else if (k == "at") at = value;
    else if (k == "event") name = value;
    else if (k == "actor") actor = value;
    else if (k == "fields") fields = value;
    else throw py::value_error("unknown key " + std::string(py::repr(key)) + " in an event dict (keys: " + kEventKeys + ")");
  }
  auto need = [](const py::object& o, const char* key) {
    if (!o) throw py::value_error(std::string("an event dict needs '") + key + "' (keys: " + kEventKeys + ")");
  };
  wf::Event e;
  if (case_id) {
    e.case_id = str_of(case_id, "'case'");
  } else if (implied_case) {
    e.case_id = *implied_case;
  } else {
    need(case_id, "case");
  }
  need(at, "at");
  need(name, "event");
  need(actor, "actor");
  e.name = str_of(name, "'event'");
  e.actor = str_of(actor, "'actor'");
  e.fields = fields_to_cpp(checked_fields(fields));
  e.at = instant_of(at, x);
  return e;
}

/// An Event or an event dict as a C++ event (TypeError for anything else).
wf::Event to_event(py::handle h, const CalendarIndex& x, const std::string* implied_case = nullptr) {
  if (py::isinstance<PyEvent>(h)) {
    const auto& p = h.cast<const PyEvent&>();
    return wf::Event{p.case_id, instant_of(p.at, x), p.name, p.actor, fields_to_cpp(p.fields)};
  }
  if (is_mapping(h)) return event_from_mapping(h, x, implied_case);
  throw py::type_error("an event must be a charter.workflow.Event or a dict with keys " +
                       std::string(kEventKeys) + ", not " + type_name(h));
}

std::vector<wf::Event> to_events(py::handle items, const CalendarIndex& x,
                                 const std::string* implied_case) {
  std::vector<wf::Event> out;
  if (items.is_none()) return out;
  for (py::handle h : items) out.push_back(to_event(h, x, implied_case));
  return out;
}

py::dict fields_to_py(const std::vector<wf::Field>& fields) {
  py::dict out;
  for (const auto& f : fields) out[py::str(f.name)] = f.value;
  return out;
}

/// A C++ event as a Python Event, `at` in the given form (naive local: the default).
PyEvent event_to_py(const wf::Event& e, const CalendarIndex& x, const PyInstant& form) {
  return PyEvent{e.case_id, write_instant(detail::to_micros(e.at, "at"), form, x), e.name, e.actor,
                 fields_to_py(e.fields)};
}

py::list events_to_py(const std::vector<wf::Event>& events, const CalendarIndex& x,
                      const PyInstant& form) {
  py::list out;
  for (const auto& e : events) out.append(py::cast(event_to_py(e, x, form)));
  return out;
}

// Events in UTC-aware form: exact under every pickle protocol (protocols 0-3 drop `fold`).
PyInstant utc_form() {
  ensure_datetime_api();
  PyInstant p;
  p.tzinfo = py::reinterpret_borrow<py::object>(PyDateTime_TimeZone_UTC);
  return p;
}

// ---- status and explanations -----------------------------------------------------------------

py::object timer_status_to_py(const wf::TimerStatus& s, const PyInstant& f, const CalendarIndex& x) {
  return records().timer_status(
      s.timer, s.rule, s.cycle, py::cast(s.phase), s.goal, instant_or_none(s.started, f, x),
      instant_or_none(s.stopped, f, x), instant_or_none(s.due, f, x),
      instant_or_none(s.warning_at, f, x), duration_or_none(s.goal_time),
      duration_or_none(s.elapsed), duration_or_none(s.remaining), s.met, s.breached, s.at_risk);
}

py::object case_status_to_py(const wf::CaseStatus& s, const PyInstant& f, const CalendarIndex& x) {
  const Records& r = records();
  py::dict attributes;
  for (const auto& [k, v] : s.attributes) attributes[py::str(k)] = v;
  py::list timers, checklists, escalations;
  for (const auto& t : s.timers) timers.append(timer_status_to_py(t, f, x));
  for (const auto& c : s.checklists) {
    py::list items;
    for (const auto& i : c.items) items.append(r.checklist_item_status(i.id, i.applies, i.ticked));
    checklists.append(r.checklist_status(c.id, c.complete, items));
  }
  for (const auto& e : s.escalations) {
    escalations.append(r.raised_escalation(e.id, e.rule, e.timer, e.cycle, e.on,
                                           instant_or_none(e.at, f, x), e.role, strings(e.staff)));
  }
  return r.case_status(s.case_id, s.workflow, instant_or_none(s.as_of, f, x), s.state, s.open,
                       instant_or_none(s.opened, f, x), instant_or_none(s.last_event, f, x),
                       s.events, attributes, timers, checklists, escalations, s.next_event,
                       strings(s.responsible));
}

py::object explanation_to_py(const wf::TimerExplanation& e, const PyInstant& f,
                             const CalendarIndex& x) {
  py::list pauses, skipped;
  for (const auto& [from, to] : e.pauses) {
    pauses.append(py::make_tuple(instant_or_none(from, f, x), instant_or_none(to, f, x)));
  }
  for (const auto& s : e.skipped) {
    skipped.append(py::make_tuple(instant_or_none(s.begin, f, x), instant_or_none(s.end, f, x),
                                  s.reason));
  }
  return records().timer_explanation(e.case_id, e.timer, e.rule, e.cycle, e.calendar, e.goal,
                                     instant_or_none(e.started, f, x), pauses, skipped,
                                     timer_status_to_py(e.status, f, x), e.text);
}

py::object report_to_py(const wf::IngestReport& rep) {
  py::list rejected;
  for (const auto& r : rep.rejected) {
    rejected.append(records().rejection(r.line, r.case_id, r.event, r.rule, r.message));
  }
  return records().ingest_report(rep.accepted, rejected);
}

// ---- Tracker: the C++ tracker behind a reader/writer lock ------------------------------------

struct PyTracker {
  explicit PyTracker(wf::Definition d) : definition(d), tracker(std::move(d)) {}
  explicit PyTracker(wf::Tracker t) : definition(t.definition()), tracker(std::move(t)) {}
  const wf::Definition definition;  ///< immutable: read without the lock
  wf::Tracker tracker;
  mutable std::shared_mutex mutex;
};

// Takes the lock without ever waiting for it while holding the GIL (the holder of the lock may
// be waiting for the GIL only after it has let go of the lock, so this cannot deadlock).
template <class Lock>
Lock take(std::shared_mutex& m) {
  Lock lock(m, std::try_to_lock);
  if (!lock.owns_lock()) {
    py::gil_scoped_release release;
    lock.lock();
  }
  return lock;
}

template <class F>
auto reading(const PyTracker& t, F&& f) {
  auto lock = take<std::shared_lock<std::shared_mutex>>(t.mutex);
  return f(t.tracker);
}

template <class F>
auto writing(PyTracker& t, F&& f) {
  auto lock = take<std::unique_lock<std::shared_mutex>>(t.mutex);
  return f(t.tracker);
}

// Long calls: release the GIL first, then wait for the lock and work.
template <class F>
auto reading_released(const PyTracker& t, F&& f) {
  py::gil_scoped_release release;
  std::shared_lock<std::shared_mutex> lock(t.mutex);
  return f(t.tracker);
}

template <class F>
auto writing_released(PyTracker& t, F&& f) {
  py::gil_scoped_release release;
  std::unique_lock<std::shared_mutex> lock(t.mutex);
  return f(t.tracker);
}

// ---- JournaledTracker: the C++ journaled tracker behind the same kind of lock -----------------
//
// Writes (apply, ingest, close) take the lock exclusively; queries share it and see only
// tracker(), which is const. close() destroys the C++ object, which closes the journal and
// releases its file lock; every later call raises ValueError.

struct PyJournaled {
  PyJournaled(wf::JournaledTracker j)
      : definition(j.definition()), path(j.path()), journaled(std::move(j)) {}
  const wf::Definition definition;  ///< immutable: read without the lock
  const std::string path;           ///< kept for messages after close()
  std::optional<wf::JournaledTracker> journaled;  ///< nullopt once closed
  std::atomic<bool> closed{false};  ///< set by close(), read without the lock for a quick check
  mutable std::shared_mutex mutex;
};

// A builtin exception (no Python API until pybind11 translates it), so it may be thrown while
// the GIL is released.
[[noreturn]] void throw_closed(const PyJournaled& j) {
  throw py::value_error("JournaledTracker '" + j.path + "' is closed (open it again with "
                        "JournaledTracker.open(definition, path))");
}

void require_open(const PyJournaled& j) {
  if (j.closed.load()) throw_closed(j);
}

const wf::Tracker& open_tracker(const PyJournaled& j) {
  if (!j.journaled) throw_closed(j);
  return j.journaled->tracker();
}

wf::JournaledTracker& open_journaled(PyJournaled& j) {
  if (!j.journaled) throw_closed(j);
  return *j.journaled;
}

// Destroying the C++ object closes the journal and releases its file lock.
void close_journal(PyJournaled& j) {
  auto lock = take<std::unique_lock<std::shared_mutex>>(j.mutex);
  j.closed.store(true);
  j.journaled.reset();
}

template <class F>
auto reading(const PyJournaled& j, F&& f) {
  auto lock = take<std::shared_lock<std::shared_mutex>>(j.mutex);
  return f(open_tracker(j));
}

template <class F>
auto reading_released(const PyJournaled& j, F&& f) {
  py::gil_scoped_release release;
  std::shared_lock<std::shared_mutex> lock(j.mutex);
  return f(open_tracker(j));
}

// Journal writes sync to disk: always release the GIL first.
template <class F>
auto writing_released(PyJournaled& j, F&& f) {
  py::gil_scoped_release release;
  std::unique_lock<std::shared_mutex> lock(j.mutex);
  return f(open_journaled(j));
}

// Reads an item of a batch for a Rejection: its case and event when they are plain strings.
std::pair<std::string, std::string> case_and_event_of(py::handle h) {
  std::string c, e;
  try {
    if (py::isinstance<PyEvent>(h)) {
      const auto& p = h.cast<const PyEvent&>();
      return {p.case_id, p.name};
    }
    if (py::isinstance<py::dict>(h)) {
      py::dict d = py::reinterpret_borrow<py::dict>(h);
      if (d.contains("case") && py::isinstance<py::str>(d["case"])) c = d["case"].cast<std::string>();
      if (d.contains("event") && py::isinstance<py::str>(d["event"])) e = d["event"].cast<std::string>();
    }
  } catch (const py::error_already_set&) {
  }
  return {c, e};
}

// A batch of Events or event dicts read for ingesting: the events that could be read, the
// 1-based position of each, and a "format" Rejection for each that could not.
struct Batch {
  std::vector<wf::Event> good;
  std::vector<std::size_t> position;
  std::vector<wf::Rejection> unreadable;
};

Batch read_batch(const py::iterable& items, const CalendarIndex& x) {
  Batch b;
  std::size_t i = 0;
  for (py::handle h : items) {
    ++i;
    if (!py::isinstance<PyEvent>(h) && !is_mapping(h)) {
      throw py::type_error("ingest: item " + std::to_string(i) + " is a " + type_name(h) +
                           ", not a charter.workflow.Event or an event dict");
    }
    std::string why;
    try {
      b.good.push_back(to_event(h, x));
      b.position.push_back(i);
      continue;
    } catch (const py::builtin_exception& e) {
      why = e.what();
    } catch (const Error& e) {
      why = e.what();
    } catch (const py::error_already_set& e) {
      if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
      why = e.what();
    }
    const auto [case_id, event] = case_and_event_of(h);
    b.unreadable.push_back({i, case_id, event, "format", "item " + std::to_string(i) + ": " + why});
  }
  return b;
}

// The report of ingesting b.good, its lines turned back into positions in the batch and merged
// with the unreadable items (both lists are in order of position).
py::object batch_report(wf::IngestReport report, Batch& b) {
  for (auto& r : report.rejected) r.line = b.position.at(r.line - 1);
  std::vector<wf::Rejection> all;
  all.reserve(report.rejected.size() + b.unreadable.size());
  std::merge(std::make_move_iterator(report.rejected.begin()), std::make_move_iterator(report.rejected.end()),
             std::make_move_iterator(b.unreadable.begin()), std::make_move_iterator(b.unreadable.end()),
             std::back_inserter(all), [](const wf::Rejection& a, const wf::Rejection& c) { return a.line < c.line; });
  report.rejected = std::move(all);
  return report_to_py(report);
}

py::object ingest(PyTracker& t, const py::iterable& items) {
  Batch b = read_batch(items, zone_of(t.definition));
  wf::IngestReport report = writing_released(t, [&](wf::Tracker& tr) { return tr.ingest(b.good); });
  return batch_report(std::move(report), b);
}

py::object ingest_path_as(PyTracker& t, py::handle path, const char* format) {
  const std::string p = path_of(path);
  wf::IngestReport report = writing_released(t, [&](wf::Tracker& tr) {
    const std::string text = read_whole_file(p);
    return tr.ingest_text(text, format, p);
  });
  return report_to_py(report);
}

// read_events(path_or_text, calendar, format): the file or text read, in the GIL's absence.
py::tuple read_events_py(py::handle source, const calendar::BusinessCalendar& zone, py::handle format) {
  const SourceArgument in = read_source(source, format, "read_events", "event");
  io::EventFileContents contents;
  {
    py::gil_scoped_release release;
    if (in.is_text) {
      contents = io::read_event_text(in.text_or_path, *in.format, "<text>", zone);
    } else {
      const std::string& p = in.text_or_path;
      contents = in.format ? io::read_event_text(read_whole_file(p), *in.format, p, zone) : io::read_event_file(p, zone);
    }
  }
  const CalendarIndex& x = zone.index();
  py::list events, errors;
  for (const auto& e : contents.events) events.append(py::cast(event_to_py(e.event, x, naive_form())));
  for (const auto& e : contents.errors) errors.append(py::make_tuple(e.line, e.column, e.message));
  return py::make_tuple(events, errors);
}

// ---- the status table as numpy columns (columns.hpp) ----------------------------------------

template <class T>
using Column = wf::StatusTable::Column<T>;

py::array bool_column(const Column<std::uint8_t>& v) { return column(v, "bool"); }

// Instants: UTC microseconds → datetime64[us], local wall time when `local`; kNone → NaT.
py::array instant_column(const Column<std::int64_t>& v, const CalendarIndex& x, bool local) {
  py::array out = column(v, "datetime64[us]");
  if (local) {
    auto* p = static_cast<std::int64_t*>(out.mutable_data());
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (p[i] != wf::StatusTable::kNone) p[i] = x.utc_to_local(p[i]);
    }
  }
  return out;
}

// Durations → timedelta64[us]; NaT where the timer never started (phase -1: nothing counted,
// nothing remaining — the C++ table holds 0 there).
py::array duration_column(const Column<std::int64_t>& v, const Column<std::int8_t>& phase) {
  py::array out = column(v, "timedelta64[us]");
  auto* p = static_cast<std::int64_t*>(out.mutable_data());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (phase[i] < 0) p[i] = wf::StatusTable::kNone;
  }
  return out;
}

py::dict table_to_py(const wf::StatusTable& t, const CalendarIndex& x, bool local) {
  const std::size_t n = t.case_ids.size();
  py::dict out;
  py::array case_id = object_column(n), state = object_column(n);
  std::vector<py::str> labels;
  for (const auto& s : t.state_names) labels.emplace_back(s);
  for (std::size_t i = 0; i < n; ++i) {
    set_object(case_id, i, py::str(t.case_ids[i]));
    set_object(state, i, labels.at(static_cast<std::size_t>(t.state[i])));
  }
  out["case_id"] = case_id;
  out["state"] = state;
  out["state_code"] = column(t.state, "int16");
  out["open"] = bool_column(t.open);
  out["opened"] = instant_column(t.opened, x, local);
  out["last_event"] = instant_column(t.last_event, x, local);
  out["events"] = column(t.events, "uint32");
  out["breached"] = bool_column(t.breached);
  out["at_risk"] = bool_column(t.at_risk);
  out["next_due"] = instant_column(t.next_due, x, local);
  for (const auto& c : t.timers) {
    const std::string p = c.timer + ".";
    out[py::str(p + "phase")] = column(c.phase, "int8");
    out[py::str(p + "cycle")] = column(c.cycle, "int32");
    out[py::str(p + "started")] = instant_column(c.started, x, local);
    out[py::str(p + "due")] = instant_column(c.due, x, local);
    out[py::str(p + "warning_at")] = instant_column(c.warning_at, x, local);
    out[py::str(p + "stopped")] = instant_column(c.stopped, x, local);
    out[py::str(p + "elapsed")] = duration_column(c.elapsed, c.phase);
    out[py::str(p + "remaining")] = duration_column(c.remaining, c.phase);
    out[py::str(p + "met")] = bool_column(c.met);
    out[py::str(p + "breached")] = bool_column(c.breached);
    out[py::str(p + "at_risk")] = bool_column(c.at_risk);
  }
  return out;
}

py::dict cycles_to_py(const wf::CycleTable& t, const CalendarIndex& x, bool local) {
  const std::size_t n = t.size();
  py::dict out;
  py::array case_id = object_column(n), timer = object_column(n), rule = object_column(n);
  std::vector<py::str> ids, timers, rules;
  for (const auto& s : t.case_ids) ids.emplace_back(s);
  for (const auto& s : t.timer_names) timers.emplace_back(s);
  for (const auto& s : t.timer_rules) rules.emplace_back(s);
  for (std::size_t i = 0; i < n; ++i) {
    set_object(case_id, i, ids.at(t.case_row[i]));
    set_object(timer, i, timers.at(t.timer[i]));
    set_object(rule, i, rules.at(t.timer[i]));
  }
  Column<std::int64_t> opened(n);  // the case's, on each of its rows: a month's cycles by intake
  for (std::size_t i = 0; i < n; ++i) opened[i] = t.opened[t.case_row[i]];
  out["case_id"] = case_id;
  out["opened"] = instant_column(opened, x, local);
  out["timer"] = timer;
  out["rule"] = rule;
  out["cycle"] = column(t.cycle, "int32");
  out["phase"] = column(t.phase, "int8");
  out["started"] = instant_column(t.started, x, local);
  out["due"] = instant_column(t.due, x, local);
  out["warning_at"] = instant_column(t.warning_at, x, local);
  out["stopped"] = instant_column(t.stopped, x, local);
  out["elapsed"] = duration_column(t.elapsed, t.phase);
  out["remaining"] = duration_column(t.remaining, t.phase);
  out["met"] = bool_column(t.met);
  out["breached"] = bool_column(t.breached);
  out["at_risk"] = bool_column(t.at_risk);
  return out;
}

// ---- definitions -----------------------------------------------------------------------------

py::dict transition_row(const wf::Definition& d, const wf::Transition& t) {
  py::dict row;
  row["event"] = t.event;
  row["from"] = strings(t.from);
  row["to"] = t.to;
  row["action"] = t.action;
  row["responsible"] = strings(d.responsible_roles(t));
  row["requires"] = strings(t.requires);
  row["ticks"] = strings(t.ticks);
  row["checklists"] = strings(t.checklists);
  row["when"] = conditions_to_py(t.when);
  row["rule"] = t.rule;
  row["name"] = t.name.preferred();
  return row;
}

std::vector<std::string> responsible_roles(const wf::Definition& d, py::handle row_or_event,
                                           py::handle state) {
  if (py::isinstance<wf::Transition>(row_or_event)) {
    return d.responsible_roles(row_or_event.cast<const wf::Transition&>());
  }
  const std::string event = str_of(row_or_event, "row_or_event");
  if (!state.is_none()) {
    const std::string s = str_of(state, "state");
    d.state(s);  // UnknownIdError for a state that does not exist
    const wf::Transition* row = d.transition(event, s);
    if (!row) {
      throw UnknownIdError("workflow '" + d.id() + "': no row for event '" + event +
                           "' in state '" + s + "'");
    }
    return d.responsible_roles(*row);
  }
  std::vector<std::string> roles;
  bool found = false;
  for (const auto& row : d.transitions()) {
    if (row.event != event) continue;
    found = true;
    for (auto& r : d.responsible_roles(row)) {
      if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(std::move(r));
    }
  }
  if (!found) throw UnknownIdError("workflow '" + d.id() + "' has no event '" + event + "'");
  return roles;
}

py::bytes definition_bytes(const wf::Definition& d) {
  const Charter holder(LocalizedText{}, d.calendars(), d.organization(), {{d.id(), d}});
  return py::bytes(io::to_bytes(holder, io::ArchiveFormat::binary));
}

// The read side shared by Tracker and JournaledTracker: every query goes through reading() /
// reading_released() of the holder, which hand over a const wf::Tracker& under its lock.
template <class Holder>
void def_queries(py::class_<Holder>& cls) {
  cls.def_property_readonly("size", [](const Holder& t) { return reading(t, [](const wf::Tracker& tr) { return tr.size(); }); },
                             "How many cases (also len()).")
      .def("__len__", [](const Holder& t) { return reading(t, [](const wf::Tracker& tr) { return tr.size(); }); })
      .def(
          "__contains__",
          [](const Holder& t, py::handle id) {
            if (!py::isinstance<py::str>(id)) return false;
            const std::string s = id.cast<std::string>();
            return reading(t, [&](const wf::Tracker& tr) { return tr.contains(s); });
          },
          py::arg("case_id"))
      .def("case_ids", [](const Holder& t) { return reading(t, [](const wf::Tracker& tr) { return tr.case_ids(); }); },
           "Case ids in the order the cases were opened.")
      .def("get", [](const Holder& t, const std::string& id) { return reading(t, [&](const wf::Tracker& tr) { return tr.get(id); }); },
           py::arg("case_id"), "A copy of one case (UnknownIdError when there is none).")
      .def(
          "events",
          [](const Holder& t) {
            const auto events = reading(t, [](const wf::Tracker& tr) { return tr.events(); });
            return events_to_py(events, zone_of(t.definition), naive_form());
          },
          "Every event, case by case, in the order applied within each case; `at` is naive local "
          "wall time of the definition's zone.")
      .def_property_readonly("event_count", [](const Holder& t) { return reading(t, [](const wf::Tracker& tr) { return tr.event_count(); }); })
      .def(
          "status",
          [](const Holder& t, const std::string& case_id, py::handle as_of) {
            PyInstant form;
            const ptime at = read_as_of(as_of, t.definition, form);
            const auto s = reading(t, [&](const wf::Tracker& tr) { return tr.status(case_id, at); });
            return case_status_to_py(s, form, zone_of(t.definition));
          },
          py::arg("case_id"), py::arg("as_of"), "One case as of an instant: a CaseStatus.")
      .def(
          "status",
          [](const Holder& t, py::handle as_of) {
            PyInstant form;
            const ptime at = read_as_of(as_of, t.definition, form);
            const wf::StatusTable table = reading_released(t, [&](const wf::Tracker& tr) { return tr.status(at); });
            return table_to_py(table, zone_of(t.definition), form.naive());
          },
          py::arg("as_of"),
          R"doc(Every case opened at or before as_of, as numpy columns (a dict, one row per case).

Columns: case_id and state (object arrays of str), state_code (int16: index into
Definition.states), open (bool), opened, last_event, next_due (datetime64[us]), events (uint32),
breached, at_risk (bool), and for each timer (newest cycle) "<timer>.phase" (int8: -1 never
started, 0 running, 1 paused, 2 stopped), ".cycle" (int32, 0 when never started), ".started",
".due", ".warning_at", ".stopped" (datetime64[us]), ".elapsed", ".remaining" (timedelta64[us]),
".met", ".breached", ".at_risk" (bool). NaT where there is no instant, and in every instant and
duration column of a timer that never started. Instants are local wall
time of the definition's zone for a naive as_of and UTC for an aware one. Releases the GIL.)doc")
      .def(
          "status_frame",
          [](const Holder& t, py::handle as_of) {
            PyInstant form;
            const ptime at = read_as_of(as_of, t.definition, form);
            const wf::StatusTable table = reading_released(t, [&](const wf::Tracker& tr) { return tr.status(at); });
            py::dict columns = table_to_py(table, zone_of(t.definition), form.naive());
            return records().status_frame(columns, strings(table.state_names), !form.naive());
          },
          py::arg("as_of"),
          "status(as_of) as a pandas.DataFrame indexed by case_id; `state` is a Categorical of "
          "the definition's states. For an aware as_of the instant columns are tz-aware UTC. "
          "Needs pandas (ImportError otherwise).")
      .def(
          "cycles",
          [](const Holder& t, py::handle as_of) {
            PyInstant form;
            const ptime at = read_as_of(as_of, t.definition, form);
            const wf::CycleTable table = reading_released(t, [&](const wf::Tracker& tr) { return tr.cycles(at); });
            return cycles_to_py(table, zone_of(t.definition), form.naive());
          },
          py::arg("as_of"),
          R"doc(Every timer cycle of every case opened at or before as_of, as numpy columns (a dict,
one row per cycle: older cycles of restarted timers too, so a period report can count them).

Columns: case_id, timer, rule (object arrays of str), opened (datetime64[us]: the case's intake,
on each of its rows), cycle (int32, 1 for a timer's first),
phase (int8: 0 running, 1 paused, 2 stopped), started, due, warning_at, stopped (datetime64[us],
NaT when absent), elapsed, remaining (timedelta64[us]), met, breached, at_risk (bool). Cases come
in status(as_of)'s order, each case's cycles in the order they started. Instants are local wall
time of the definition's zone for a naive as_of and UTC for an aware one. Releases the GIL.)doc")
      .def(
          "attribute",
          [](const Holder& t, const std::string& name, py::handle as_of) {
            PyInstant form;
            const ptime at = read_as_of(as_of, t.definition, form);
            const wf::AttributeColumn col = reading_released(t, [&](const wf::Tracker& tr) { return tr.attribute(name, at); });
            py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(col.size()));
            std::copy(col.code.begin(), col.code.end(), codes.mutable_data());
            return py::make_tuple(codes, col.values);
          },
          py::arg("name"), py::arg("as_of"),
          R"doc(One attribute of every case opened at or before as_of, as it stood then: (codes, values)
— codes an int32 array in status(as_of)'s row order indexing values (the distinct values in
first-seen order), -1 where a case has not been given the attribute. What a report groups cases
by: pd.Categorical.from_codes(codes, values) is the column. UnknownIdError names the attributes
there are. Releases the GIL.)doc")
      .def(
          "cycles_frame",
          [](const Holder& t, py::handle as_of) {
            PyInstant form;
            const ptime at = read_as_of(as_of, t.definition, form);
            const wf::CycleTable table = reading_released(t, [&](const wf::Tracker& tr) { return tr.cycles(at); });
            return records().cycles_frame(cycles_to_py(table, zone_of(t.definition), form.naive()),
                                          strings(table.timer_names), !form.naive());
          },
          py::arg("as_of"),
          "cycles(as_of) as a pandas.DataFrame with a default index; `timer` is a Categorical of the "
          "definition's timers. For an aware as_of the instant columns are tz-aware UTC. Needs "
          "pandas (ImportError otherwise).")
      .def(
          "breaches",
          [](const Holder& t, py::handle as_of) {
            PyInstant f;
            const ptime at = read_as_of(as_of, t.definition, f);
            const auto v = reading_released(t, [&](const wf::Tracker& tr) { return tr.breaches(at); });
            const CalendarIndex& x = zone_of(t.definition);
            py::list out;
            for (const auto& b : v) {
              out.append(records().breach(b.case_id, b.timer, b.rule, b.cycle, instant_or_none(b.due, f, x),
                                          instant_or_none(b.stopped, f, x), duration_or_none(b.overdue),
                                          b.escalated_to));
            }
            return out;
          },
          py::arg("as_of"), "Every cycle breached by as_of: a list of Breach.")
      .def(
          "at_risk",
          [](const Holder& t, py::handle as_of) {
            PyInstant f;
            const ptime at = read_as_of(as_of, t.definition, f);
            const auto v = reading_released(t, [&](const wf::Tracker& tr) { return tr.at_risk(at); });
            const CalendarIndex& x = zone_of(t.definition);
            py::list out;
            for (const auto& a : v) {
              out.append(records().at_risk(a.case_id, a.timer, a.rule, a.cycle,
                                           instant_or_none(a.warning_at, f, x), instant_or_none(a.due, f, x),
                                           duration_or_none(a.remaining)));
            }
            return out;
          },
          py::arg("as_of"), "Every running cycle past its warning instant and not yet breached: a list of AtRisk.")
      .def(
          "explain",
          [](const Holder& t, const std::string& case_id, const std::string& timer, py::handle as_of, int cycle) {
            PyInstant f;
            const ptime at = read_as_of(as_of, t.definition, f);
            const auto e = reading(t, [&](const wf::Tracker& tr) { return tr.explain(case_id, timer, at, cycle); });
            return explanation_to_py(e, f, zone_of(t.definition));
          },
          py::arg("case_id"), py::arg("timer"), py::arg("as_of"), py::arg("cycle") = 0,
          "Why a case's timer cycle (the newest when cycle is 0) is where it is.")
      .def("memory_bytes", [](const Holder& t) { return reading(t, [](const wf::Tracker& tr) { return tr.memory_bytes(); }); },
           "Heap bytes held for the cases, for sizing.");
}

}  // namespace

py::object tracker_to_python(workflow::Tracker tracker) {
  return py::cast(std::make_unique<PyTracker>(std::move(tracker)));
}

std::optional<workflow::Tracker> tracker_from_python(py::handle obj) {
  if (!py::isinstance<PyTracker>(obj)) return std::nullopt;
  const auto& t = obj.cast<const PyTracker&>();
  return reading(t, [](const wf::Tracker& tr) { return tr; });
}

bool read_tracker(py::handle obj, const std::function<void(const wf::Tracker&)>& f) {
  if (py::isinstance<PyTracker>(obj)) {
    reading(obj.cast<const PyTracker&>(), [&](const wf::Tracker& t) { f(t); });
    return true;
  }
  if (py::isinstance<PyJournaled>(obj)) {
    reading(obj.cast<const PyJournaled&>(), [&](const wf::Tracker& t) { f(t); });
    return true;
  }
  return false;
}

void bind_workflow(py::module_& root) {
  py::module_ m = root.def_submodule(
      "workflow", "Workflow definitions, events, cases, trackers and their status.");

  // ---- records and errors' companions ----
  py::exec(kRecords, m.attr("__dict__"));
  Records& r = records();
  auto keep = [&](const char* name) {
    py::object o = m.attr(name);
    if (py::hasattr(o, "__module__") && py::isinstance<py::type>(o)) o.attr("__module__") = "charter.workflow";
    return o.release();
  };
  r.timer_status = keep("TimerStatus");
  r.checklist_item_status = keep("ChecklistItemStatus");
  r.checklist_status = keep("ChecklistStatus");
  r.raised_escalation = keep("RaisedEscalation");
  r.case_status = keep("CaseStatus");
  r.timer_explanation = keep("TimerExplanation");
  r.rejection = keep("Rejection");
  r.ingest_report = keep("IngestReport");
  r.journal_recovery = keep("JournalRecovery");
  r.breach = keep("Breach");
  r.at_risk = keep("AtRisk");
  r.status_frame = py::object(m.attr("_status_frame")).release();
  r.cycles_frame = py::object(m.attr("_cycles_frame")).release();

  py::enum_<wf::TimerPhase> phase(m, "TimerPhase", "Where a timer cycle is.");
  reduce_enum_by_value(phase)
      .value("running", wf::TimerPhase::running, "counting")
      .value("paused", wf::TimerPhase::paused, "not counting: the case is in a pause state")
      .value("stopped", wf::TimerPhase::stopped, "ended by a stop or restart trigger");

  // ---- the definition's tables ----
  py::class_<wf::State>(m, "State", "A state of a workflow.")
      .def_readonly("id", &wf::State::id)
      .def_readonly("name", &wf::State::name)
      .def_readonly("initial", &wf::State::initial, "where a case is before its first event")
      .def_readonly("terminal", &wf::State::terminal, "no row fires from here unless it names it")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::State& s) {
        return "<charter.workflow.State " + s.id + (s.initial ? " (initial)" : "") +
               (s.terminal ? " (terminal)" : "") + ">";
      });

  py::class_<wf::Attribute>(m, "Attribute", "An attribute describing a case (severity, channel, ...).")
      .def_readonly("id", &wf::Attribute::id)
      .def_readonly("name", &wf::Attribute::name)
      .def_property_readonly("values", [](const wf::Attribute& a) { return strings(a.values); },
                             "allowed values; empty: any text")
      .def_readonly("required", &wf::Attribute::required, "the intake event must give it")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::Attribute& a) { return "<charter.workflow.Attribute " + a.id + ">"; });

  py::class_<wf::FieldSpec>(m, "FieldSpec", "A field events may carry besides attributes.")
      .def_readonly("id", &wf::FieldSpec::id)
      .def_readonly("name", &wf::FieldSpec::name)
      .def_property_readonly(
          "type",
          [](const wf::FieldSpec& f) { return f.type == wf::FieldSpec::Type::instant ? "instant" : "text"; },
          "\"text\", or \"instant\": \"YYYY-MM-DD HH:MM[:SS]\" local wall time in the workflow's zone")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::FieldSpec& f) { return "<charter.workflow.FieldSpec " + f.id + ">"; });

  py::class_<wf::Transition>(m, "Transition", R"doc(
One row of the transition table: `event` may fire in any state of `from_states` (every
non-terminal, non-initial state when empty), moves the case to `to` (stays when ""), may be taken
by staff allowed `action` (anyone when ""), needs the fields in `requires`, ticks checklist items,
needs `checklists` complete, and applies only when the case's attributes match `when`
({attribute: [values]}). `from_states` is the charter file's `from` (a Python keyword).
)doc")
      .def_readonly("event", &wf::Transition::event)
      .def_property_readonly("from_states", [](const wf::Transition& t) { return strings(t.from); })
      .def_readonly("to", &wf::Transition::to)
      .def_readonly("action", &wf::Transition::action)
      .def_property_readonly("requires", [](const wf::Transition& t) { return strings(t.requires); })
      .def_property_readonly("ticks", [](const wf::Transition& t) { return strings(t.ticks); })
      .def_property_readonly("checklists", [](const wf::Transition& t) { return strings(t.checklists); })
      .def_property_readonly("when", [](const wf::Transition& t) { return conditions_to_py(t.when); })
      .def_readonly("rule", &wf::Transition::rule)
      .def_readonly("name", &wf::Transition::name)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::Transition& t) {
        std::string from;
        for (const auto& f : t.from) from += (from.empty() ? "" : "|") + f;
        return "<charter.workflow.Transition " + t.event + ": " + (from.empty() ? "*" : from) +
               " -> " + (t.to.empty() ? "(same)" : t.to) + ">";
      });

  py::class_<wf::ChecklistItem>(m, "ChecklistItem", "An item of a checklist; `when` limits it to matching cases.")
      .def_readonly("id", &wf::ChecklistItem::id)
      .def_readonly("name", &wf::ChecklistItem::name)
      .def_property_readonly("when", [](const wf::ChecklistItem& i) { return conditions_to_py(i.when); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::ChecklistItem& i) { return "<charter.workflow.ChecklistItem " + i.id + ">"; });

  py::class_<wf::Checklist>(m, "Checklist", "A checklist of a workflow (items ticked by rows).")
      .def_readonly("id", &wf::Checklist::id)
      .def_readonly("name", &wf::Checklist::name)
      .def_readonly("rule", &wf::Checklist::rule)
      .def_property_readonly("items", [](const wf::Checklist& c) { return c.items; })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::Checklist& c) { return "<charter.workflow.Checklist " + c.id + ">"; });

  py::class_<wf::TimerSpec>(m, "TimerSpec", R"doc(
A timer: counts time towards a goal in cycles. start / stop / restart are
{"events": [...], "states": [...]}; pause lists the states in which it does not count; when is
{attribute: [values]}; goal is {"by": attribute or "", "rules": {value: rule text} ("" is the
default rule), "field": instant field or ""}; warning is its text ("75%", "12 hours before") or "".
calendar is the charter's calendar id ("" : the workflow's).
)doc")
      .def_readonly("id", &wf::TimerSpec::id)
      .def_readonly("name", &wf::TimerSpec::name)
      .def_readonly("rule", &wf::TimerSpec::rule)
      .def_readonly("calendar", &wf::TimerSpec::calendar)
      .def_property_readonly("start", [](const wf::TimerSpec& t) { return trigger_to_py(t.start); })
      .def_property_readonly("stop", [](const wf::TimerSpec& t) { return trigger_to_py(t.stop); })
      .def_property_readonly("restart", [](const wf::TimerSpec& t) { return trigger_to_py(t.restart); })
      .def_property_readonly("pause", [](const wf::TimerSpec& t) { return strings(t.pause); })
      .def_property_readonly("when", [](const wf::TimerSpec& t) { return conditions_to_py(t.when); })
      .def_property_readonly("goal", [](const wf::TimerSpec& t) { return goal_to_py(t.goal); })
      .def_property_readonly("warning", [](const wf::TimerSpec& t) { return t.warning.text(); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::TimerSpec& t) { return "<charter.workflow.TimerSpec " + t.id + " " + t.rule + ">"; });

  py::class_<wf::EscalationSpec>(m, "EscalationSpec", R"doc(
An escalation: raised when a cycle of `timer` starts, reaches its warning or is breached (`on`:
"start", "warning", "breach"), to the role `to`, or `levels_up` above the role responsible for the
timer's stop event; `when` limits it to matching cases.
)doc")
      .def_readonly("id", &wf::EscalationSpec::id)
      .def_readonly("name", &wf::EscalationSpec::name)
      .def_readonly("rule", &wf::EscalationSpec::rule)
      .def_readonly("timer", &wf::EscalationSpec::timer)
      .def_property_readonly("on", [](const wf::EscalationSpec& e) { return on_name(e.on); })
      .def_readonly("to", &wf::EscalationSpec::to)
      .def_readonly("levels_up", &wf::EscalationSpec::levels_up)
      .def_property_readonly("when", [](const wf::EscalationSpec& e) { return conditions_to_py(e.when); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::EscalationSpec& e) { return "<charter.workflow.EscalationSpec " + e.id + ">"; });

  py::class_<wf::Definition> def(m, "Definition", R"doc(
One kind of case (complaint, rectification notice, ...) as data: states, the transition table,
attributes and fields, checklists, timers and escalations. Read-only; take one from a charter
(Charter.workflow(id), Charter.workflows). Its default calendar (`calendar`) reads naive
datetimes: they are local wall time of that calendar's zone.
)doc");
  def.def_property_readonly("id", &wf::Definition::id)
      .def_property_readonly("name", &wf::Definition::name)
      .def_property_readonly("calendar", &wf::Definition::calendar, py::return_value_policy::copy,
                             "The default BusinessCalendar; its zone reads naive datetimes.")
      .def_property_readonly("calendars", [](const wf::Definition& d) { return d.calendars(); },
                             "{charter calendar id: BusinessCalendar} of the calendars it uses.")
      .def_property_readonly("organization", &wf::Definition::organization,
                             py::return_value_policy::copy)
      .def_property_readonly("states", [](const wf::Definition& d) { return d.states(); })
      .def_property_readonly("initial_state", &wf::Definition::initial_state,
                             py::return_value_policy::copy)
      .def_property_readonly("transitions", [](const wf::Definition& d) { return d.transitions(); })
      .def_property_readonly("attributes", [](const wf::Definition& d) { return d.attributes(); })
      .def_property_readonly("fields", [](const wf::Definition& d) { return d.spec().fields; })
      .def_property_readonly("checklists", [](const wf::Definition& d) { return d.checklists(); })
      .def_property_readonly("timers", [](const wf::Definition& d) { return d.timers(); })
      .def_property_readonly("escalations", [](const wf::Definition& d) { return d.escalations(); })
      .def("state", &wf::Definition::state, py::arg("id"), py::return_value_policy::copy,
           "The state with this id (UnknownIdError otherwise).")
      .def("timer", &wf::Definition::timer, py::arg("id"), py::return_value_policy::copy,
           "The timer with this id (UnknownIdError otherwise).")
      .def(
          "calendar_of",
          [](const wf::Definition& d, py::handle timer) {
            const wf::TimerSpec& t = py::isinstance<wf::TimerSpec>(timer)
                                         ? d.timer(timer.cast<const wf::TimerSpec&>().id)
                                         : d.timer(str_of(timer, "timer"));
            return d.calendar_of(t);
          },
          py::arg("timer"), "A timer's BusinessCalendar (a TimerSpec or a timer id).")
      .def(
          "transition",
          [](const wf::Definition& d, const std::string& event, const std::string& state) -> py::object {
            const wf::Transition* row = d.transition(event, state);
            return row ? py::cast(*row) : py::none();
          },
          py::arg("event"), py::arg("state"), "The row for `event` in `state`, or None.")
      .def("responsible_roles", &responsible_roles, py::arg("row_or_event"),
           py::arg("state") = py::none(),
           "Roles responsible (R) for a row's action: a Transition, an event in a state, or an "
           "event alone (every row of it, roles in table order). [] for rows open to anyone.")
      .def("mermaid", &wf::mermaid, "The transition table as a Mermaid state diagram.")
      .def(
          "transition_table",
          [](const wf::Definition& d) {
            py::list rows;
            for (const auto& t : d.transitions()) rows.append(transition_row(d, t));
            return rows;
          },
          R"doc(The transition table as one dict per row, for pandas.DataFrame(...).

Keys: event, from (list; [] = every non-terminal, non-initial state), to ("" = stays), action
("" = anyone), responsible (roles responsible for the action), requires, ticks, checklists,
when ({attribute: [values]}), rule, name (English when present).)doc")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const wf::Definition& d) {
        return "<charter.workflow.Definition '" + d.id() + "' " + std::to_string(d.states().size()) +
               " states, " + std::to_string(d.transitions().size()) + " transitions, " +
               std::to_string(d.timers().size()) + " timers>";
      })
      .def("__reduce__", [](const wf::Definition& d) {
        return py::make_tuple(pickle_fn("definition_from_state"),
                              py::make_tuple(1, definition_bytes(d), d.id()));
      });
  m.def("mermaid", &wf::mermaid, py::arg("definition"),
        "The transition table of a definition as a Mermaid state diagram.");

  // ---- events ----
  py::class_<PyEvent>(m, "Event", R"doc(
One thing that happened to a case: case id, instant, event name, actor and fields.

`at` is kept exactly as given; a naive datetime is read when the event is applied, as local wall
time of the workflow's default calendar zone (an aware one is converted). Events that come back
from a Case or Tracker are naive local wall time of that zone. `fields` is a dict of str to str
(numbers and instants are written as text: an instant field is "YYYY-MM-DD HH:MM[:SS]" local
wall time); any other value raises TypeError. Immutable; compared by value.
)doc")
      .def(py::init([](py::handle case_id, py::handle at, py::handle name, py::handle actor,
                       py::handle fields) {
             return PyEvent{str_of(case_id, "case_id"), require_datetime(at), str_of(name, "name"),
                            str_of(actor, "actor"), checked_fields(fields)};
           }),
           py::arg("case_id"), py::arg("at"), py::arg("name"), py::arg("actor"),
           py::arg("fields") = py::none())
      .def_readonly("case_id", &PyEvent::case_id)
      .def_property_readonly("at", [](const PyEvent& e) { return e.at; })
      .def_readonly("name", &PyEvent::name)
      .def_readonly("actor", &PyEvent::actor)
      .def_property_readonly("fields", [](const PyEvent& e) { return py::dict(e.fields.attr("copy")()); },
                             "{name: value} in the order given (a copy).")
      .def(
          "field",
          [](const PyEvent& e, const std::string& name) -> py::object {
            return e.fields.contains(name) ? py::object(e.fields[py::str(name)]) : py::none();
          },
          py::arg("name"), "A field's value, or None when the event does not carry it.")
      .def("__eq__",
           [](const PyEvent& a, py::handle other) -> py::object {
             if (!py::isinstance<PyEvent>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             const auto& b = other.cast<const PyEvent&>();
             return py::bool_(a.case_id == b.case_id && a.name == b.name && a.actor == b.actor &&
                              a.at.equal(b.at) && a.fields.equal(b.fields));
           })
      .def("__hash__",
           [](const PyEvent& e) {
             return py::hash(py::make_tuple(e.case_id, e.at, e.name, e.actor,
                                            py::tuple(e.fields.attr("items")())));
           })
      .def("__repr__",
           [](const PyEvent& e) {
             return "charter.workflow.Event(" + quote(e.case_id) + ", " +
                    std::string(py::repr(e.at)) + ", " + quote(e.name) + ", " + quote(e.actor) +
                    (e.fields.empty() ? "" : ", " + std::string(py::repr(e.fields))) + ")";
           })
      .def("__reduce__", [](const py::object& self) {
        const auto& e = self.cast<const PyEvent&>();
        return py::make_tuple(self.attr("__class__"),
                              py::make_tuple(e.case_id, e.at, e.name, e.actor, e.fields));
      });

  // ---- cases ----
  py::class_<wf::Case> case_cls(m, "Case", R"doc(
One case: an id, a workflow Definition and an append-only event log; state, attributes, timers,
checklists and escalations are derived from the log.

apply() is all-or-nothing: a refused event raises RejectedEventError (.rule names what refused:
"order", "duplicate", "event", "transition", "field", "requires", "when", "checklist", "actor",
"case") and leaves the case unchanged. Naive datetimes are local wall time of the definition's
zone; results follow the form of the instant asked about.

Args:
    definition: the workflow.
    id: the case id.
    events: events to replay in order (Event objects or event dicts; "case" may be left out);
        the first refusal raises.
)doc");
  py::class_<PyTracker> tracker(m, "Tracker");
  case_cls.def(py::init([](const wf::Definition& d, const std::string& id, py::handle events) {
             return wf::Case(d, id, to_events(events, zone_of(d), &id));
           }),
           py::arg("definition"), py::arg("id"), py::arg("events") = py::none())
      .def_property_readonly("id", &wf::Case::id)
      .def_property_readonly("definition", &wf::Case::definition, py::return_value_policy::copy)
      .def_property_readonly("state", &wf::Case::state, "The current state's id.")
      .def_property_readonly(
          "attributes",
          [](const wf::Case& c) {
            py::dict out;
            for (const auto& [k, v] : c.attributes()) out[py::str(k)] = v;
            return out;
          },
          "{name: value} given so far, in definition order.")
      .def(
          "apply",
          [](wf::Case& c, py::handle event, py::handle at, py::handle actor, const py::kwargs& fields) {
            const CalendarIndex& x = zone_of(c.definition());
            if (py::isinstance<py::str>(event)) {
              if (at.is_none() || actor.is_none()) {
                throw py::type_error("apply(event_name, at, actor, **fields) needs at and actor");
              }
              c.apply(wf::Event{c.id(), instant_of(require_datetime(at), x), event.cast<std::string>(),
                                str_of(actor, "actor"), fields_to_cpp(checked_fields(fields))});
              return;
            }
            if (!at.is_none() || !actor.is_none() || fields.size() > 0) {
              throw py::type_error("apply(event) takes an Event or an event dict alone; "
                                   "apply(name, at, actor, **fields) takes the parts");
            }
            c.apply(to_event(event, x, &c.id()));
          },
          py::arg("event"), py::arg("at") = py::none(), py::arg("actor") = py::none(),
          R"doc(Applies one event: an Event, an event dict ({"at", "event", "actor", "fields"};
"case" defaults to this case), or the parts: apply("acknowledge", at, actor, **fields).
Raises RejectedEventError (the case is unchanged).)doc")
      .def(
          "events",
          [](const wf::Case& c) { return events_to_py(c.events(), zone_of(c.definition()), naive_form()); },
          "The log in the order applied; `at` is naive local wall time of the definition's zone.")
      .def(
          "status",
          [](const wf::Case& c, py::handle as_of) {
            PyInstant form;
            const ptime t = read_as_of(as_of, c.definition(), form);
            return case_status_to_py(c.status(t), form, zone_of(c.definition()));
          },
          py::arg("as_of"), "The case as of an instant (later events ignored): a CaseStatus.")
      .def(
          "explain",
          [](const wf::Case& c, const std::string& timer, py::handle as_of, int cycle) {
            PyInstant form;
            const ptime t = read_as_of(as_of, c.definition(), form);
            return explanation_to_py(c.explain(timer, t, cycle), form, zone_of(c.definition()));
          },
          py::arg("timer"), py::arg("as_of"), py::arg("cycle") = 0,
          "Why a timer's cycle (the newest when cycle is 0) is where it is: a TimerExplanation.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__",
           [](const wf::Case& c) {
             return "<charter.workflow.Case '" + c.id() + "' " + c.definition().id() + ": " +
                    c.state() + ", " + std::to_string(c.events().size()) + " events>";
           })
      .def("__reduce__", [](const wf::Case& c) {
        return py::make_tuple(pickle_fn("case_from_state"),
                              py::make_tuple(1, c.definition(), c.id(),
                                             events_to_py(c.events(), zone_of(c.definition()), utc_form())));
      });

  // ---- trackers ----
  tracker.doc() = R"doc(
Every case of one workflow, fed with events one at a time, in batches or from event files (CSV,
JSON Lines: docs/event-files.md), answering for all cases at once.

apply() raises RejectedEventError; ingest*() never raise for a refused event or an unreadable
line or item: they report it (IngestReport.rejected, rule "format" for what could not be read)
and go on. Naive datetimes are local wall time of the definition's zone. Safe to share between
threads (calls are serialised by a lock); long calls release the GIL.
)doc";
  tracker.def(py::init([](const wf::Definition& d) { return std::make_unique<PyTracker>(d); }),
              py::arg("definition"))
      .def_property_readonly("definition", [](const PyTracker& t) { return t.definition; })
      .def(
          "apply",
          [](PyTracker& t, py::handle event) {
            const wf::Event e = to_event(event, zone_of(t.definition));
            writing(t, [&](wf::Tracker& tr) {
              tr.apply(e);
              return 0;
            });
          },
          py::arg("event"),
          "Applies one event (an Event or an event dict), opening its case when new. Raises "
          "RejectedEventError.")
      .def("ingest", &ingest, py::arg("events"),
           R"doc(Applies each Event or event dict in order; returns an IngestReport.

A refused event, or a dict or Event that cannot be read (a missing key, a non-str field value, a
time that does not exist), is reported with its 1-based position as `line` (rule "format" for
the unreadable) and the rest go on. An item that is neither an Event nor a mapping raises
TypeError.)doc")
      .def(
          "ingest_file",
          [](PyTracker& t, py::handle path) {
            const std::string p = path_of(path);
            return report_to_py(writing_released(t, [&](wf::Tracker& tr) { return tr.ingest_file(p); }));
          },
          py::arg("path"),
          "Reads an event file, its format by extension (.csv, .jsonl, .ndjson), and applies every "
          "good line; unreadable lines (rule \"format\") and refused events are reported with their "
          "line numbers. Releases the GIL.")
      .def(
          "ingest_csv", [](PyTracker& t, py::handle path) { return ingest_path_as(t, path, "csv"); },
          py::arg("path"), "ingest_file for a CSV file whatever its extension.")
      .def(
          "ingest_jsonl", [](PyTracker& t, py::handle path) { return ingest_path_as(t, path, "jsonl"); },
          py::arg("path"), "ingest_file for a JSON Lines file whatever its extension.")
      .def(
          "ingest_text",
          [](PyTracker& t, py::handle text, const std::string& format, const std::string& source) {
            const std::string s = py::isinstance<py::bytes>(text)
                                      ? std::string(py::reinterpret_borrow<py::bytes>(text))
                                      : str_of(text, "text");
            return report_to_py(writing_released(
                t, [&](wf::Tracker& tr) { return tr.ingest_text(s, format, source); }));
          },
          py::arg("text"), py::arg("format"), py::arg("source") = "<text>",
          "The same for event-file text in memory (str or UTF-8 bytes); format is \"csv\" or "
          "\"jsonl\"; `source` names it in messages.");
  def_queries(tracker);
  tracker.def("__repr__",
           [](const PyTracker& t) {
             const auto [cases, events] = reading(t, [](const wf::Tracker& tr) {
               return std::make_pair(tr.size(), tr.event_count());
             });
             return "<charter.workflow.Tracker '" + t.definition.id() + "' " + std::to_string(cases) +
                    " cases, " + std::to_string(events) + " events>";
           })
      .def("__reduce__", [](const PyTracker& t) {
        const auto events = reading(t, [](const wf::Tracker& tr) { return tr.events(); });
        return py::make_tuple(pickle_fn("tracker_from_state"),
                              py::make_tuple(1, t.definition, events_to_py(events, zone_of(t.definition), utc_form())));
      });

  // ---- journaled trackers ----
  py::class_<PyJournaled> journaled(m, "JournaledTracker", R"doc(
A Tracker whose every accepted event is on disk (synced) before it counts.

Open one with JournaledTracker.open(definition, path): it creates the journal when missing,
takes its exclusive lock (a second open of the same path, from this or another process, raises
FileError until the first is closed) and replays it. A torn tail — the last record cut short by
a crash — is cut off and every earlier record kept (`recovery` says how many records and bytes);
a damaged record followed by valid ones, or an event the definition refuses on replay, raises
CorruptFileError naming the record: nothing recorded is skipped silently.

apply() checks an event (RejectedEventError, nothing written), journals and syncs it, and only
then changes the tracker: when it returns the event is durable. ingest() does the same event by
event and reports refusals; a FileError stops it and propagates, every event before it applied
and durable. Reopen with the same definition: it is not in the journal.

Queries are the Tracker's (len, `in`, case_ids, get, events, event_count, status, status_frame,
cycles, cycles_frame, breaches, at_risk, explain); tracker() gives a copy as a plain Tracker. Naive datetimes are local
wall time of the definition's zone. Safe to share between threads (calls are serialised by a
lock); journal writes and the replay on open release the GIL. Use it as a context manager, or
call close(), to release the file lock; after close() every call raises ValueError. Not
picklable: it owns the journal's file lock.

    with JournaledTracker.open(complaint, "complaints.chjl") as j:
        j.apply({"case": "C-1", "at": "2025-09-26 17:00", "event": "receive", ...})
)doc");
  journaled
      .def(py::init([](py::args, py::kwargs) -> std::unique_ptr<PyJournaled> {
        throw py::type_error("JournaledTracker is opened, not constructed: JournaledTracker.open(definition, path)");
      }))
      .def_static(
          "open",
          [](const wf::Definition& d, py::handle path) {
            const std::string p = path_of(path);
            std::optional<wf::JournaledTracker> j;
            {
              py::gil_scoped_release release;
              j.emplace(wf::JournaledTracker::open(d, p));
            }
            return std::make_unique<PyJournaled>(std::move(*j));
          },
          py::arg("definition"), py::arg("path"),
          R"doc(Opens (creating when missing) the journal at `path` (str or os.PathLike) and replays it
into a tracker of `definition`. Raises FileError (cannot open; locked by another open
JournaledTracker), CorruptFileError (a damaged journal, a record that does not decode, an event
refused on replay) or UnsupportedVersionError. Releases the GIL while it replays.)doc")
      .def_property_readonly(
          "definition",
          [](const PyJournaled& j) {
            require_open(j);
            return j.definition;
          },
          "The workflow Definition (not stored in the journal).")
      .def_property_readonly(
          "path",
          [](const PyJournaled& j) {
            require_open(j);
            return j.path;
          },
          "The journal's path, as given to open().")
      .def_property_readonly(
          "recovery",
          [](const PyJournaled& j) {
            const io::JournalRecovery r = reading(j, [&](const wf::Tracker&) { return j.journaled->recovery(); });
            return records().journal_recovery(r.records, r.dropped_bytes);
          },
          "What opening found: a JournalRecovery(records, dropped_bytes); dropped_bytes > 0 when a "
          "torn tail was cut off.")
      .def_property_readonly("closed", [](const PyJournaled& j) { return j.closed.load(); },
                             "True once close() has been called.")
      .def(
          "apply",
          [](PyJournaled& j, py::handle event) {
            require_open(j);
            const wf::Event e = to_event(event, zone_of(j.definition));
            writing_released(j, [&](wf::JournaledTracker& jt) {
              jt.apply(e);
              return 0;
            });
          },
          py::arg("event"),
          "Checks, journals (synced) and applies one event (an Event or an event dict, as "
          "Tracker.apply). Raises RejectedEventError (nothing written) or FileError (nothing "
          "written, tracker unchanged). Releases the GIL while it writes.")
      .def(
          "ingest",
          [](PyJournaled& j, const py::iterable& items) {
            require_open(j);
            Batch b = read_batch(items, zone_of(j.definition));
            wf::IngestReport report = writing_released(j, [&](wf::JournaledTracker& jt) { return jt.ingest(b.good); });
            return batch_report(std::move(report), b);
          },
          py::arg("events"),
          R"doc(Applies each Event or event dict in order, one synced append per accepted event; returns
an IngestReport. Refusals and unreadable items are reported with their 1-based position as
Tracker.ingest does; a FileError stops the batch and propagates (every event before it is
applied and durable; event_count says how far it got). Releases the GIL while it writes.)doc")
      .def(
          "tracker",
          [](const PyJournaled& j) {
            return tracker_to_python(reading(j, [](const wf::Tracker& tr) { return tr; }));
          },
          "A copy of the tracker as a plain charter.workflow.Tracker (picklable; not journaled).")
      .def(
          "close",
          &close_journal,
          "Closes the journal and releases its file lock. Closing twice does nothing; after "
          "close() every other call raises ValueError.")
      .def("__enter__", [](py::object self) {
        require_open(self.cast<const PyJournaled&>());
        return self;
      })
      .def(
          "__exit__",
          [](PyJournaled& j, py::handle, py::handle, py::handle) {
            close_journal(j);
            return false;
          },
          py::arg("exc_type"), py::arg("exc_value"), py::arg("traceback"), "close(); exceptions propagate.");
  def_queries(journaled);
  journaled
      .def("__repr__",
           [](const PyJournaled& j) {
             const std::string head = "<charter.workflow.JournaledTracker '" + j.definition.id() + "' " + quote(j.path);
             if (j.closed.load()) return head + " closed>";
             auto lock = take<std::shared_lock<std::shared_mutex>>(j.mutex);
             if (!j.journaled) return head + " closed>";
             const wf::Tracker& tr = j.journaled->tracker();
             return head + " " + std::to_string(tr.size()) + " cases, " + std::to_string(tr.event_count()) + " events>";
           })
      .def("__reduce__", [](const PyJournaled& j) -> py::object {
        throw py::type_error("cannot pickle a charter.workflow.JournaledTracker: it owns the lock of its journal '" +
                             j.path + "'; pickle j.tracker() (a plain Tracker) instead, or reopen the "
                             "journal by its path");
      });

  // ---- generated streams ----
  m.def(
      "complaint_stream",
      [](const Charter& c, std::size_t complaints, py::handle start, const time_duration& span,
         std::uint64_t seed, int max_events, const std::string& workflow, const std::string& id_prefix) {
        if (start.is_none()) {
          throw py::type_error("complaint_stream() needs start=<datetime>, the first possible intake "
                               "(naive: local wall time of the workflow's calendar zone)");
        }
        const wf::Definition& d = c.workflow(workflow);
        wf::ComplaintStreamOptions o;
        o.complaints = complaints;
        o.start = detail::from_micros(read_instant(start, zone_of(d), "start").utc);
        o.span = span;
        o.seed = seed;
        o.max_events_per_complaint = max_events;
        o.workflow = workflow;
        o.id_prefix = id_prefix;
        std::vector<wf::Event> events;
        {
          py::gil_scoped_release release;
          events = wf::complaint_stream(c, o);
        }
        return events_to_py(events, zone_of(d), naive_form());
      },
      py::arg("charter"), py::arg("complaints") = 1000, py::kw_only(), py::arg("start") = py::none(),
      py::arg("span") = time_duration(boost::posix_time::hours(24 * 30)), py::arg("seed") = 1,
      py::arg("max_events_per_complaint") = 0, py::arg("workflow") = "complaint",
      py::arg("id_prefix") = "C-",
      R"doc(A deterministic, realistic stream of complaints for the charter's complaint workflow:
what the demo replays and the benchmarks measure. A list of Event sorted by instant.

The same arguments give the same events on every platform. Intakes are spread over
[start, start + span); each complaint's events follow with realistic delays (late replies,
waiting for the customer, agreed next-reply times, immediate reports, reopenings). Every event is
accepted by a Tracker of the workflow; actors are staff of the charter allowed each step (give
the built-in charter a roster with generated_roster). A naive `start` is local wall time of the
workflow's calendar zone (aware: converted); the events come back naive local in that zone, as
Tracker.events() does. max_events_per_complaint cuts each life after that many events (0: the
whole life). Raises UnknownIdError for a missing workflow or no staff able to take a step.)doc");
  m.def(
      "generated_roster",
      [](const org::Organization& o, int per_role) { return wf::generated_roster(o, per_role); },
      py::arg("organization"), py::arg("per_role"),
      "`per_role` active staff (charter.org.Staff) for every role, fewer where a role's headcount "
      "is smaller: ids \"<role>.1\", \"<role>.2\", ..., in role order. For "
      "Charter.builtin().with_staff(...), which has no staff.");

  // ---- event files ----
  m.def("read_events", &read_events_py, py::arg("path_or_text"), py::arg("calendar"),
        py::arg("format") = py::none(),
        R"doc(Reads an event file (CSV or JSON Lines: docs/event-files.md) without stopping at a bad line.

Returns (events, errors): the Events in file order, and for each line that is not an event a
tuple (line, column, message) — 1-based, the line where a (CSV: multi-line) record starts and
the column in characters from that start. Raises ParseError only when the text cannot be read
as a whole (a bad CSV header, a missing required column).

path_or_text: an os.PathLike is a path; a str is a path when `format` is None and event-file
text when it is given; bytes are UTF-8 text and need `format`. format: "csv" or "jsonl"; for a
path it overrides the extension (.csv, .jsonl, .ndjson). An `at` without an offset is local wall
time of `calendar`'s zone; events come back naive local wall time of that zone. Releases the GIL.)doc");
  m.def(
      "write_events",
      [](py::handle path, py::handle events, const calendar::BusinessCalendar& zone) {
        const std::string p = path_of(path);
        const std::vector<wf::Event> v = to_events(events, zone.index(), nullptr);
        py::gil_scoped_release release;
        io::save_event_file(p, v, zone);
      },
      py::arg("path"), py::arg("events"), py::arg("calendar"),
      "Writes Events (or event dicts) to an event file, its format by extension (.csv, .jsonl, "
      ".ndjson), replaced atomically: a crash leaves the old file or the new one. Naive `at` is "
      "local wall time of `calendar`'s zone; it is written with its UTC offset. Raises "
      "SerializationError naming an event the format cannot carry, FileError when it cannot "
      "write. read_events(path, calendar) gives the same events back.");
  m.def(
      "events_to_text",
      [](py::handle events, const std::string& format, const calendar::BusinessCalendar& zone) {
        const io::EventFormat f = format_named(format, "event");
        const std::vector<wf::Event> v = to_events(events, zone.index(), nullptr);
        std::string text;
        {
          py::gil_scoped_release release;
          text = io::write_events(v, f, zone);
        }
        return py::str(text);
      },
      py::arg("events"), py::arg("format"), py::arg("calendar"),
      "write_events into a str: format is \"csv\" or \"jsonl\". read_events(text, calendar, "
      "format) gives the same events back.");
}

}  // namespace charter::python
