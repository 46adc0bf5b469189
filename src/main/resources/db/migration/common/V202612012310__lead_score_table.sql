-- Scores move out of the lead row into a narrow table of their own. Scoring rewrites scores all
-- the time; in the lead row every such write was a new version of a wide row and an entry in each
-- of its indexes (the trigram index too), and an edit of the lead wrote back the score it had read.
-- No foreign key, like the change log: rows are written with the lead, in bulk loads by COPY.
create table lead_score (
  lead_id     uuid primary key,
  fit         int not null default 0,
  engagement  int not null default 0,
  total       int not null default 0
);
insert into lead_score (lead_id, fit, engagement, total) select id, score_fit, score_engagement, score_total from lead;
create index lead_score_total_ix on lead_score (total, lead_id);
drop index lead_score_ix;
alter table lead drop column score_fit;
alter table lead drop column score_engagement;
alter table lead drop column score_total;
