-- How often a lead has crossed the MQL threshold: the number names each crossing, so its alert is
-- sent once however often or on however many nodes the lead is rescored.
alter table score_state add column crossings int not null default 0;
