build-fuzz/src/icalmod.o: src/icalmod.c include/followup/icalmod.h \
  include/followup/err.h

include/followup/icalmod.h:

include/followup/err.h:
