-- Foundation schema: identity, admin-managed lists, CRM records, leads with history and activities, jobs.
-- Portable SQL for H2 2.x and PostgreSQL 15: varchar keys (H2 cannot index text), uuid ids,
-- timestamp with time zone for instants.

create table app_user (
  id             uuid primary key,
  email          varchar(254) not null,
  display_name   varchar(100) not null,
  role           varchar(20)  not null,
  password_hash  varchar(100),
  active         boolean      not null default true,
  locale         varchar(5)   not null default 'fa',
  calendar       varchar(10)  not null default 'JALALI',
  time_zone      varchar(50)  not null default 'Asia/Tehran',
  failed_logins  int          not null default 0,
  locked_until   timestamp with time zone,
  created_at     timestamp with time zone not null,
  version        bigint       not null default 0,
  constraint app_user_email_uk unique (email)
);

create table team (
  id          uuid primary key,
  name        varchar(100) not null,
  created_at  timestamp with time zone not null,
  constraint team_name_uk unique (name)
);

create table team_member (
  team_id  uuid not null references team (id) on delete cascade,
  user_id  uuid not null references app_user (id) on delete cascade,
  primary key (team_id, user_id)
);
create index team_member_user_ix on team_member (user_id);

create table api_key (
  id            uuid primary key,
  user_id       uuid         not null references app_user (id) on delete cascade,
  name          varchar(100) not null,
  prefix        varchar(20)  not null,
  secret_hash   varchar(64)  not null,
  scopes        varchar(100) not null default 'read,write',
  created_at    timestamp with time zone not null,
  last_used_at  timestamp with time zone,
  revoked_at    timestamp with time zone,
  constraint api_key_prefix_uk unique (prefix)
);
create index api_key_user_ix on api_key (user_id);

-- Session tokens of the API and one-time invitation links; only the SHA-256 of a token is kept.
create table auth_token (
  token_hash  varchar(64) primary key,
  purpose     varchar(10) not null,
  user_id     uuid not null references app_user (id) on delete cascade,
  created_at  timestamp with time zone not null,
  expires_at  timestamp with time zone not null
);
create index auth_token_user_ix on auth_token (user_id);

-- Admin-managed code lists: lead sources, industries, sub-industries, lost reasons.
create table code_list (
  kind      varchar(30)  not null,
  code      varchar(50)  not null,
  label_en  varchar(100) not null,
  label_fa  varchar(100) not null,
  label_ar  varchar(100) not null,
  position  int          not null default 0,
  active    boolean      not null default true,
  primary key (kind, code)
);

create table custom_field (
  name        varchar(50)  primary key,
  label       varchar(100) not null,
  field_type  varchar(20)  not null,
  max_length  int          not null default 255,
  created_at  timestamp with time zone not null
);

create table campaign (
  id               uuid primary key,
  name             varchar(200) not null,
  campaign_type    varchar(30)  not null default 'email',
  status           varchar(20)  not null default 'PLANNED',
  start_date       date,
  end_date         date,
  budget_amount    numeric(19, 2),
  budget_currency  varchar(3),
  created_at       timestamp with time zone not null,
  version          bigint not null default 0
);

create table account (
  id          uuid primary key,
  name        varchar(200) not null,
  website     varchar(255),
  industry    varchar(50),
  phone       varchar(20),
  city        varchar(100),
  country     varchar(2),
  owner_id    uuid references app_user (id),
  created_at  timestamp with time zone not null,
  version     bigint not null default 0
);
create index account_created_ix on account (created_at, id);

create table contact (
  id          uuid primary key,
  first_name  varchar(100),
  last_name   varchar(100),
  email       varchar(254),
  phone       varchar(20),
  title       varchar(100),
  account_id  uuid references account (id),
  owner_id    uuid references app_user (id),
  created_at  timestamp with time zone not null,
  version     bigint not null default 0
);
create index contact_created_ix on contact (created_at, id);
create index contact_email_ix on contact (email);

create table opportunity (
  id          uuid primary key,
  name        varchar(200) not null,
  account_id  uuid not null references account (id),
  amount      numeric(19, 2),
  currency    varchar(3),
  stage       varchar(30) not null default 'PROSPECTING',
  close_date  date,
  owner_id    uuid references app_user (id),
  created_at  timestamp with time zone not null,
  version     bigint not null default 0
);
create index opportunity_created_ix on opportunity (created_at, id);

