-- Conversion (S2.5): what a lead becomes. Contacts, accounts and opportunities gain the columns
-- that carry a lead's data and the lead they came from; the admin's qualification checklist and
-- field mapping; and one row per converted lead recording what it became.

alter table contact add column salutation varchar(20);
alter table contact add column mobile varchar(20);
alter table contact add column street varchar(300);
alter table contact add column city varchar(100);
alter table contact add column state varchar(100);
alter table contact add column postal_code varchar(20);
alter table contact add column country varchar(2);
alter table contact add column linkedin varchar(200);
alter table contact add column twitter varchar(200);
alter table contact add column instagram varchar(200);
alter table contact add column telegram varchar(200);
alter table contact add column whatsapp varchar(200);
alter table contact add column description varchar(32000);
alter table contact add column notes varchar(32000);
alter table contact add column custom_fields varchar(16000);
alter table contact add column lead_source varchar(50);
alter table contact add column campaign_id uuid references campaign (id);
alter table contact add column origin_lead_id uuid;
alter table contact add column search_key varchar(300) not null default '';
create index contact_origin_lead_ix on contact (origin_lead_id);
create index contact_search_ix on contact (search_key, id);

alter table account add column name_key varchar(200) not null default '';
alter table account add column sub_industry varchar(50);
alter table account add column street varchar(300);
alter table account add column state varchar(100);
alter table account add column postal_code varchar(20);
alter table account add column company_size int;
alter table account add column annual_revenue numeric(19, 2);
alter table account add column annual_revenue_currency varchar(3);
alter table account add column description varchar(32000);
alter table account add column custom_fields varchar(16000);
alter table account add column lead_source varchar(50);
alter table account add column origin_lead_id uuid;
create index account_name_key_ix on account (name_key, id);
create index account_website_ix on account (website);
create index account_origin_lead_ix on account (origin_lead_id);

alter table opportunity add column contact_id uuid references contact (id);
alter table opportunity add column campaign_id uuid references campaign (id);
alter table opportunity add column lead_source varchar(50);
alter table opportunity add column description varchar(32000);
alter table opportunity add column custom_fields varchar(16000);
alter table opportunity add column origin_lead_id uuid;
alter table opportunity add column name_key varchar(200) not null default '';
create index opportunity_account_ix on opportunity (account_id);
create index opportunity_stage_ix on opportunity (stage, created_at, id);
create index opportunity_campaign_ix on opportunity (campaign_id);
create index opportunity_origin_lead_ix on opportunity (origin_lead_id);
create index opportunity_name_key_ix on opportunity (name_key, id);

-- What must be true of a lead before it may convert (BANT, say); empty until an admin defines it.
create table qualification_item (
  code        varchar(50)  primary key,
  label       varchar(200) not null,
  position    int          not null,
  active      boolean      not null default true,
  created_at  timestamp with time zone not null
);

-- The items ticked for a lead, by whom and when.
create table lead_qualification (
  lead_id     uuid        not null references lead (id) on delete cascade,
  item_code   varchar(50) not null references qualification_item (code),
  checked_at  timestamp with time zone not null,
  checked_by  uuid,
  primary key (lead_id, item_code)
);

-- Admin settings of conversion as one document per name (the field mapping).
create table conversion_setting (
  name        varchar(50) primary key,
  body        varchar(100000) not null,
  updated_at  timestamp with time zone not null,
  updated_by  uuid
);

-- What each converted lead became; the primary key makes a second conversion of a lead impossible.
create table lead_conversion (
  lead_id         uuid primary key references lead (id),
  contact_id      uuid not null references contact (id),
  account_id      uuid references account (id),
  opportunity_id  uuid references opportunity (id),
  converted_by    uuid,
  converted_at    timestamp with time zone not null,
  mapping         varchar(100000) not null,
  notes           varchar(32000)
);
create index lead_conversion_contact_ix on lead_conversion (contact_id);

insert into code_list (kind, code, label_en, label_fa, label_ar, position) values
  ('opportunity_stage', 'PROSPECTING', 'Prospecting', 'جست‌وجوی مشتری', 'التنقيب', 1),
  ('opportunity_stage', 'QUALIFICATION', 'Qualification', 'ارزیابی', 'التأهيل', 2),
  ('opportunity_stage', 'PROPOSAL', 'Proposal', 'پیشنهاد', 'العرض', 3),
  ('opportunity_stage', 'NEGOTIATION', 'Negotiation', 'مذاکره', 'التفاوض', 4),
  ('opportunity_stage', 'CLOSED_WON', 'Closed won', 'برنده', 'مغلق رابح', 5),
  ('opportunity_stage', 'CLOSED_LOST', 'Closed lost', 'از دست رفته', 'مغلق خاسر', 6);
