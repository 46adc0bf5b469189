-- The daily digest of each rep's priorities: one row per user and local day, taken before the
-- digest is sent, so it goes once whatever the number of nodes or passes.
create table priority_digest (
  user_id  uuid not null,
  digest_day  date not null,
  sent_at  timestamp with time zone not null,
  leads    int  not null,
  primary key (user_id, digest_day)
);
