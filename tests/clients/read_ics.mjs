// Reads an iCalendar document on stdin with Mozilla's ical.js (the parser of Thunderbird's
// calendar) and prints each VEVENT's UID, SUMMARY, STATUS, RECURRENCE-ID and start/end as
// UTC instants (ISO 8601), resolved through the document's own VTIMEZONE, as a client does.
import ICAL from "ical.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;

const calendar = new ICAL.Component(ICAL.parse(input));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const instant = (time) => (time ? time.toJSDate().toISOString() : null);
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    status: component.getFirstPropertyValue("status"),
    recurrenceId: event.recurrenceId ? event.recurrenceId.toString() : null,
    allDay: event.startDate.isDate,
    start: instant(event.startDate),
    end: instant(event.endDate),
  };
});
process.stdout.write(JSON.stringify({
  name: calendar.getFirstPropertyValue("x-wr-calname"),
  description: calendar.getFirstPropertyValue("x-wr-caldesc"),
  events,
}));
