-- Hub schema 2 (issue 11): photo notes, and label events that may carry the unsure answer.
-- note_events: every change of a photo's free-text note, append-only like label_events,
-- keyed by the event's globally unique id ('<device id>-n<seq>'); new_note NULL = cleared.
-- The photo's note is the change with the latest (lamport, device_id), as on the laptops.
-- Label events may now hold the reserved answer '(unsure)' in old_label/new_label (no
-- label may be spelled so). This version also keeps laptops that predate it from syncing
-- ("the hub's schema is newer: update the app"), where they would read it as a label.
CREATE TABLE note_events (
  hub_seq       bigserial UNIQUE,
  event_uid     text PRIMARY KEY,
  device_id     text NOT NULL,
  device_seq    bigint NOT NULL,
  lamport       bigint NOT NULL,
  sha256        char(64) NOT NULL,
  old_note      text,
  new_note      text,
  author        text NOT NULL,
  at            text NOT NULL,
  UNIQUE (device_id, device_seq)
);
CREATE INDEX note_events_sha ON note_events(sha256, lamport);

GRANT SELECT, INSERT ON note_events TO inspection_desk_sync;
GRANT USAGE ON SEQUENCE note_events_hub_seq_seq TO inspection_desk_sync;