create table lead (
  id                       uuid primary key,
  version                  bigint       not null default 0,
  first_name               varchar(100),
  last_name                varchar(100),
  salutation               varchar(20),
  title                    varchar(100),
  account_name             varchar(200),
  email                    varchar(254),
  phone                    varchar(20),
  mobile                   varchar(20),
  website                  varchar(255),
  lead_source              varchar(50),
  rating                   varchar(10),
  opportunity_amount       numeric(19, 2),
  opportunity_currency     varchar(3),
  industry                 varchar(50),
  sub_industry             varchar(50),
  referred_by              varchar(200),
  campaign_id              uuid references campaign (id),
  owner_id                 uuid references app_user (id),
  team_id                  uuid references team (id),
  status                   varchar(20)  not null,
  dead_reason              varchar(50),
  street                   varchar(300),
  city                     varchar(100),
  state                    varchar(100),
  postal_code              varchar(20),
  country                  varchar(2),
  linkedin                 varchar(200),
  twitter                  varchar(200),
  instagram                varchar(200),
  telegram                 varchar(200),
  whatsapp                 varchar(200),
  description              varchar(32000),
  company_size             int,
  annual_revenue           numeric(19, 2),
  annual_revenue_currency  varchar(3),
  custom_fields            varchar(16000),
  score_fit                int          not null default 0,
  score_engagement         int          not null default 0,
  score_total              int          not null default 0,
  lifecycle_stage          varchar(20)  not null default 'LEAD',
  consent_status           varchar(10)  not null default 'UNKNOWN',
  consent_source           varchar(100),
  consent_at               timestamp with time zone,
  created_at               timestamp with time zone not null,
  updated_at               timestamp with time zone not null,
  created_by               uuid,
  converted_at             timestamp with time zone,
  deleted_at               timestamp with time zone,
  -- Match keys, derived from the typed values (text normalised for Persian/Arabic, digits only).
  email_key                varchar(254),
  search_text              varchar(1000) not null default '',
  phone_digits             varchar(60)
);
create index lead_created_ix on lead (created_at, id);
create index lead_updated_ix on lead (updated_at, id);
create index lead_status_created_ix on lead (status, created_at, id);
create index lead_owner_created_ix on lead (owner_id, created_at, id);
create index lead_team_ix on lead (team_id, owner_id);
create index lead_last_name_ix on lead (last_name, id);
create index lead_score_ix on lead (score_total, id);
create index lead_source_created_ix on lead (lead_source, created_at, id);
create index lead_email_key_ix on lead (email_key);
create index lead_phone_digits_ix on lead (phone_digits);
create index lead_campaign_ix on lead (campaign_id);

create table lead_tag (
  lead_id  uuid        not null references lead (id) on delete cascade,
  tag      varchar(50) not null,
  primary key (lead_id, tag)
);
create index lead_tag_tag_ix on lead_tag (tag, lead_id);

-- Field-level change log: every change to a lead by any path. Append-only and written on every
-- change, so it carries no foreign key: the check would lock the lead row on each insert and made
-- bulk loads five times slower; leads are only soft-deleted, and erasure deletes both explicitly.
create table lead_history (
  id          bigint generated by default as identity primary key,
  lead_id     uuid         not null,
  at          timestamp with time zone not null,
  actor_id    uuid,
  actor_name  varchar(100) not null,
  via         varchar(20)  not null,
  field       varchar(60)  not null,
  old_value   varchar(32000),
  new_value   varchar(32000)
);
create index lead_history_lead_ix on lead_history (lead_id, id);

create table lead_activity (
  id          uuid primary key,
  lead_id     uuid         not null references lead (id) on delete cascade,
  kind        varchar(10)  not null,
  subject     varchar(200) not null,
  body        varchar(32000),
  state       varchar(10)  not null,
  due_at      timestamp with time zone,
  done_at     timestamp with time zone,
  created_at  timestamp with time zone not null,
  created_by  uuid,
  actor_name  varchar(100) not null
);
create index lead_activity_lead_ix on lead_activity (lead_id, created_at);

