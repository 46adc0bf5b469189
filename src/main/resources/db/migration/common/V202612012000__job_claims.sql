-- Each claim of a job gets a token: a runner whose job was taken over (its heartbeat had stopped)
-- finds out at its next write and stops, instead of writing over the new runner's progress.
alter table job add column claim varchar(40);
