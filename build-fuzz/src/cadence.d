build-fuzz/src/cadence.o: src/cadence.c include/followup/cadence.h \
  include/followup/workcal.h include/followup/date.h \
  include/followup/err.h

include/followup/cadence.h:

include/followup/workcal.h:

include/followup/date.h:

include/followup/err.h:
