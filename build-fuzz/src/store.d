build-fuzz/src/store.o: src/store.c include/followup/store.h \
  include/followup/cadence.h include/followup/workcal.h \
  include/followup/config.h include/followup/stats.h \
  include/followup/clock.h include/followup/date.h \
  include/followup/err.h include/followup/icalmod.h \
  include/followup/util.h build/schema.h

include/followup/store.h:

include/followup/cadence.h:

include/followup/workcal.h:

include/followup/config.h:

include/followup/stats.h:

include/followup/clock.h:

include/followup/date.h:

include/followup/err.h:

include/followup/icalmod.h:

include/followup/util.h:

build/schema.h:
