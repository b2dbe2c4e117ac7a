#pragma once
// Umbrella header for applications: everything public in charter. The library itself never
// includes it.

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/calendar/opening_hours.hpp"
#include "charter/error.hpp"
#include "charter/io/charter_file.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/event_journal.hpp"
#include "charter/localized_text.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/grant.hpp"
#include "charter/org/organization.hpp"
#include "charter/org/raci.hpp"
#include "charter/org/role.hpp"
#include "charter/org/staff.hpp"
#include "charter/org/unit.hpp"
