-- Hand-off of routed leads: one row per lead while its rep has not accepted, rejected or touched
-- it. The rep is told (notified), reminded before the first-touch deadline (remind_at), and on
-- breach (due_at) the team's managers are told and the lead is routed again, at most a set number
-- of times before it goes to the default owner or queue. Polled with FOR UPDATE SKIP LOCKED.
create table routing_handoff (
  lead_id        uuid primary key,
  owner_id       uuid        not null,
  rule_id        uuid,
  assigned_at    timestamp with time zone not null,
  remind_at      timestamp with time zone,
  due_at         timestamp with time zone,
  state          varchar(12) not null,
  reassignments  int         not null default 0,
  notified       boolean     not null default false,
  reminded       boolean     not null default false,
  closed_at      timestamp with time zone,
  reason         varchar(500)
);
create index routing_handoff_owner_ix on routing_handoff (owner_id, state, assigned_at);
create index routing_handoff_work_ix on routing_handoff (state, notified, due_at);
