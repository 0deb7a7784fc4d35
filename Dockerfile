# Kilt's image. There is no build step: Node 24 runs the TypeScript sources directly (type stripping), so the build
# stage only installs the production dependencies.

# The full image carries python3, make and g++, so argon2 still installs on a platform it ships no prebuilt binary
# for; on linux x64 and arm64 (glibc) it uses the prebuilt one. Both stages are Debian bookworm: same glibc.
FROM node:24-bookworm AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# jemalloc, which bin/serve.sh preloads (README, Memory): argon2id's 19 MiB per hash is reused by the next hash
# instead of mapped afresh, and handed back once no hash needs it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends libjemalloc2 \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY views ./views
COPY public ./public
# The files stay root's: the process cannot change its own code. Kilt writes nothing to disk in production (the store
# is MongoDB, logs go to stdout) but Node's compile cache (bin/kilt.mjs), filled here with every module the server
# loads, so that a container starts without the type stripper in memory. Node keeps one cache per set of V8 flags:
# these are the flags bin/serve.sh gives node.
USER node
ENV NODE_COMPILE_CACHE=/home/node/.cache/node-compile-cache
RUN node --expose-gc --max-semi-space-size=4 --heap-growing-percent=10 bin/kilt.mjs help > /dev/null \
  && node --expose-gc --max-semi-space-size=4 --heap-growing-percent=10 --input-type=module -e "for (const module of ['./src/main.ts', './src/adapters/mongo/index.ts', './src/adapters/mail/smtp-mailer.ts', './src/adapters/sms/twilio-sms.ts']) await import(module); (await import('node:module')).flushCompileCache(); process.exit(0)"
EXPOSE 3000
# Slim images have no curl; Node 24 has fetch. PORT is read at run time, as Kilt reads it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
# Node runs as PID 1 without an init (the script execs it): Kilt handles SIGTERM and SIGINT itself (graceful shutdown)
# and starts no child processes in production.
CMD ["sh", "bin/serve.sh"]
