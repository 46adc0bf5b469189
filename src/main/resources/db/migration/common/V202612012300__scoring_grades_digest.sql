-- Grade bands (fit letter × engagement digit, e.g. A1) and the daily digest of each rep's
-- priorities, sent at a local time of the rep's own time zone.
alter table scoring_setting add column grades varchar(1000);
alter table scoring_setting add column digest_enabled boolean not null default true;
alter table scoring_setting add column digest_at varchar(5) not null default '08:00';

-- The manager's report reads the MQL crossings of a period.
create index score_state_crossed_ix on score_state (crossed_at);
