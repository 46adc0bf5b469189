-- phone_digits is searched with LIKE '%digits%', which no btree serves: the index was maintained on
-- every write and read by nothing. (PostgreSQL's twin also makes the sparse key indexes partial.)
drop index lead_phone_digits_ix;
