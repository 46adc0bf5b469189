-- Segments: static lists kept by hand and dynamic segments defined by list filters and events.
-- Membership is stored for both and kept current as leads change, so a segment is as cheap to use
-- as a list filter, a sequence's entry criterion or a report dimension.
create table segment (
  id            uuid primary key,
  name          varchar(100) not null,
  kind          varchar(10)  not null,
  definition    varchar(8000),
  member_count  bigint       not null default 0,
  state         varchar(10)  not null default 'READY',
  job_id        uuid,
  evaluated_at  timestamp with time zone,
  created_at    timestamp with time zone not null,
  created_by    uuid,
  updated_at    timestamp with time zone not null,
  version       bigint       not null default 0,
  constraint segment_name_uk unique (name)
);

-- No foreign key to lead: leads are only soft-deleted, and the check would lock the lead row on
-- every membership change of a bulk evaluation.
create table segment_member (
  segment_id  uuid not null references segment (id) on delete cascade,
  lead_id     uuid not null,
  added_at    timestamp with time zone not null,
  primary key (segment_id, lead_id)
);
create index segment_member_lead_ix on segment_member (lead_id);
create index segment_member_added_ix on segment_member (segment_id, added_at, lead_id);

-- How far the catch-up pass over changed leads has come (leads written by imports and other bulk
-- paths change without an in-process notice).
create table segment_watermark (
  name        varchar(30) primary key,
  updated_at  timestamp with time zone not null,
  lead_id     uuid        not null
);
