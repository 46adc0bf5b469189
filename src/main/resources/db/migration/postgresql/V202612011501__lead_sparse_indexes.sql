-- Cheaper index maintenance for bulk writes (imports), nothing slower to read. PostgreSQL only (H2
-- has no partial indexes; its twin of this version drops the unused index alone).
-- * phone_digits is searched with LIKE '%digits%', which the trigram index serves and a btree never
--   can: the btree was maintained on every write and read by nothing.
-- * external id, campaign, phone and mobile are looked up by equality only (duplicate guard, list
--   filter), which implies a value: a partial index skips the many rows without one. An import of
--   demo-like data touches about 2.4 fewer index entries per lead.
drop index lead_phone_digits_ix;
drop index lead_external_id_ix;
create index lead_external_id_ix on lead (external_id) where external_id is not null;
drop index lead_campaign_ix;
create index lead_campaign_ix on lead (campaign_id) where campaign_id is not null;
drop index lead_phone_ix;
create index lead_phone_ix on lead (phone) where phone is not null;
drop index lead_mobile_ix;
create index lead_mobile_ix on lead (mobile) where mobile is not null;
