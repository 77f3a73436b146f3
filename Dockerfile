# One image for every StoreOps process. The default command runs the API; the same image
# runs a worker or the migrations with a different command (see docker-compose.yml):
#
#   docker run storeops                                            # API on :3000
#   docker run storeops node --import tsx workers/commerce.ts      # worker, queue commerce
#   docker run storeops node --import tsx workers/ops.ts           # worker, queue ops
#   docker run storeops node --import tsx scripts/db-migrate.ts    # apply migrations, exit
#
# The sources run as TypeScript through tsx (a runtime dependency in package.json), as in
# development: there is no compiled JavaScript, `npm run build` is a type-check only.

# Node 20 because package.json "engines" says >=20 <22. For reproducible production
# builds, pin the digest: --build-arg NODE_IMAGE=node:20-bookworm-slim@sha256:…
# Debian (glibc), not Alpine: the prebuilt native modules (@temporalio/core-bridge,
# argon2) ship for linux-gnu, so nothing is compiled here.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: full install, type-check, bundle the workflows once ----------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Type-check (tsconfig.json has noEmit; it includes test/, hence the full context here).
RUN npm run build
# Workers load this bundle (WORKFLOW_BUNDLE_PATH) instead of running webpack over
# workflows/ at every start. writeWorkflowBundle is async: fail the build if it rejects.
RUN node --import tsx -e "require('./scripts/lib/workflow-bundle').writeWorkflowBundle('dist/workflow-bundle.js').catch((error) => { console.error(error); process.exit(1); })" \
 && test -s dist/workflow-bundle.js

# --- prod-deps: dependencies only (tsx included: it is in "dependencies") --------------
# A separate clean install rather than pruning the build stage's node_modules, so the
# runtime gets exactly what the lockfile says for production and no dev tooling.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
# Code and dependencies stay owned by root and are only readable by the `node` user the
# processes run as: a compromised process cannot rewrite the application. (tsx keeps its
# transform cache in the OS temp dir, /tmp, which is writable.)
COPY --from=prod-deps /app/node_modules ./node_modules
# package.json (no "type": CommonJS) and tsconfig.json are read by tsx at run time.
COPY --from=build /app/package.json /app/tsconfig.json ./
# The sources the processes import, taken from the stage that type-checked them. Not
# test/: the tests never run in this image.
COPY --from=build /app/api ./api
COPY --from=build /app/activities ./activities
COPY --from=build /app/config ./config
COPY --from=build /app/db ./db
COPY --from=build /app/domain ./domain
COPY --from=build /app/temporal ./temporal
COPY --from=build /app/workers ./workers
COPY --from=build /app/workflows ./workflows
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/dist/workflow-bundle.js ./dist/workflow-bundle.js

# The `node` user (uid 1000) comes with the official Node images.
USER node
EXPOSE 3000

# Liveness of the API (GET /healthz answers without touching Postgres or Temporal, so a
# database outage does not get the container restarted; /readyz is for load balancers).
# Node's built-in fetch: the slim image has no curl or wget. The API listens on API_PORT
# (default 3000); 127.0.0.1 works whether API_HOST is 0.0.0.0 or 127.0.0.1. Containers
# that run a worker or the migrations from this image must disable this check
# (docker-compose.yml does), as nothing listens there.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 3000) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]

# Exec form, so node itself receives SIGTERM (api/server.ts and the Temporal worker both
# shut down gracefully on it). With `docker run`, add --init to also reap zombies.
CMD ["node", "--import", "tsx", "api/server.ts"]
