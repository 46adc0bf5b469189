-- PostgreSQL only: trigram indexes make substring search (q) on names, email and company an index
-- scan at millions of leads. H2 scans instead (its migration folder has a no-op twin of this version).
create extension if not exists pg_trgm;
create index lead_search_trgm_ix on lead using gin (search_text gin_trgm_ops);
create index lead_phone_trgm_ix on lead using gin (phone_digits gin_trgm_ops);