-- Durable background work: one row per job, progress written as it runs.
create table job (
  id           uuid primary key,
  kind         varchar(30)  not null,
  status       varchar(12)  not null,
  total        bigint       not null default 0,
  processed    bigint       not null default 0,
  failed       bigint       not null default 0,
  payload      varchar(100000),
  result       varchar(100000),
  error        varchar(2000),
  created_by   uuid,
  created_at   timestamp with time zone not null,
  started_at   timestamp with time zone,
  heartbeat_at timestamp with time zone,
  checkpoint   varchar(200),
  finished_at  timestamp with time zone
);
create index job_status_ix on job (status, created_at);

-- Idempotency-Key replay store for creating POSTs.
create table idempotency_key (
  user_id        uuid         not null,
  idem_key       varchar(200) not null,
  request_hash   varchar(64)  not null,
  status         int          not null,
  location       varchar(500),
  body           varchar(100000),
  created_at     timestamp with time zone not null,
  primary key (user_id, idem_key)
);

insert into code_list (kind, code, label_en, label_fa, label_ar, position) values
  ('lead_source', 'conference', 'Conference', 'همایش', 'مؤتمر', 1),
  ('lead_source', 'referral', 'Referral', 'معرفی', 'إحالة', 2),
  ('lead_source', 'website', 'Website', 'وب‌سایت', 'الموقع الإلكتروني', 3),
  ('lead_source', 'telemarketing', 'Telemarketing', 'بازاریابی تلفنی', 'التسويق الهاتفي', 4),
  ('lead_source', 'email_campaign', 'Email campaign', 'کمپین ایمیلی', 'حملة بريد إلكتروني', 5),
  ('lead_source', 'trade_show', 'Trade show', 'نمایشگاه', 'معرض تجاري', 6),
  ('lead_source', 'social', 'Social media', 'شبکه‌های اجتماعی', 'وسائل التواصل الاجتماعي', 7),
  ('lead_source', 'advertisement', 'Advertisement', 'تبلیغات', 'إعلان', 8),
  ('lead_source', 'partner', 'Partner', 'شریک تجاری', 'شريك', 9),
  ('lead_source', 'other', 'Other', 'سایر', 'أخرى', 10),
  ('industry', 'technology', 'Technology', 'فناوری', 'التكنولوجيا', 1),
  ('industry', 'finance', 'Finance', 'مالی', 'المالية', 2),
  ('industry', 'consumer', 'Consumer goods', 'کالای مصرفی', 'السلع الاستهلاكية', 3),
  ('industry', 'manufacturing', 'Manufacturing', 'تولید', 'التصنيع', 4),
  ('industry', 'healthcare', 'Healthcare', 'سلامت', 'الرعاية الصحية', 5),
  ('industry', 'education', 'Education', 'آموزش', 'التعليم', 6),
  ('industry', 'retail', 'Retail', 'خرده‌فروشی', 'التجزئة', 7),
  ('industry', 'construction', 'Construction', 'ساختمان', 'البناء', 8),
  ('industry', 'energy', 'Energy', 'انرژی', 'الطاقة', 9),
  ('industry', 'other', 'Other', 'سایر', 'أخرى', 10),
  ('sub_industry', 'food_beverage', 'Food and beverage', 'غذا و نوشیدنی', 'الأغذية والمشروبات', 1),
  ('sub_industry', 'software', 'Software', 'نرم‌افزار', 'البرمجيات', 2),
  ('sub_industry', 'banking', 'Banking', 'بانکداری', 'الخدمات المصرفية', 3),
  ('sub_industry', 'insurance', 'Insurance', 'بیمه', 'التأمين', 4),
  ('sub_industry', 'other', 'Other', 'سایر', 'أخرى', 5),
  ('lost_reason', 'no_budget', 'No budget', 'نبود بودجه', 'لا توجد ميزانية', 1),
  ('lost_reason', 'no_need', 'No need', 'عدم نیاز', 'لا حاجة', 2),
  ('lost_reason', 'competitor', 'Chose a competitor', 'انتخاب رقیب', 'اختار منافسًا', 3),
  ('lost_reason', 'no_response', 'No response', 'بی‌پاسخ', 'لا رد', 4),
  ('lost_reason', 'bad_timing', 'Bad timing', 'زمان نامناسب', 'توقيت غير مناسب', 5),
  ('lost_reason', 'unqualified', 'Not qualified', 'فاقد شرایط', 'غير مؤهل', 6),
  ('lost_reason', 'other', 'Other', 'سایر', 'أخرى', 7);
