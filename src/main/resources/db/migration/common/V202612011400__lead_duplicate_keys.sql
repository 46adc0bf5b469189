-- The duplicate guard matches new leads exactly on normalised email, E.164 phone or mobile, and
-- the external id a source system gave them, against leads and contacts: each key gets an index.
alter table lead add column external_id varchar(100);
create index lead_external_id_ix on lead (external_id);
create index lead_phone_ix on lead (phone);
create index lead_mobile_ix on lead (mobile);
create index contact_phone_ix on contact (phone);
