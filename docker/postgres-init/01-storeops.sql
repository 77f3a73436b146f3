-- The application's own role and database, next to Temporal's in the same cluster.
--
-- Run once by the postgres image's entrypoint (files in /docker-entrypoint-initdb.d),
-- only when the data volume is empty, as the cluster's superuser (POSTGRES_USER,
-- `temporal`), with psql and ON_ERROR_STOP. To change the password later:
--   ALTER ROLE storeops PASSWORD '…';  (then update STOREOPS_DB_PASSWORD in .env)
--
-- The password comes from the container's environment (STOREOPS_DB_PASSWORD, set by
-- docker-compose.yml from .env) through psql's \getenv (psql ≥ 15), so it is written
-- nowhere in the repository. If it is unset, :'storeops_password' stays unexpanded, the
-- statement fails and so does the first start, instead of creating a role without one.
\getenv storeops_password STOREOPS_DB_PASSWORD

-- Not a superuser and no CREATEDB/CREATEROLE: the API, the workers and the migrations only
-- need to own their database. Owning it lets the migrations create tables in its public
-- schema (PostgreSQL 15 no longer lets every role create there).
CREATE ROLE storeops LOGIN PASSWORD :'storeops_password';
CREATE DATABASE storeops OWNER storeops ENCODING 'UTF8';
-- Other roles of the cluster (Temporal's excepted, a superuser) cannot connect to it.
REVOKE ALL ON DATABASE storeops FROM PUBLIC;
