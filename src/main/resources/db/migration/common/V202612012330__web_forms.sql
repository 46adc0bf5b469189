-- Web-to-lead forms: what an administrator or marketer defined (fields, consent text, defaults,
-- redirect hosts, embedding origins) as one JSON definition, the public key of its page, and a
-- version for If-Match. Deleted forms keep their row so submissions and evidence still name them.
create table web_form (
  id            uuid primary key,
  form_key      varchar(40)   not null,
  version       int           not null,
  name          varchar(100)  not null,
  language      varchar(2)    not null,
  definition    varchar(60000) not null,
  active        boolean       not null,
  created_by    uuid          not null,
  created_at    timestamp with time zone not null,
  updated_at    timestamp with time zone not null,
  deleted_at    timestamp with time zone,
  constraint web_form_key_uk unique (form_key)
);
create index web_form_list_ix on web_form (created_at, id);

-- One row per accepted submission, keyed by its one-time token: a second post of the same token
-- fails the unique key and creates nothing. outcome: CREATED, UPDATED or SKIPPED (a duplicate the
-- form's mode left alone).
create table web_form_submission (
  token         varchar(100)  primary key,
  form_id       uuid          not null,
  lead_id       uuid,
  outcome       varchar(10)   not null,
  submitted_at  timestamp with time zone not null
);
create index web_form_submission_form_ix on web_form_submission (form_id, submitted_at);

-- Evidence of what a visitor was asked and answered (S3.6.3): the exact consent text shown and its
-- version, whether the box was ticked, when, from which address and browser, through which form.
-- Append-only, no foreign keys: evidence outlives the form and survives a lead's merge.
create table consent_evidence (
  id               uuid primary key,
  lead_id          uuid          not null,
  form_id          uuid          not null,
  submission_token varchar(100)  not null,
  granted          boolean       not null,
  consent_text     varchar(4000) not null,
  text_version     int           not null,
  language         varchar(2)    not null,
  policy_url       varchar(2000),
  source_address   varchar(64)   not null,
  user_agent       varchar(500),
  recorded_at      timestamp with time zone not null
);
create index consent_evidence_lead_ix on consent_evidence (lead_id, recorded_at);
