#!/bin/bash
# Runs once, when the postgres container starts on an empty data volume: one role and one database per
# service, the role owning its database (so Flyway can create the service's schema in it). Passwords come
# from the container's environment (<SERVICE>_DB_PASSWORD, set from compose/.env).
set -euo pipefail

for service in users stores search payments ordering notifications baskets; do
  var="${service^^}_DB_PASSWORD"
  password="${!var:-}"
  if [[ -z "$password" ]]; then
    echo "init-databases: $var is empty: set it in compose/.env" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'role') \gexec
SQL
  echo "init-databases: database and role '$service' ready"
done
