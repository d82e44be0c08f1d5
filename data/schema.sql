-- followup database schema: what a new database gets, the latest version
-- (SCHEMA_VERSION in src/store_int.h, 12).
--
-- Compiled into the binary (the Makefile turns this file into a C string)
-- and applied to a new database in one transaction; an older database is
-- brought here by the numbered migrations of src/store_schema.c under
-- PRAGMA user_version.
--
-- Representation: calendar dates are the rep's local dates as ISO text
-- (YYYY-MM-DD), times of day HH:MM, touch times YYYY-MM-DDTHH:MM (local),
-- audit timestamps UTC (YYYY-MM-DDTHH:MM:SSZ).  The due date, its kind and
-- step are derived from the rest by the cadence engine and kept in indexed
-- columns so the morning query reads an index, never the table.

CREATE TABLE meta (              -- db_id: random id for calendar UIDs;
  key   TEXT PRIMARY KEY,        -- calendar: fingerprint of the workday config;
                                 -- calendar_events: of the rest events say;
                                 -- calendar_since: when either last changed
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cadence (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
  offsets TEXT NOT NULL,         -- "1,3,7,14,28,58": strictly increasing, >= 1
  tail    TEXT NOT NULL,         -- "monthly", "every:N" or "none"
  builtin INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE prospect (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: ids make calendar UIDs
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  company       TEXT,            -- absent fields are NULL, never ''
  title         TEXT,
  email         TEXT,
  phone         TEXT,
  phone_key     TEXT,            -- phone as digits with a leading +, for duplicates
  source        TEXT,
  notes         TEXT,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'won' OR status = 'lost'),
  first_contact TEXT NOT NULL,   -- day 0
  cadence_id    INTEGER NOT NULL REFERENCES cadence(id),
  next_date     TEXT,            -- explicit next date (SPEC §2 rule 5)
  next_time     TEXT,            -- its optional time, HH:MM
  next_set_on   TEXT,            -- the day next_date was set
  next_agenda   TEXT,            -- what the appointment is about (SPEC §10)
  appt_uid      TEXT,            -- the appointment's invitation UID, made when first sent;
                                 -- kept while it moves, gone when it is cleared
  flags         INTEGER NOT NULL DEFAULT 0,  -- 1 verified, 2 need, 4 decider, 8 timeline
  due           TEXT,            -- derived: NULL when won, lost or complete
  due_time      TEXT,            -- derived: HH:MM of an explicit appointment
  due_kind      TEXT CHECK (due_kind IN ('cadence', 'explicit')),
  due_step      INTEGER,         -- derived: 1-based step when due_kind = 'cadence'
  complete      INTEGER NOT NULL DEFAULT 0,  -- derived: active, finite cadence done
  revision      INTEGER NOT NULL DEFAULT 1,  -- grows with every change
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  fu_count      INTEGER NOT NULL DEFAULT 0,  -- derived: distinct follow-up days (after day 0)
  first_fu_days INTEGER,        -- derived: days from day 0 to the first of them
  touch_count   INTEGER NOT NULL DEFAULT 0,  -- derived: touches logged
  last_touch_id INTEGER,         -- derived: the latest touch (by time, then id)
  last_at       TEXT,            -- derived: its time, channel and outcome
  last_channel  TEXT,
  last_outcome  TEXT,
  changed       INTEGER NOT NULL DEFAULT 0,  -- change stamp: seconds since 2020-01-01Z of the
                                 -- newest change (SPEC §1); the calendar SEQUENCE
  search        TEXT             -- name, company, email, phone folded (fold.h) and the
                                 -- phone's digits: what search compares
);

-- The morning query: due on or before a date, in due-list order.
CREATE INDEX prospect_due ON prospect (due, due_time IS NULL, due_time, name COLLATE NOCASE, id)
  WHERE due IS NOT NULL;
CREATE INDEX prospect_name ON prospect (name COLLATE NOCASE, id);
CREATE INDEX prospect_complete ON prospect (complete) WHERE complete = 1;
CREATE INDEX prospect_email ON prospect (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX prospect_phone ON prospect (phone_key) WHERE phone_key IS NOT NULL;

CREATE TABLE touch (
  id          INTEGER PRIMARY KEY,
  prospect_id INTEGER NOT NULL REFERENCES prospect(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,     -- local YYYY-MM-DDTHH:MM
  channel     TEXT NOT NULL CHECK (channel = 'call' OR channel = 'email' OR channel = 'chat' OR
                channel = 'visit' OR channel = 'other'),
  outcome     TEXT NOT NULL CHECK (outcome = 'no-answer' OR outcome = 'voicemail' OR
                outcome = 'busy' OR outcome = 'wrong-number' OR outcome = 'connected' OR
                outcome = 'replied' OR outcome = 'meeting' OR outcome = 'not-now' OR
                outcome = 'won' OR outcome = 'lost'),
  note        TEXT,
  created_at  TEXT NOT NULL,
  step        INTEGER NOT NULL DEFAULT 0,  -- derived: k of the k-th follow-up day (0: on or before day 0)
  gap         INTEGER            -- derived: days since the previous follow-up day, on its first touch
);
CREATE INDEX touch_prospect ON touch (prospect_id, at);
-- stats: touches by channel and follow-up step, and the gaps, from indexes.
CREATE INDEX touch_kind ON touch (channel, step, outcome);
CREATE INDEX touch_gap ON touch (prospect_id, gap) WHERE gap IS NOT NULL;

-- Mail sent or drafted (SPEC §10): not touches, never the schedule.  No
-- foreign key: the invitation of a deleted prospect's appointment must
-- still be cancellable, so its address is kept here.
CREATE TABLE mail (
  id          INTEGER PRIMARY KEY,
  prospect_id INTEGER NOT NULL,
  at          TEXT NOT NULL,     -- UTC YYYY-MM-DDTHH:MM:SSZ
  kind        TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'summary' OR kind = 'cancel'),
  subject     TEXT,
  message_id  TEXT NOT NULL,
  sent        INTEGER NOT NULL,  -- 1 sent, 0 saved as a draft
  invite_uid  TEXT,              -- the invitation it carried (REQUEST or CANCEL)
  invite_seq  INTEGER,
  appt_date   TEXT,              -- the appointment it was about
  appt_time   TEXT,
  to_name     TEXT,
  to_email    TEXT
);
CREATE INDEX mail_prospect ON mail (prospect_id, id);
CREATE INDEX mail_invite ON mail (invite_uid, id) WHERE invite_uid IS NOT NULL;

CREATE TABLE away (              -- time off: non-workdays, inclusive
  id    INTEGER PRIMARY KEY,
  start TEXT NOT NULL,
  end   TEXT NOT NULL,
  CHECK (start <= end)
);

CREATE TABLE holiday_cache (     -- dates expanded from the holiday feed
  day TEXT PRIMARY KEY
) WITHOUT ROWID;

-- The undo journal: one group per change, each entry the old image of one
-- row (JSON), written by store.c before each update or delete and after each insert.
CREATE TABLE undo_group (
  id    INTEGER PRIMARY KEY,
  label TEXT NOT NULL,           -- what the change did, for "undone: …"
  at    TEXT NOT NULL
);
CREATE TABLE undo_entry (
  id          INTEGER PRIMARY KEY,
  grp         INTEGER NOT NULL REFERENCES undo_group(id) ON DELETE CASCADE,
  tbl         TEXT NOT NULL,     -- prospect, touch, away, cadence
  op          TEXT NOT NULL,     -- insert, update, delete
  row_id      INTEGER NOT NULL,
  prospect_id INTEGER,           -- the prospect whose due date may follow
  old         TEXT,              -- JSON image before the change (NULL for insert)
  row_last    INTEGER            -- insert: the last of a run of ids row_id..row_last
                                 -- (an import's prospects), NULL for one row
);
CREATE INDEX undo_entry_row ON undo_entry (grp, tbl, row_id);

-- Built-in cadences (SPEC §1): Day 1, 3, 7, 14, 28, 58, then monthly.
INSERT INTO cadence (name, offsets, tail, builtin) VALUES ('standard', '1,3,7,14,28,58', 'monthly', 1);
