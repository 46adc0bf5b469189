-- Lead imports (CSV and XLSX): one row per uploaded file with its options and the counters its job
-- does not keep, and the rows it refused. The import's id is its job's id once started; before
-- that (the wizard's preview and mapping step) the import is a draft without a job row.
create table lead_import (
  id           uuid primary key,
  file_name    varchar(255)  not null,
  file_kind    varchar(10)   not null,
  file_size    bigint        not null,
  stored_path  varchar(1000) not null,
  -- As chosen or detected at upload; the job settles "auto" over the whole file on its first run.
  encoding     varchar(40)   not null,
  delimiter    varchar(4)    not null,
  -- JSON array of the header cells as the file has them, and the JSON options (mapping, mode, ...).
  header       varchar(200000) not null,
  options      varchar(100000),
  created_by   uuid          not null,
  created_at   timestamp with time zone not null,
  -- Data records (after the header) already committed: where a resumed run continues. Every chunk
  -- moves it with a compare-and-set in the chunk's own transaction, so a chunk lands exactly once.
  next_record  bigint        not null default 0,
  created      bigint        not null default 0,
  updated      bigint        not null default 0,
  skipped      bigint        not null default 0
);
create index lead_import_creator_ix on lead_import (created_by, created_at, id);
create index lead_import_created_ix on lead_import (created_at, id);

-- A refused row: its 1-based physical line (header = line 1; a multi-line record counts from the
-- line it starts on), the field(s) and reason, and the original cells as a JSON array.
create table lead_import_error (
  import_id  uuid          not null,
  line       bigint        not null,
  field      varchar(500)  not null,
  reason     varchar(4000) not null,
  cells      varchar(1000000),
  primary key (import_id, line)
);
