-- A copy of deploy/postgres/init/10-databases.sql (kustomize reads files only below the overlay;
-- tests/integration/test_k8s_manifests.py keeps the two equal).
-- Run once by the postgres image on an empty data volume (docker-compose.yml mounts this folder
-- at /docker-entrypoint-initdb.d). One database per service; each service creates its own tables.
CREATE DATABASE kohtaanto_vacancy;
CREATE DATABASE kohtaanto_profile;
CREATE DATABASE kohtaanto_matching;
