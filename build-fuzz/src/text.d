build-fuzz/src/text.o: src/text.c include/followup/text.h \
  include/followup/util.h

include/followup/text.h:

include/followup/util.h:
