-- First and last touch of each lead: the campaign parameters of the first and of the latest
-- tracked event that carried any (what source and campaign reports credit).
alter table lead add column first_touch_source varchar(200);
alter table lead add column first_touch_medium varchar(200);
alter table lead add column first_touch_campaign varchar(200);
alter table lead add column first_touch_at timestamp with time zone;
alter table lead add column last_touch_source varchar(200);
alter table lead add column last_touch_medium varchar(200);
alter table lead add column last_touch_campaign varchar(200);
alter table lead add column last_touch_at timestamp with time zone;
