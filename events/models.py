# The agenda (Event, Venue) is built in its own issue; the app exists so the layout is complete.
