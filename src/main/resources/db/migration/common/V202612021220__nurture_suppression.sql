-- Addresses that receive no marketing email, whatever lead they belong to: unsubscribed, hard
-- bounced, complained, or entered by hand. Keyed by the lower-cased address.
create table email_suppression (
  email_key  varchar(254) primary key,
  reason     varchar(20)  not null,
  lead_id    uuid,
  source     varchar(200),
  at         timestamp with time zone not null
);
