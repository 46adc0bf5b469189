-- Email templates: a name and one variant per language (subject, HTML and text bodies with merge
-- fields), checked when saved; sequences and test sends render them for a lead.
create table email_template (
  id                uuid primary key,
  name              varchar(100) not null,
  default_language  varchar(2)   not null,
  created_at        timestamp with time zone not null,
  created_by        uuid,
  updated_at        timestamp with time zone not null,
  version           bigint       not null default 0,
  constraint email_template_name_uk unique (name)
);

create table email_template_variant (
  template_id  uuid         not null references email_template (id) on delete cascade,
  language     varchar(2)   not null,
  subject      varchar(200) not null,
  html         varchar(100000),
  body_text    varchar(50000) not null,
  primary key (template_id, language)
);
