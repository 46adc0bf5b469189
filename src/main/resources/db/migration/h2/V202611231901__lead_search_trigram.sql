-- H2 has no trigram index; substring search scans the search_text column. Kept so that both
-- databases share one version history.
select 1;
