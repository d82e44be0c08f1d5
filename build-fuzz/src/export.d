build-fuzz/src/export.o: src/export.c include/followup/export.h \
  include/followup/config.h include/followup/store.h \
  include/followup/cadence.h include/followup/workcal.h \
  include/followup/stats.h include/followup/clock.h \
  include/followup/csvio.h include/followup/date.h \
  include/followup/err.h include/followup/icalmod.h \
  include/followup/util.h

include/followup/export.h:

include/followup/config.h:

include/followup/store.h:

include/followup/cadence.h:

include/followup/workcal.h:

include/followup/stats.h:

include/followup/clock.h:

include/followup/csvio.h:

include/followup/date.h:

include/followup/err.h:

include/followup/icalmod.h:

include/followup/util.h:
