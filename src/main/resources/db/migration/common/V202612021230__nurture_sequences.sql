-- Email sequences: ordered steps (a delay, then a template), entry by segment or by hand, and one
-- enrollment per lead and sequence whose due step the engine sends exactly once (the outbox key
-- names the enrollment and step, written in the same transaction as the advance).
create table nurture_sequence (
  id                uuid primary key,
  name              varchar(100) not null,
  state             varchar(10)  not null,
  entry_segment_id  uuid references segment (id) on delete set null,
  exit_on           varchar(200) not null,
  created_at        timestamp with time zone not null,
  created_by        uuid,
  updated_at        timestamp with time zone not null,
  version           bigint       not null default 0,
  constraint nurture_sequence_name_uk unique (name)
);

create table nurture_sequence_step (
  sequence_id    uuid not null references nurture_sequence (id) on delete cascade,
  step_no        int  not null,
  delay_minutes  int  not null,
  template_id    uuid not null references email_template (id),
  primary key (sequence_id, step_no)
);

create table nurture_enrollment (
  id             uuid primary key,
  sequence_id    uuid        not null references nurture_sequence (id) on delete cascade,
  lead_id        uuid        not null,
  state          varchar(10) not null,
  next_step      int         not null,
  due_at         timestamp with time zone,
  enrolled_at    timestamp with time zone not null,
  enrolled_via   varchar(10) not null,
  finished_at    timestamp with time zone,
  exit_reason    varchar(20),
  steps_sent     int         not null default 0,
  constraint nurture_enrollment_uk unique (sequence_id, lead_id)
);
create index nurture_enrollment_due_ix on nurture_enrollment (state, due_at);
create index nurture_enrollment_lead_ix on nurture_enrollment (lead_id);

-- How far each sequence has enrolled its entry segment's members (by the time they joined).
create table nurture_entry_mark (
  sequence_id  uuid primary key references nurture_sequence (id) on delete cascade,
  added_at     timestamp with time zone not null,
  lead_id      uuid not null
);
